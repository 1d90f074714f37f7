import { useConnection } from '../../live/useConnection';
import { connectionLabel } from '../../live/connectionText';
import { useNow } from '../../live/useNow';

const DOT: Record<string, string> = {
  connected: 'bg-up',
  connecting: 'bg-warn',
  reconnecting: 'bg-warn',
  offline: 'bg-down',
  idle: 'bg-faint',
};

/** Live connection state, always in the same place in the header. */
export function ConnectionBadge() {
  const state = useConnection();
  const now = useNow();
  return (
    <span className="inline-flex h-6 items-center gap-1.5 whitespace-nowrap rounded-md border border-line-strong bg-raised px-2 text-xs font-medium">
      <span aria-hidden className={`size-2 rounded-full ${DOT[state.status]}`} />
      <span data-testid="connection-badge" className="num">
        {connectionLabel(state, now)}
      </span>
    </span>
  );
}
