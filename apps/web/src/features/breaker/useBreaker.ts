import type { BreakerStatus } from '@qd/contracts';
import { useTopic } from '../../live/useTopic';

export type BreakerState = 'armed' | 'tripped' | 'unknown';

export const BREAKER_STATE_TEXT: Record<BreakerState, string> = {
  armed: 'BREAKER ARMED',
  tripped: 'BREAKER TRIPPED',
  unknown: 'BREAKER UNKNOWN',
};

/** The live circuit-breaker status (for the page, the header badge and the ticket gate). */
export function useBreaker(): { status: BreakerStatus | undefined; state: BreakerState } {
  const status = useTopic('breaker');
  const state: BreakerState = !status ? 'unknown' : status.state.tripped ? 'tripped' : 'armed';
  return { status, state };
}
