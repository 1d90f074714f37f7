import { useConnection } from '../../live/useConnection';
import { connectionLabel } from '../../live/connectionText';
import { useNow } from '../../live/useNow';
import { systemSummary } from '../../live/systemText';
import { useTopic } from '../../live/useTopic';

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
  // The health of the services as the instance this tab is on sees them, on hover.
  const system = useTopic('system');
  return (
    <span
      title={systemSummary(system)}
      data-testid="connection-health"
      className="inline-flex h-6 items-center gap-1.5 whitespace-nowrap rounded-md border border-line-strong bg-raised px-2 text-xs font-medium"
    >
      <span aria-hidden className={`size-2 rounded-full ${DOT[state.status]}`} />
      <span data-testid="connection-badge" className="num">
        {connectionLabel(state, now)}
      </span>
    </span>
  );
}
