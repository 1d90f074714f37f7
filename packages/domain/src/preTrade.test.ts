import { describe, expect, it } from 'vitest';
import { buyingPowerImpact, computeAccount } from './account';
import { dec, str } from './money';
import { DEFAULT_LIMITS, preTradeChecks, type PreTradeInput } from './preTrade';

const base: PreTradeInput = {
  killSwitch: 'disengaged',
  tradable: true,
  qty: dec(10),
  estimatedPrice: dec(100),
  adv: 1_000_000,
  quoteAgeMs: 100,
  buyingPower: dec(1_000_000),
  buyingPowerNeeded: dec(1000),
  limits: DEFAULT_LIMITS,
  breaker: { view: 'ok', reason: null },
  exit: false,
  entriesPaused: null,
};
const failed = (i: Partial<PreTradeInput>) =>
  preTradeChecks({ ...base, ...i }).filter((c) => !c.ok);

describe('preTradeChecks', () => {
  it('passes an ordinary order', () => {
    expect(failed({})).toEqual([]);
  });

  it('fails closed when the kill switch is engaged or unknown', () => {
    expect(failed({ killSwitch: 'engaged' })[0]!.detail).toMatch(/engaged/);
    expect(failed({ killSwitch: 'unknown' })[0]!.detail).toMatch(/unknown/);
  });

  it('says which limit was broken and by how much', () => {
    const [notional] = failed({ qty: dec(60_000), estimatedPrice: dec(100), adv: 100_000_000 });
    expect(notional!.name).toBe('max_notional');
    expect(notional!.detail).toContain('by $1000000.00');
    expect(failed({ buyingPowerNeeded: dec(2_000_000) })[0]!.detail).toContain(
      'short by $1000000.00',
    );
  });

  it('rejects stale or missing quotes', () => {
    expect(failed({ quoteAgeMs: 10_000 })[0]!.name).toBe('quote_age');
    expect(failed({ quoteAgeMs: null })[0]!.detail).toMatch(/no market data/);
  });
});

describe('account', () => {
  it('computes equity, leverage and Reg-T buying power from cash and market values', () => {
    const a = computeAccount({
      cash: dec(50_000),
      dayStartEquity: dec(100_000),
      marketValues: [dec(60_000), dec(-10_000)],
    });
    expect(str(a.equity)).toBe('100000');
    expect(str(a.grossLeverage)).toBe('0.7');
    expect(str(a.buyingPower)).toBe('130000');
    expect(str(a.dayChange)).toBe('0');
  });

  it('charges buying power only for the part of an order that adds exposure', () => {
    expect(str(buyingPowerImpact(dec(0), dec(10), dec(100)))).toBe('1000');
    expect(str(buyingPowerImpact(dec(10), dec(-10), dec(100)))).toBe('0');
    expect(str(buyingPowerImpact(dec(10), dec(-15), dec(100)))).toBe('500');
  });
});
