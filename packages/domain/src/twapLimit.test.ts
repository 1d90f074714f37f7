import { describe, expect, it } from 'vitest';
import { dec } from './money';
import { twapLimitPrice } from './twap';

const touch = { bid: dec('99.98'), ask: dec('100.02') };
const cent = dec('0.01');
const price = (side: 'buy' | 'sell', bps: number) =>
  twapLimitPrice(side, touch, bps, cent).toFixed();

describe('twapLimitPrice: limit slices at the touch ± an offset', () => {
  it('prices a buy off the ask and a sell off the bid; positive pays up, negative waits', () => {
    expect(price('buy', 0)).toBe('100.02');
    expect(price('sell', 0)).toBe('99.98');
    expect(price('buy', 10)).toBe('100.12'); // 100.02 × 1.001 = 100.12002
    expect(price('sell', 10)).toBe('99.89'); // 99.98 × 0.999 = 99.88002 → up to the cent
    expect(price('buy', -10)).toBe('99.91'); // 99.91998 → down to the cent
    expect(price('sell', -10)).toBe('100.08'); // 100.07998 → up to the cent
  });

  it('rounds towards the passive side, so rounding never exceeds the offset', () => {
    for (const bps of [-500, -37, -1, 1, 37, 500]) {
      const buy = twapLimitPrice('buy', touch, bps, cent);
      expect(buy.lte(touch.ask.mul(1 + bps / 10_000))).toBe(true);
      const sell = twapLimitPrice('sell', touch, bps, cent);
      expect(sell.gte(touch.bid.mul(1 - bps / 10_000))).toBe(true);
    }
  });

  it('refuses an offset beyond ±500 bps or a fraction of a bp', () => {
    expect(() => twapLimitPrice('buy', touch, 501, cent)).toThrow(RangeError);
    expect(() => twapLimitPrice('buy', touch, 1.5, cent)).toThrow(RangeError);
  });
});
