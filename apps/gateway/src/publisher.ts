import { GATEWAY_EVENTS_CHANNEL, type GatewayEvent } from '@qd/contracts';
import type { Bus } from '@qd/platform';

/**
 * Publishes gateway events with a per-topic monotonic seq. The counters live in memory but start
 * from the process start time in microseconds (`startMs × 1000`), so a restarted gateway's seqs
 * are still above every seq its previous life published (unless it published more than a million
 * events a second per topic). A console or browser resuming from an old seq thus sees a gap and
 * takes a snapshot; seqs never go backwards, so nothing can be mistaken for a duplicate.
 */
export class Publisher {
  private readonly seqs = new Map<string, number>();
  private readonly base: number;

  constructor(
    private readonly bus: Bus,
    now: () => number = Date.now,
  ) {
    this.base = now() * 1000;
  }

  /** The seq the next snapshot of a topic corresponds to. */
  seq(topic: string): number {
    return this.seqs.get(topic) ?? this.base;
  }

  async publish(topic: string, data: unknown): Promise<void> {
    const seq = this.seq(topic) + 1;
    this.seqs.set(topic, seq);
    const event: GatewayEvent = { topic, seq, data, ts: Date.now() };
    await this.bus.publish(GATEWAY_EVENTS_CHANNEL, JSON.stringify(event));
  }
}
