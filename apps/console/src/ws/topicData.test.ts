import type { Fill, Order, Position } from '@qd/contracts';
import { describe, expect, it } from 'vitest';
import { applyDelta, deltaSize, mergeDeltas } from './topicData';

const pos = (symbol: string, qty: string) => ({ symbol, qty }) as Position;
const ord = (id: string, status: string, createdAt = '2026-11-25T10:00:00.000Z') =>
  ({ id, status, createdAt }) as Order;
const fill = (id: string) => ({ id }) as Fill;

describe('applyDelta', () => {
  it('replaces state topics with the latest value', () => {
    expect(applyDelta('account', { equity: '1' }, { equity: '2' })).toEqual({ equity: '2' });
  });

  it('upserts and removes positions by symbol', () => {
    const next = applyDelta('positions', [pos('AAPL', '1'), pos('MSFT', '2')], {
      upsert: [pos('AAPL', '5'), pos('NVDA', '1')],
      remove: ['MSFT'],
    });
    expect(next).toEqual([pos('AAPL', '5'), pos('NVDA', '1')]);
  });

  it('keeps every working order and only the 100 most recent finished ones', () => {
    const old = Array.from({ length: 120 }, (_, i) =>
      ord(`f${i}`, 'filled', new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()),
    );
    const working = ord('w', 'new', '2025-01-01T00:00:00.000Z');
    const next = applyDelta('orders', [working, ...old], { upsert: [] }) as Order[];
    expect(next).toHaveLength(101);
    expect(next.some((o) => o.id === 'w')).toBe(true);
    expect(next.some((o) => o.id === 'f0')).toBe(false);
  });

  it('prepends new fills, newest first, bounded', () => {
    const next = applyDelta(
      'fills',
      Array.from({ length: 100 }, (_, i) => fill(`old${i}`)),
      { add: [fill('new')] },
    ) as Fill[];
    expect(next).toHaveLength(100);
    expect(next[0]!.id).toBe('new');
  });
});

describe('mergeDeltas (coalescing for one client)', () => {
  it('keeps only the latest value of a state topic', () => {
    expect(mergeDeltas('prices:AAPL', { last: '1' }, { last: '2' })).toEqual({ last: '2' });
  });

  it('lets a later upsert cancel an earlier removal of the same position, and vice versa', () => {
    const a = mergeDeltas(
      'positions',
      { upsert: [], remove: ['AAPL'] },
      { upsert: [pos('AAPL', '3')], remove: [] },
    );
    expect(a).toEqual({ upsert: [pos('AAPL', '3')], remove: [] });
    const b = mergeDeltas(
      'positions',
      { upsert: [pos('AAPL', '3')], remove: [] },
      { upsert: [], remove: ['AAPL'] },
    );
    expect(b).toEqual({ upsert: [], remove: ['AAPL'] });
  });

  it('keeps the last version of each order', () => {
    const merged = mergeDeltas(
      'orders',
      { upsert: [ord('1', 'new')] },
      { upsert: [ord('1', 'filled'), ord('2', 'new')] },
    ) as { upsert: Order[] };
    expect(merged.upsert.map((o) => `${o.id}:${o.status}`)).toEqual(['1:filled', '2:new']);
  });

  it('accumulates fills, newest first, so none is lost between flushes', () => {
    const merged = mergeDeltas('fills', { add: [fill('a')] }, { add: [fill('b')] });
    expect(merged).toEqual({ add: [fill('b'), fill('a')] });
    expect(deltaSize('fills', merged)).toBe(2);
  });
});
