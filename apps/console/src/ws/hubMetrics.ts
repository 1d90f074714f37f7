/** What the hub reports as it runs (implemented with prom-client in ../metrics). */
export interface HubMetrics {
  /** Frames written to sockets. */
  sent(n: number): void;
  /** Deltas merged into one already waiting for the same client (coalescing). */
  conflated(n: number): void;
  /** Deltas not sent because a snapshot will replace them (slow socket or overflow). */
  dropped(n: number): void;
  /** Milliseconds from the gateway publishing a change to its frame being written. */
  latency(ms: number): void;
}

export const NO_METRICS: HubMetrics = {
  sent: () => undefined,
  conflated: () => undefined,
  dropped: () => undefined,
  latency: () => undefined,
};
