import { useSession } from '../auth/session';
import { useConnection } from '../../live/useConnection';
import { useKillSwitch } from '../killSwitch/useKillSwitch';

export interface Gate {
  allowed: boolean;
  /** Why the action is blocked, for the tooltip and the disabled-reason line. */
  reason: string | null;
}

/** Whether this user may place orders right now, and if not, why. Fails closed. */
export function useTradingGate(): Gate {
  const session = useSession();
  const connection = useConnection();
  const { state } = useKillSwitch();
  let reason: string | null = null;
  if (!session?.permissions.includes('orders:write'))
    reason = `Read-only: your role (${session?.user.role ?? 'none'}) cannot place orders`;
  else if (state === 'engaged') reason = 'Trading halted: kill switch engaged';
  else if (connection.status !== 'connected')
    reason =
      connection.status === 'connecting' && connection.attempt === 0
        ? 'Trading unavailable: connecting to live data…'
        : 'Trading disabled: live connection lost';
  else if (state === 'unknown') reason = 'Trading halted: kill switch state unknown';
  return { allowed: reason === null, reason };
}

/** Cancels reduce risk, so the kill switch does not block them; the connection and role do. */
export function useCancelGate(): Gate {
  const session = useSession();
  const connection = useConnection();
  let reason: string | null = null;
  if (!session?.permissions.includes('orders:write'))
    reason = 'Read-only: your role cannot cancel orders';
  else if (connection.status !== 'connected') reason = 'Cancel disabled: live connection lost';
  return { allowed: reason === null, reason };
}
