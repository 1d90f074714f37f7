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

  it('is refreshed ahead of expiry, so a get within the age reads nothing', async () => {
    const h = harness();
    await h.state.refreshAhead(300);
    expect(h.reads()).toBe(1);
    h.advance(600);
    await h.state.refreshAhead(300); // 400 ms left: not yet
    expect(h.reads()).toBe(1);
    h.set('b');
    h.advance(100);
    await h.state.refreshAhead(300); // 300 ms left: re-read now
    expect(h.reads()).toBe(2);
    h.advance(999);
    expect(await h.state.get()).toBe('b');
    expect(h.reads()).toBe(2);
  });

  it('keeps the last value after a failed refresh only until it expires, then fails closed', async () => {
    const h = harness();
    await h.state.get();
    h.failing(true);
    h.advance(800);
    await h.state.refreshAhead(300);
    expect(await h.state.get()).toBe('a');
    h.advance(200);
    await expect(h.state.get()).rejects.toThrow('unreadable');
  });

  it('does not keep a refresh that was in flight when a write invalidated the state', async () => {
    const h = harness();
    const inFlight = h.state.refreshAhead(300);
    h.state.invalidate();
    h.set('b');
    await inFlight;
    expect(await h.state.get()).toBe('b');
    expect(h.reads()).toBe(2);
  });
});
