import { GATEWAY_EVENTS_CHANNEL, GatewayEvent } from '@qd/contracts';
import { MemoryBus } from '@qd/platform';
import { describe, expect, it } from 'vitest';
import { Publisher } from './publisher';

describe('Publisher seqs', () => {
  it('count up by one per topic, and a restarted gateway continues above every earlier seq', async () => {
    const bus = new MemoryBus();
    const seen: GatewayEvent[] = [];
    await bus.subscribe(GATEWAY_EVENTS_CHANNEL, (m) =>
      seen.push(GatewayEvent.parse(JSON.parse(m))),
    );
    let clock = 1_795_600_000_000;
    const first = new Publisher(bus, () => clock);
    for (let i = 0; i < 5; i++) await first.publish('fills', { add: [] });
    await first.publish('orders', { upsert: [] });
    clock += 1; // restarted one millisecond later
    const second = new Publisher(bus, () => clock);
    await second.publish('fills', { add: [] });
    await new Promise((r) => setTimeout(r, 0));
    const fills = seen.filter((e) => e.topic === 'fills').map((e) => e.seq);
    expect(fills.slice(1, 5).map((s, i) => s - fills[i]!)).toEqual([1, 1, 1, 1]);
    expect(fills[5]!).toBeGreaterThan(fills[4]! + 1); // a gap: consumers resnapshot
    expect(second.seq('orders')).toBeGreaterThan(first.seq('orders'));
    expect(Number.isSafeInteger(second.seq('fills'))).toBe(true);
  });
});
