import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, str } from './money';
import { applyFill, FLAT, markToMarket } from './position';

describe('applyFill', () => {
  it('averages the entry price when adding to a position', () => {
    const p = applyFill(applyFill(FLAT, dec(10), dec(100)), dec(10), dec(110));
    expect(str(p.qty)).toBe('20');
    expect(str(p.avgPrice)).toBe('105');
    expect(str(p.realizedPnl)).toBe('0');
  });

  it('realizes P&L against the average when reducing, keeping the average', () => {
    const p = applyFill(applyFill(FLAT, dec(10), dec(100)), dec(-4), dec(112.5));
    expect(str(p.qty)).toBe('6');
    expect(str(p.avgPrice)).toBe('100');
    expect(str(p.realizedPnl)).toBe('50');
  });

  it('realizes a short gain when buying back lower', () => {
    const p = applyFill(applyFill(FLAT, dec(-10), dec(50)), dec(10), dec(45));
    expect(str(p.qty)).toBe('0');
    expect(str(p.realizedPnl)).toBe('50');
  });

  it('opens the remainder at the fill price when a fill crosses through zero', () => {
    const p = applyFill(applyFill(FLAT, dec(10), dec(100)), dec(-15), dec(90));
    expect(str(p.qty)).toBe('-5');
    expect(str(p.avgPrice)).toBe('90');
    expect(str(p.realizedPnl)).toBe('-100');
  });

  it('marks to market with signed unrealized P&L and percent', () => {
    const p = applyFill(FLAT, dec(-10), dec(50));
    const m = markToMarket(p, dec(55));
    expect(str(m.marketValue)).toBe('-550');
    expect(str(m.unrealizedPnl)).toBe('-50');
    expect(str(m.unrealizedPnlPct)).toBe('-10');
  });

  it('round trip at one price is flat with zero realized P&L, for any size and price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.boolean(),
        (qty, cents, long) => {
          const price = dec(cents).div(100);
          const q = dec(long ? qty : -qty);
          const p = applyFill(applyFill(FLAT, q, price), q.neg(), price);
          expect(p.qty.isZero()).toBe(true);
          expect(p.realizedPnl.isZero()).toBe(true);
        },
      ),
    );
  });

  it('realized P&L of a round trip is exactly qty × price difference (no float error)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (qty, a, b) => {
          const buy = dec(a).div(100);
          const sell = dec(b).div(100);
          const p = applyFill(applyFill(FLAT, dec(qty), buy), dec(-qty), sell);
          expect(p.realizedPnl.equals(sell.minus(buy).mul(qty))).toBe(true);
        },
      ),
    );
  });
});
