import { describe, expect, it } from 'vitest';
import { MemoryBus } from './memoryBus';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('MemoryBus', () => {
  it('delivers a message to every subscriber of the channel, in publish order', async () => {
    const bus = new MemoryBus();
    const a: string[] = [];
    const b: string[] = [];
    await bus.subscribe('c', (m) => a.push(m));
    await bus.subscribe('c', (m) => b.push(m));
    await bus.publish('c', '1');
    await bus.publish('c', '2');
    await settle();
    expect(a).toEqual(['1', '2']);
    expect(b).toEqual(['1', '2']);
  });

  it('does not deliver to other channels or after unsubscribe', async () => {
    const bus = new MemoryBus();
    const got: string[] = [];
    const off = await bus.subscribe('c', (m) => got.push(m));
    await bus.publish('other', 'x');
    await off();
    await bus.publish('c', 'y');
    await settle();
    expect(got).toEqual([]);
  });

  it('refuses to publish once closed', async () => {
    const bus = new MemoryBus();
    await bus.close();
    await expect(bus.publish('c', 'x')).rejects.toThrow(/closed/);
  });
});
