import type { ConnectionState } from './socket';

/** Whole seconds until the next reconnect attempt. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export function connectionLabel(state: ConnectionState, now: number): string {
  switch (state.status) {
    case 'connected':
      return 'Connected';
    case 'connecting':
      return state.attempt > 0 ? 'Reconnecting…' : 'Connecting…';
    case 'reconnecting':
      return `Reconnecting in ${secondsUntil(state.retryAt, now)}s`;
    default:
      return 'Offline';
  }
}

/** True once the connection has been lost (not merely not yet made). */
export function isConnectionLost(state: ConnectionState): boolean {
  return (
    state.status === 'reconnecting' ||
    state.status === 'offline' ||
    (state.status === 'connecting' && state.attempt > 0)
  );
}
