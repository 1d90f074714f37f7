/** How long a successful read of the kill-switch or breaker state is trusted without re-reading. */
export const CONTROL_STATE_MAX_AGE_MS = 1_000;

/**
 * The last successful read of a durable control state (kill switch, breaker), trusted for
 * `maxAgeMs`. The gateway is the only writer of these rows and invalidates after each write, so
 * the re-read is what notices a database that has become unreadable: a failed read is never
 * cached and propagates, so callers report the state unknown and trading fails closed. This
 * takes the database off the order path and the market tick (one read a second at most instead
 * of one per order and per tick).
 */
export class FreshState<T> {
  private value: { v: T; at: number } | null = null;
  /** Bumped by every invalidation: a read that started before a write must not be cached. */
  private generation = 0;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly now: () => number,
    private readonly maxAgeMs = CONTROL_STATE_MAX_AGE_MS,
  ) {}

  /** The state, re-read when the last read is older than maxAgeMs (or was invalidated). */
  async get(): Promise<T> {
    const t = this.now();
    if (this.value && t - this.value.at < this.maxAgeMs && t >= this.value.at) return this.value.v;
    const generation = this.generation;
    const v = await this.read();
    if (generation === this.generation) this.value = { v, at: t };
    return v;
  }

  /**
   * Re-reads ahead of expiry (the market loop calls this every tick) when the value is missing
   * or would expire within `marginMs`, so an order finds a fresh value and reads nothing. A
   * failed read changes nothing here: the last value still expires on time, and the next get()
   * then reads itself and fails closed.
   */
  async refreshAhead(marginMs: number): Promise<void> {
    const t = this.now();
    if (this.value && t - this.value.at < this.maxAgeMs - marginMs && t >= this.value.at) return;
    const generation = this.generation;
    try {
      const v = await this.read();
      if (generation === this.generation) this.value = { v, at: t };
    } catch {
      // Left to expire: see above.
    }
  }

  /** Forgets the cached state (after a write): the next get() reads the database. */
  invalidate(): void {
    this.generation++;
    this.value = null;
  }
}
