import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleFills, type SettlementFill } from './fillSettlement';
import { dec, str } from './money';
import { FLAT, type PositionState } from './position';

const start = { cash: dec(100_000), realizedPnlToday: dec(0) };
const fill = (
  symbol: string,
  side: 'buy' | 'sell',
  qty: number,
  price: string,
): SettlementFill => ({
  symbol,
  side,
  qty: dec(qty),
  price: dec(price),
});
const none = () => undefined;

describe('settleFills', () => {
  it('spends cash on a buy and opens the position at the fill price', () => {
    const s = settleFills(start, none, [fill('AAPL', 'buy', 10, '187.25')]);
    expect(str(s.cash)).toBe('98127.5');
    expect(str(s.realizedPnlToday)).toBe('0');
    const p = s.positions.get('AAPL')!;
    expect([str(p.qty), str(p.avgPrice), str(p.realizedPnl)]).toEqual(['10', '187.25', '0']);
  });

  it('realizes the day P&L of a sell against the held average and receives its cash', () => {
    const held: PositionState = { qty: dec(10), avgPrice: dec(100), realizedPnl: dec(7) };
    const s = settleFills(start, (sym) => (sym === 'MSFT' ? held : undefined), [
      fill('MSFT', 'sell', 4, '112.5'),
    ]);
    expect(str(s.cash)).toBe('100450');
    expect(str(s.realizedPnlToday)).toBe('50');
    expect(str(s.positions.get('MSFT')!.realizedPnl)).toBe('57');
    expect(str(s.positions.get('MSFT')!.qty)).toBe('6');
  });

  it('chains fills of one symbol and reports only the last state per symbol', () => {
    const s = settleFills(start, none, [
      fill('AAPL', 'buy', 10, '100'),
      fill('AAPL', 'sell', 15, '90'),
      fill('NVDA', 'buy', 1, '500'),
    ]);
    expect([...s.positions.keys()]).toEqual(['AAPL', 'NVDA']);
    const a = s.positions.get('AAPL')!;
    expect([str(a.qty), str(a.avgPrice), str(a.realizedPnl)]).toEqual(['-5', '90', '-100']);
    expect(str(s.cash)).toBe(str(dec(100_000).minus(1000).plus(1350).minus(500)));
    expect(str(s.realizedPnlToday)).toBe('-100');
  });

  it('changes nothing it is given', () => {
    const held: PositionState = { qty: dec(3), avgPrice: dec(10), realizedPnl: dec(0) };
    const account = { cash: dec(50), realizedPnlToday: dec(1) };
    settleFills(account, () => held, [fill('X', 'sell', 3, '12')]);
    expect([str(held.qty), str(account.cash), str(account.realizedPnlToday)]).toEqual([
      '3',
      '50',
      '1',
    ]);
  });

  it('settles a batch exactly as it settles the same fills one at a time', () => {
    const anyFill = fc.record({
      symbol: fc.constantFrom('A', 'B'),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      qty: fc.integer({ min: 1, max: 500 }).map((n) => dec(n)),
      price: fc.integer({ min: 1, max: 100_000 }).map((c) => dec(c).div(100)),
    });
    fc.assert(
      fc.property(fc.array(anyFill, { maxLength: 12 }), (fills) => {
        const batch = settleFills(start, none, fills);
        let acc = start;
        const held = new Map<string, PositionState>();
        for (const f of fills) {
          const s = settleFills(acc, (sym) => held.get(sym), [f]);
          acc = s;
          for (const [sym, p] of s.positions) held.set(sym, p);
        }
        expect(batch.cash.eq(acc.cash)).toBe(true);
        expect(batch.realizedPnlToday.eq(acc.realizedPnlToday)).toBe(true);
        for (const [sym, p] of batch.positions) {
          const one = held.get(sym) ?? FLAT;
          expect([p.qty.eq(one.qty), p.avgPrice.eq(one.avgPrice)]).toEqual([true, true]);
          expect(p.realizedPnl.eq(one.realizedPnl)).toBe(true);
        }
      }),
    );
  });
});
