import { WifiOff } from 'lucide-react';
import { liveSocket } from '../../live/socket';
import { isConnectionLost, secondsUntil } from '../../live/connectionText';
import { useConnection } from '../../live/useConnection';
import { useNow } from '../../live/useNow';
import { Button } from '../../ui/Button';

/** Across the top while the live connection is lost; the page stays readable below it. */
export function ConnectionBanner() {
  const state = useConnection();
  const now = useNow();
  if (!isConnectionLost(state)) return null;
  const message =
    state.status === 'offline'
      ? 'You are offline — live data paused, trading disabled'
      : state.status === 'reconnecting'
        ? `Connection lost — reconnecting in ${secondsUntil(state.retryAt, now)} s`
        : 'Connection lost — reconnecting now…';
  return (
    <div
      data-testid="connection-banner"
      className="flex h-9 shrink-0 items-center justify-center gap-3 border-b border-warn/40 bg-warn/10 px-4 text-ui text-warn"
    >
      <WifiOff aria-hidden className="size-4" />
      <span className="num">{message}</span>
      <span className="hidden text-xs text-muted md:inline">
        Data on screen may be out of date; trading actions are disabled.
      </span>
      <Button size="sm" variant="outline" onClick={() => liveSocket.retryNow()}>
        Retry now
      </Button>
    </div>
  );
}
