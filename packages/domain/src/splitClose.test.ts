import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitClose } from './closePosition';
import { dec } from './money';

const shares = (parts: ReturnType<typeof splitClose>) =>
  parts.map((p) => [p.strategyId, p.qty.toNumber()]);

describe('splitClose: a manual close is attributed to the strategies holding the position', () => {
  it('a full close takes each strategy share and the rest, strategies first', () => {
    const held = dec(50);
    const strategies = [{ strategyId: 'momo', qty: dec(30) }];
    expect(shares(splitClose(held, strategies, held))).toEqual([
      ['momo', 30],
      [null, 20],
    ]);
  });

  it('a partial close takes the same fraction from every holder, in whole shares', () => {
    const strategies = [
      { strategyId: 'momo', qty: dec(-30) },
      { strategyId: 'meanrev', qty: dec(-10) },
    ];
    expect(shares(splitClose(dec(-50), strategies, dec(25)))).toEqual([
      ['momo', 15],
      ['meanrev', 5],
      [null, 5],
    ]);
    // 7 of 50: exact shares 4.2, 1.4, 1.4 → 4, 1, 1; the spare share goes to the largest
    // remainder (a tie: the first holder of it).
    expect(shares(splitClose(dec(-50), strategies, dec(7)))).toEqual([
      ['momo', 4],
      ['meanrev', 2],
      [null, 1],
    ]);
  });

  it('ignores strategies holding the other way and caps what they hold at the account', () => {
    const strategies = [
      { strategyId: 'short', qty: dec(-5) },
      { strategyId: 'big', qty: dec(80) },
    ];
    expect(shares(splitClose(dec(60), strategies, dec(60)))).toEqual([['big', 60]]);
  });

  it('property: the parts add up to the close, and none exceeds its holder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 10_000 }),
        (held, strategyQtys, closeRaw) => {
          const close = Math.min(held, closeRaw);
          const strategies = strategyQtys.map((q, i) => ({ strategyId: `s${i}`, qty: dec(q) }));
          const parts = splitClose(dec(held), strategies, dec(close));
          const sum = parts.reduce((a, p) => a + p.qty.toNumber(), 0);
          const full = splitClose(dec(held), strategies, dec(held));
          const cap = (id: string | null) =>
            full.find((p) => p.strategyId === id)?.qty.toNumber() ?? 0;
          return (
            sum === close &&
            parts.every((p) => p.qty.isInteger() && p.qty.toNumber() <= cap(p.strategyId))
          );
        },
      ),
    );
  });
});
