import { isConnectionLost } from '../../live/connectionText';
import { useConnection } from '../../live/useConnection';
import { useFreshness } from '../../live/useFreshness';
import { useKillSwitch } from '../killSwitch/useKillSwitch';
import { useBreaker } from './useBreaker';

export type TradingStatus = 'active' | 'halted' | 'unknown';

export interface TradingStatusView {
  status: TradingStatus;
  /** The status is the last one known but no longer confirmed (socket down or data > 30 s). */
  stale: boolean;
  reason: string;
}

/** One answer to "can the desk trade right now?", from kill switch, breaker and connection. */
export function useTradingStatus(): TradingStatusView {
  const { status: ks, state } = useKillSwitch();
  const breaker = useBreaker();
  const connection = useConnection();
  const fresh = useFreshness('killswitch');
  const stale = isConnectionLost(connection) || fresh.stale;
  if (state === 'engaged')
    return {
      status: 'halted',
      stale,
      reason: `Kill switch engaged by ${ks?.state.changedBy ?? 'unknown'}: ${ks?.state.reason ?? ''}`,
    };
  if (breaker.state === 'tripped')
    return { status: 'halted', stale, reason: `Circuit breaker tripped: ${breaker.detail}` };
  if (state === 'unknown')
    return {
      status: 'unknown',
      stale,
      reason: 'Kill-switch state not received: orders are blocked until it is known',
    };
  if (breaker.state === 'unknown')
    return { status: 'unknown', stale, reason: 'Circuit-breaker state not received' };
  return { status: 'active', stale, reason: 'Kill switch released' };
}
