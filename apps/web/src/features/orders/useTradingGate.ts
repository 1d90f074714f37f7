import { serverNow } from '../../api/client';
import { formatAge } from '../../format/time';
import { useConnection } from '../../live/useConnection';
import { STALE_AFTER_MS, useFreshness } from '../../live/useFreshness';
import { useNow } from '../../live/useNow';
import { useTopic } from '../../live/useTopic';
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
 * quote and the positions — must be live (≤ 30 s old). A quote is stale when the feed is silent
 * or when the quote itself is old (a symbol that stopped ticking on a live feed).
 */
export function useTicketGate(symbol: string | null): Gate {
  const gate = useTradingGate();
  useNow(); // re-render as the quote ages
  const topic = symbol ? (`prices:${symbol}` as const) : null;
  const feed = useFreshness(topic);
  const quote = useTopic(topic);
  const positions = useFreshness('positions');
  if (!gate.allowed) return gate;
  const quoteAge = quote ? Math.max(0, serverNow() - Date.parse(quote.ts)) : undefined;
  const priceAge = Math.max(feed.ageMs ?? 0, quoteAge ?? 0);
  let reason: string | null = null;
  if (symbol && (feed.stale || (quoteAge !== undefined && quoteAge > STALE_AFTER_MS)))
    reason = `Price stale: the last ${symbol} quote is ${formatAge(priceAge)} old`;
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
