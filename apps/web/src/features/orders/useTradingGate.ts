import { formatAge } from '../../format/time';
import { useConnection } from '../../live/useConnection';
import { useFreshness } from '../../live/useFreshness';
import { useSession } from '../auth/session';
import { useKillSwitch } from '../killSwitch/useKillSwitch';
import { useBreaker } from '../shell/useBreaker';

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
  const breaker = useBreaker();
  let reason: string | null = null;
  if (!session?.permissions.includes('orders:write'))
    reason = `Read-only: your role (${session?.user.role ?? 'none'}) cannot place orders`;
  else if (state === 'engaged') reason = 'Trading halted: kill switch engaged';
  else if (breaker.state === 'tripped') reason = 'Trading halted: circuit breaker tripped';
  else if (connection.status !== 'connected')
    reason =
      connection.status === 'connecting' && connection.attempt === 0
        ? 'Trading unavailable: connecting to live data…'
        : 'Trading disabled: live connection lost';
  else if (state === 'unknown') reason = 'Trading halted: kill switch state unknown';
  else if (breaker.state === 'unknown') reason = 'Trading halted: circuit breaker state unknown';
  return { allowed: reason === null, reason };
}

/**
 * The ticket's gate: the trading gate, then the data the order is decided on — the symbol's
 * quote and the positions — must be live (≤ 30 s old).
 */
export function useTicketGate(symbol: string | null): Gate {
  const gate = useTradingGate();
  const quote = useFreshness(symbol ? `prices:${symbol}` : null);
  const positions = useFreshness('positions');
  if (!gate.allowed) return gate;
  let reason: string | null = null;
  if (symbol && quote.stale && quote.ageMs !== undefined)
    reason = `Price stale: the last ${symbol} quote is ${formatAge(quote.ageMs)} old`;
  else if (positions.stale && positions.ageMs !== undefined)
    reason = `Position data stale: last update ${formatAge(positions.ageMs)} ago`;
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
