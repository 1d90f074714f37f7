import { useBreaker as useBreakerTopic, type BreakerState } from '../breaker/useBreaker';

export interface BreakerView {
  state: BreakerState;
  /** Why the state is what it is, for the tooltip and the status banner. */
  detail: string;
}

/**
 * The circuit breaker as the shell shows it: the gateway's `breaker` topic, with a sentence for
 * the badge tooltip. Until the topic has arrived the state is unknown, which blocks trading.
 */
export function useBreaker(): BreakerView {
  const { status, state } = useBreakerTopic();
  if (!status || state === 'unknown')
    return { state, detail: 'Circuit-breaker state not received yet: orders are blocked' };
  const s = status.state;
  if (state === 'tripped')
    return {
      state,
      detail: `${s.rule ?? 'manual'} trip by ${s.changedBy ?? 'unknown'}: ${s.reason ?? ''}`,
    };
  return { state, detail: 'Armed: the automatic trip rules are watching' };
}
