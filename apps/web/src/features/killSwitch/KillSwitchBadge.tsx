import { OctagonX, ShieldCheck, ShieldQuestion } from 'lucide-react';
import { useKillSwitch, TRADING_STATE_TEXT } from './useKillSwitch';

const STYLE = {
  active: { cls: 'border-up/40 bg-up/10 text-up', Icon: ShieldCheck },
  engaged: { cls: 'border-down/60 bg-down/15 text-down', Icon: OctagonX },
  unknown: { cls: 'border-line-strong bg-raised text-muted', Icon: ShieldQuestion },
} as const;

/** Always-visible trading state in the header. */
export function KillSwitchBadge() {
  const { status, state } = useKillSwitch();
  const { cls, Icon } = STYLE[state];
  const title =
    state === 'engaged'
      ? `Engaged by ${status?.state.changedBy ?? 'unknown'}: ${status?.state.reason ?? ''}`
      : state === 'unknown'
        ? 'Kill-switch state not received yet: trading is blocked until it is known'
        : 'Kill switch released: trading allowed';
  return (
    <span
      title={title}
      className={`inline-flex h-6 items-center gap-1.5 rounded-md border px-2 text-xs font-semibold tracking-wide whitespace-nowrap ${cls}`}
    >
      <Icon aria-hidden className="size-3.5" />
      <span data-testid="killswitch-badge">{TRADING_STATE_TEXT[state]}</span>
    </span>
  );
}
