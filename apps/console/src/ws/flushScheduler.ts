/**
 * When the hub writes the frames waiting for its clients: on the next turn of the event loop (one
 * timer for every ready client, so a tick's frames leave in one write per client), or, after an
 * urgent change (URGENT_TOPICS), in a microtask as soon as the publishing code yields.
 */
export class FlushScheduler<C> {
  /** Clients with frames due now. */
  readonly ready = new Set<C>();
  private immediate: NodeJS.Immediate | null = null;
  private urgentQueued = false;

  constructor(private readonly flush: (client: C) => void) {}

  /** Schedules a flush of the ready clients; `urgent` runs it before the next turn. */
  kick(urgent = false): void {
    if (!this.ready.size) return;
    if (urgent && !this.urgentQueued) {
      this.urgentQueued = true;
      queueMicrotask(() => {
        this.urgentQueued = false;
        this.run();
      });
    } else if (!urgent && !this.immediate)
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.run();
      });
  }

  /** Drops a scheduled next-turn flush (the hub is closing). */
  cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
  }

  private run(): void {
    for (const c of this.ready) this.flush(c);
    this.ready.clear();
  }
}
