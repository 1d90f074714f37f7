import { describe, expect, it } from 'vitest';
import { FreshState } from './freshState';

function harness() {
  let clock = 0;
  let reads = 0;
  let value = 'a';
  let fail = false;
  const state = new FreshState(
    async () => {
      reads++;
      if (fail) throw new Error('unreadable');
      return value;
    },
    () => clock,
    1_000,
  );
  return {
    state,
    reads: () => reads,
    advance: (ms: number) => (clock += ms),
    set: (v: string) => (value = v),
    failing: (f: boolean) => (fail = f),
  };
}

describe('FreshState', () => {
  it('reads once, then trusts the value until it is maxAgeMs old', async () => {
    const h = harness();
    expect(await h.state.get()).toBe('a');
    h.set('b');
    h.advance(999);
    expect(await h.state.get()).toBe('a');
    expect(h.reads()).toBe(1);
    h.advance(1);
    expect(await h.state.get()).toBe('b');
    expect(h.reads()).toBe(2);
  });

  it('re-reads at once after an invalidation (a write)', async () => {
    const h = harness();
    await h.state.get();
    h.set('b');
    h.state.invalidate();
    expect(await h.state.get()).toBe('b');
  });

  it('never caches a failed read: the failure reaches every caller until a read succeeds', async () => {
    const h = harness();
    await h.state.get();
    h.failing(true);
    h.advance(1_000);
    await expect(h.state.get()).rejects.toThrow('unreadable');
    await expect(h.state.get()).rejects.toThrow('unreadable');
    h.failing(false);
    expect(await h.state.get()).toBe('a');
  });

  it('does not keep a read that was in flight when a write invalidated the state', async () => {
    const h = harness();
    const inFlight = h.state.get();
    h.state.invalidate();
    h.set('b');
    expect(await inFlight).toBe('a');
    expect(await h.state.get()).toBe('b');
    expect(h.reads()).toBe(2);
  });
});
