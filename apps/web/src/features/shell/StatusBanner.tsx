import { OctagonX, ShieldAlert, ShieldQuestion } from 'lucide-react';
import { useConnection } from '../../live/useConnection';
import { isConnectionLost } from '../../live/connectionText';
import { useTradingStatus } from './useTradingStatus';

const STYLE = {
  halted: { cls: 'border-down/50 bg-down/15 text-down', text: 'TRADING HALTED', Icon: OctagonX },
  unknown: {
    cls: 'border-line-strong bg-raised text-fg',
    text: 'TRADING STATE UNKNOWN',
    Icon: ShieldQuestion,
  },
  active: { cls: 'border-warn/40 bg-warn/10 text-warn', text: 'TRADING ACTIVE', Icon: ShieldAlert },
} as const;

/**
 * Across the top whenever trading is not plainly active: HALTED, UNKNOWN, or a STALE last-known
 * state. While the socket is down the connection banner speaks instead (one banner at a time).
 */
export function StatusBanner() {
  const view = useTradingStatus();
  const connection = useConnection();
  if (view.status === 'active' && !view.stale) return null;
  if (isConnectionLost(connection) && view.status === 'active') return null;
  const { cls, text, Icon } = STYLE[view.status];
  return (
    <div
      role="status"
      data-testid="status-banner"
      className={`flex h-8 shrink-0 items-center justify-center gap-2 border-b px-4 text-ui ${cls}`}
    >
      <Icon aria-hidden className="size-4 shrink-0" />
      <span className="font-semibold tracking-wide">
        {text}
        {view.stale && ' · STALE'}
      </span>
      <span className="hidden truncate text-xs opacity-90 md:inline">
        {view.stale ? 'Last known state, not confirmed for over 30 s. ' : ''}
        {view.reason}
      </span>
    </div>
  );
}
