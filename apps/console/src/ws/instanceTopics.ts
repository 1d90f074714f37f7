import { INSTANCE_TOPICS, topicFamily, type GatewayEvent } from '@qd/contracts';
import type { SnapshotSource } from './hubTypes';

/**
 * Topics this console instance owns itself (`system`): it assigns their seqs (from its start
 * time in microseconds, like the gateway) and feeds its own hub, never the bus. Snapshots of
 * these topics are answered here; every other topic is read from the gateway.
 */
export class InstanceTopics implements SnapshotSource {
  private readonly state = new Map<string, { seq: number; data: unknown }>();
  private readonly base = Date.now() * 1000;
  private sink: (raw: string) => void = () => undefined;

  constructor(private readonly gateway: SnapshotSource) {}

  /** Where published changes go (the hub's topic store). */
  connect(sink: (raw: string) => void): void {
    this.sink = sink;
  }

  async get(path: string): Promise<unknown> {
    const topic = path.startsWith('/v1/snapshot/') ? path.slice('/v1/snapshot/'.length) : null;
    if (!topic || !INSTANCE_TOPICS.has(topicFamily(topic))) return this.gateway.get(path);
    const s = this.state.get(topic);
    if (!s) throw new Error(`${topic} has no value yet`);
    return { topic, seq: s.seq, data: s.data } satisfies GatewayEvent;
  }

  /** Sets a topic's whole value (instance topics are state topics) and pushes it. */
  publish(topic: string, data: unknown): void {
    const seq = (this.state.get(topic)?.seq ?? this.base) + 1;
    this.state.set(topic, { seq, data });
    this.sink(JSON.stringify({ topic, seq, data, ts: Date.now() } satisfies GatewayEvent));
  }
}
