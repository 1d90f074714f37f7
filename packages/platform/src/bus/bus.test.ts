import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { Bus } from './bus';
import { MemoryBus } from './memoryBus';
import { RedisBus } from './redisBus';

/** Waits until the check passes (delivery is asynchronous on both buses). */
async function eventually(check: () => void): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      return check();
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  check();
}

// One contract, both implementations: the in-memory twin must behave like Redis pub/sub.
describe.each([
  { name: 'memory', make: (): Bus => new MemoryBus() },
  { name: 'redis', make: (): Bus => new RedisBus(inject('redisUrl')) },
])('$name bus', ({ make }) => {
  it('delivers a message to every subscriber of the channel, in publish order', async () => {
    const bus = make();
    const channel = randomUUID();
    const a: string[] = [];
    const b: string[] = [];
    await bus.subscribe(channel, (m) => a.push(m));
    await bus.subscribe(channel, (m) => b.push(m));
    for (const m of ['1', '2', '3']) await bus.publish(channel, m);
    await eventually(() => expect(a).toEqual(['1', '2', '3']));
    await eventually(() => expect(b).toEqual(['1', '2', '3']));
    await bus.close();
  });

  it('reaches subscribers on another connection (another process, for Redis)', async () => {
    const publisher = make();
    const subscriber = publisher instanceof MemoryBus ? publisher : make();
    const channel = randomUUID();
    const got: string[] = [];
    await subscriber.subscribe(channel, (m) => got.push(m));
    await publisher.publish(channel, 'hello');
    await eventually(() => expect(got).toEqual(['hello']));
    await publisher.close();
    if (subscriber !== publisher) await subscriber.close();
  });

  it('delivers nothing from other channels, nor after unsubscribe', async () => {
    const bus = make();
    const channel = randomUUID();
    const got: string[] = [];
    const kept: string[] = [];
    const off = await bus.subscribe(channel, (m) => got.push(m));
    await bus.subscribe(channel, (m) => kept.push(m));
    await bus.publish(randomUUID(), 'other');
    await off();
    await bus.publish(channel, 'after');
    await eventually(() => expect(kept).toEqual(['after']));
    expect(got).toEqual([]);
    await bus.close();
  });
});
