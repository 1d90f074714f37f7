import { describe, expect, it } from 'vitest';
import { marketDataTransition, mayRaiseAgain } from './alertEdges';

describe('marketDataTransition', () => {
  it('reports stale once when data ages past the limit, and fresh once when it recovers', () => {
    expect(marketDataTransition(false, 6000, 5000)).toBe('stale');
    expect(marketDataTransition(true, 7000, 5000)).toBeNull();
    expect(marketDataTransition(true, 100, 5000)).toBe('fresh');
    expect(marketDataTransition(false, 100, 5000)).toBeNull();
  });

  it('at start reports only a problem; unknown age counts as stale', () => {
    expect(marketDataTransition(null, 100, 5000)).toBeNull();
    expect(marketDataTransition(null, null, 5000)).toBe('stale');
    expect(marketDataTransition(false, null, 5000)).toBe('stale');
  });
});

describe('mayRaiseAgain', () => {
  it('allows the first alert and then one per gap', () => {
    expect(mayRaiseAgain(null, 0, 60_000)).toBe(true);
    expect(mayRaiseAgain(1000, 30_000, 60_000)).toBe(false);
    expect(mayRaiseAgain(1000, 61_000, 60_000)).toBe(true);
  });
});
