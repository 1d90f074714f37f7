import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBreaker, nextHighWaterMark, type BreakerThresholds } from './breakerRules';
import { closingOrder } from './closePosition';
import { dec } from './money';
import { DEFAULT_LIMITS, preTradeChecks, type PreTradeInput } from './preTrade';
import { DEFAULT_RISK_LIMITS, grossAfter, isExit, resolveLimits } from './riskLimits';
import { planTwap } from './twap';
import { EMPTY_SIGNAL, stepSignal } from './strategySignals';

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

describe('resolveLimits', () => {
  const cfg = {
    ...DEFAULT_RISK_LIMITS,
    symbols: { TSLA: { maxQty: '500' } },
    strategies: { momo: { maxPositionQty: '200' } },
  };
  it('applies a symbol override only to that symbol and says where it came from', () => {
    const t = resolveLimits(cfg, 'TSLA', null);
    expect(t.maxQty.toFixed()).toBe('500');
    expect(t.source.maxQty).toBe('TSLA override');
    expect(t.source.maxNotional).toBe('global');
    expect(resolveLimits(cfg, 'AAPL', null).maxQty.toFixed()).toBe('100000');
  });
  it('carries the strategy limits for strategy orders only', () => {
    expect(resolveLimits(cfg, 'AAPL', 'momo').strategyMaxPositionQty?.toFixed()).toBe('200');
    expect(resolveLimits(cfg, 'AAPL', null).strategyMaxPositionQty).toBeNull();
  });
  it('names the override in the reject', () => {
    const t = resolveLimits(cfg, 'TSLA', null);
    const [f] = failed({ qty: dec(600), limits: t, sources: t.source });
    expect(f!.name).toBe('max_qty');
    expect(f!.detail).toBe('quantity 600 exceeds the 500 share limit by 100 [TSLA override]');
  });
});

describe('pre-trade checks for controls', () => {
  it('blocks entries while the breaker is tripped or unknown, but lets exits through', () => {
    expect(failed({ breaker: { view: 'tripped', reason: 'daily loss' } })[0]!.detail).toMatch(
      /tripped \(daily loss\)/,
    );
    expect(failed({ breaker: { view: 'unknown', reason: null } })[0]!.name).toBe('breaker');
    expect(failed({ breaker: { view: 'tripped', reason: 'x' }, exit: true })).toEqual([]);
  });
  it('a pause blocks entries only', () => {
    expect(failed({ entriesPaused: 'all entries' })[0]!.detail).toMatch(/paused \(all entries\)/);
    expect(failed({ entriesPaused: 'all entries', exit: true })).toEqual([]);
  });
  it('says by how much gross and strategy position limits are exceeded', () => {
    const f = failed({
      position: {
        grossAfter: dec(1_500_000),
        maxGrossExposure: dec(1_000_000),
        strategy: {
          id: 'momo',
          positionQtyAfter: dec(-300),
          maxPositionQty: dec(200),
          grossAfter: dec(10),
          maxGrossExposure: null,
        },
      },
    });
    expect(f.map((c) => c.detail)).toEqual([
      'gross exposure after the order $1500000.00 exceeds the $1000000.00 limit by $500000.00',
      'strategy momo position 300 shares exceeds the 200 shares limit by 100 shares',
    ]);
  });
  it('classifies exits and gross exposure after an order', () => {
    expect(isExit(dec(100), dec(-100))).toBe(true);
    expect(isExit(dec(100), dec(-101))).toBe(false);
    expect(isExit(dec(0), dec(-1))).toBe(false);
    expect(isExit(dec(-5), dec(5))).toBe(true);
    expect(grossAfter(dec(1000), dec(10), dec(-20), dec(50)).toFixed()).toBe('1000');
  });
  it('property: an exit never fails a position limit, whatever the limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (g, m) => {
        const out = preTradeChecks({
          ...base,
          exit: true,
          position: { grossAfter: dec(g), maxGrossExposure: dec(m), strategy: null },
        });
        return out.every((c) => c.ok);
      }),
    );
  });
});

const T: BreakerThresholds = {
  dailyLossLimit: dec(10_000),
  maxDrawdownPct: dec(3),
  maxQuoteAgeMs: 10_000,
  maxBrokerErrorPct: dec(50),
  minBrokerSamples: 4,
  brokerWindowMs: 60_000,
};
const calm = {
  dayPnl: dec(0),
  equity: dec(1_000_000),
  highWaterMark: dec(1_000_000),
  quoteAgeMs: 100,
  brokerOk: 10,
  brokerErrors: 0,
};

describe('breaker rules', () => {
  it('stays armed in calm markets', () => {
    expect(evaluateBreaker(T, calm)).toBeNull();
  });
  it('trips on the daily loss limit and says by how much', () => {
    expect(evaluateBreaker(T, { ...calm, dayPnl: dec(-10_500) })).toEqual({
      rule: 'daily_loss',
      detail: 'day P&L $-10500.00 breached the daily loss limit of $10000.00 by $500.00',
    });
  });
  it('trips on drawdown from the high-water mark', () => {
    const t = evaluateBreaker(T, { ...calm, highWaterMark: dec(1_040_000) });
    expect(t?.rule).toBe('drawdown');
    expect(t?.detail).toMatch(/3\.85% below/);
  });
  it('trips on stale or missing market data', () => {
    expect(evaluateBreaker(T, { ...calm, quoteAgeMs: 10_001 })?.rule).toBe('stale_data');
    expect(evaluateBreaker(T, { ...calm, quoteAgeMs: null })?.rule).toBe('stale_data');
  });
  it('trips on the broker error rate only with enough samples', () => {
    expect(evaluateBreaker(T, { ...calm, brokerOk: 1, brokerErrors: 2 })).toBeNull();
    expect(evaluateBreaker(T, { ...calm, brokerOk: 2, brokerErrors: 2 })?.rule).toBe(
      'broker_errors',
    );
  });
  it('property: the high-water mark never falls', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1e9 }), { minLength: 1 }), (xs) => {
        let h = null as ReturnType<typeof dec> | null;
        for (const x of xs) {
          const next = nextHighWaterMark(h, dec(x));
          if (h && next.lt(h)) return false;
          h = next;
        }
        return h!.toNumber() === Math.max(...xs);
      }),
    );
  });
});

describe('TWAP planning', () => {
  it('plans one slice per interval, the remainder on the earliest slices', () => {
    const s = planTwap({ qty: dec(1003), durationMin: 5, intervalS: 30, startMs: 0 });
    expect(s).toHaveLength(10);
    expect(s.map((x) => x.qty.toNumber())).toEqual([
      101, 101, 101, 100, 100, 100, 100, 100, 100, 100,
    ]);
    expect(s[9]!.atMs).toBe(270_000);
  });
  it('never plans a zero-share slice', () => {
    const s = planTwap({ qty: dec(3), durationMin: 10, intervalS: 60, startMs: 0 });
    expect(s.map((x) => x.qty.toNumber())).toEqual([1, 1, 1]);
  });
  it('refuses durations and intervals out of range', () => {
    expect(() => planTwap({ qty: dec(10), durationMin: 4, intervalS: 60, startMs: 0 })).toThrow(
      /duration/,
    );
    expect(() => planTwap({ qty: dec(10), durationMin: 481, intervalS: 60, startMs: 0 })).toThrow(
      /duration/,
    );
    expect(() => planTwap({ qty: dec(10), durationMin: 10, intervalS: 29, startMs: 0 })).toThrow(
      /interval/,
    );
    expect(() => planTwap({ qty: dec(10), durationMin: 10, intervalS: 301, startMs: 0 })).toThrow(
      /interval/,
    );
  });
  it('property: slices sum to the parent exactly, each whole and positive, within the duration', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 5, max: 480 }),
        fc.integer({ min: 30, max: 300 }),
        (qty, d, iv) => {
          const s = planTwap({ qty: dec(qty), durationMin: d, intervalS: iv, startMs: 0 });
          const sum = s.reduce((a, x) => a.plus(x.qty), dec(0));
          return (
            sum.eq(qty) &&
            s.every((x) => x.qty.isInteger() && x.qty.gt(0) && x.atMs < d * 60_000) &&
            s.every((x, k) => k === 0 || x.atMs > s[k - 1]!.atMs)
          );
        },
      ),
    );
  });
});

describe('closingOrder', () => {
  it('closes fully, by quantity or by percentage on the opposite side', () => {
    expect(closingOrder(dec(100), { kind: 'all' })).toEqual({ side: 'sell', qty: dec(100) });
    expect(closingOrder(dec(-100), { kind: 'qty', qty: dec(40) }).side).toBe('buy');
    expect(closingOrder(dec(-100), { kind: 'pct', pct: dec(25) }).qty.toNumber()).toBe(25);
    expect(closingOrder(dec(3), { kind: 'pct', pct: dec(10) }).qty.toNumber()).toBe(1);
  });
  it('refuses to close more than is held or a flat position', () => {
    expect(() => closingOrder(dec(10), { kind: 'qty', qty: dec(11) })).toThrow(/only 10 held/);
    expect(() => closingOrder(dec(0), { kind: 'all' })).toThrow(/no position/);
    expect(() => closingOrder(dec(10), { kind: 'pct', pct: dec(101) })).toThrow(/percentage/);
  });
  it('property: never flips the position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }).filter((x) => x !== 0),
        fc.integer({ min: 1, max: 100 }),
        (q, pct) => {
          const o = closingOrder(dec(q), { kind: 'pct', pct: dec(pct) });
          const after = dec(q).plus(o.side === 'buy' ? o.qty : o.qty.neg());
          return after.isZero() || after.isNeg() === dec(q).isNeg();
        },
      ),
    );
  });
});

describe('demo strategy signals', () => {
  it('momentum goes long on a rising trend and exits on a falling one', () => {
    const p = { kind: 'momentum' as const, size: 100, alpha: 0.1, bandPct: 0.1 };
    let s = EMPTY_SIGNAL;
    let target = null as ReturnType<typeof dec> | null;
    for (let k = 0; k < 30; k++) ({ state: s, target } = stepSignal(p, s, dec(100 + k)));
    expect(target?.toNumber()).toBe(100);
    for (let k = 0; k < 30; k++) ({ state: s, target } = stepSignal(p, s, dec(130 - k * 2)));
    expect(target?.toNumber()).toBe(0);
  });
  it('mean reversion buys a dip below its average', () => {
    const p = { kind: 'mean_reversion' as const, size: 50, alpha: 0.05, bandPct: 1 };
    let s = EMPTY_SIGNAL;
    for (let k = 0; k < 20; k++) s = stepSignal(p, s, dec(100)).state;
    expect(stepSignal(p, s, dec(95)).target?.toNumber()).toBe(50);
    expect(stepSignal(p, s, dec(100)).target).toBeNull();
  });
});
