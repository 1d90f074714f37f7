export type BreakerState = 'armed' | 'tripped' | 'unknown';

export interface BreakerView {
  state: BreakerState;
  /** Why the state is what it is, for the tooltip. */
  detail: string;
  /** False until the gateway publishes a `breaker` topic. */
  published: boolean;
}

/**
 * The circuit breaker as the console knows it. The gateway does not publish a `breaker` topic
 * yet, so the state is honestly unknown (never shown as "armed" without evidence).
 */
export function useBreaker(): BreakerView {
  return {
    state: 'unknown',
    detail: 'The gateway does not publish circuit-breaker state yet',
    published: false,
  };
}
