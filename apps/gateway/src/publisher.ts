import { GATEWAY_EVENTS_CHANNEL, type GatewayEvent } from '@qd/contracts';
import type { Bus } from '@qd/platform';

/**
 * Publishes gateway events with a per-topic monotonic seq. Seqs live in this process: a
 * restarted gateway starts again at 1 and consoles resnapshot when they see a seq go backwards.
 */
export class Publisher {
  private readonly seqs = new Map<string, number>();

  constructor(private readonly bus: Bus) {}

  /** The seq the next snapshot of a topic corresponds to. */
  seq(topic: string): number {
    return this.seqs.get(topic) ?? 0;
  }

  async publish(topic: string, data: unknown): Promise<void> {
    const seq = this.seq(topic) + 1;
    this.seqs.set(topic, seq);
    const event: GatewayEvent = { topic, seq, data };
    await this.bus.publish(GATEWAY_EVENTS_CHANNEL, JSON.stringify(event));
  }
}
