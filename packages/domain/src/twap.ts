import { Decimal, dec } from './money';

export const TWAP_LIMITS = {
  minDurationMin: 5,
  maxDurationMin: 480,
  minIntervalS: 30,
  maxIntervalS: 300,
};

export interface TwapPlanInput {
  qty: Decimal;
  durationMin: number;
  intervalS: number;
  startMs: number;
}

export interface TwapSlice {
  index: number;
  atMs: number;
  qty: Decimal;
}

/**
 * Splits a parent quantity into equal whole-share slices, one per interval across the duration
 * (the first at the start); the remainder goes one share each to the earliest slices. Never a
 * zero-share slice: with fewer shares than intervals, there are fewer slices.
 */
export function planTwap(i: TwapPlanInput): TwapSlice[] {
  const L = TWAP_LIMITS;
  if (
    !Number.isInteger(i.durationMin) ||
    i.durationMin < L.minDurationMin ||
    i.durationMin > L.maxDurationMin
  )
    throw new RangeError(`duration must be ${L.minDurationMin}–${L.maxDurationMin} minutes`);
  if (
    !Number.isInteger(i.intervalS) ||
    i.intervalS < L.minIntervalS ||
    i.intervalS > L.maxIntervalS
  )
    throw new RangeError(`interval must be ${L.minIntervalS}–${L.maxIntervalS} seconds`);
  if (!i.qty.isInteger() || i.qty.lte(0))
    throw new RangeError('quantity must be a positive whole number');
  const intervals = Math.max(1, Math.floor((i.durationMin * 60) / i.intervalS));
  const n = i.qty.lt(intervals) ? i.qty.toNumber() : intervals;
  const base = i.qty.div(n).floor();
  const extra = i.qty.minus(base.mul(n)).toNumber();
  const step = n === intervals ? i.intervalS : Math.floor((i.durationMin * 60) / n);
  return Array.from({ length: n }, (_, k) => ({
    index: k,
    atMs: i.startMs + k * step * 1000,
    qty: base.plus(k < extra ? 1 : 0),
  }));
}

/** Shares of the plan due by a time (for progress: sent vs scheduled). */
export function dueQty(slices: TwapSlice[], nowMs: number): Decimal {
  return slices.filter((s) => s.atMs <= nowMs).reduce((a, s) => a.plus(s.qty), dec(0));
}

/** Largest offset from the touch a limit slice may use, in basis points (5 %). */
export const MAX_TWAP_OFFSET_BPS = 500;

/**
 * The limit price of a TWAP limit slice: the touch (ask for a buy, bid for a sell) moved by
 * `offsetBps` — positive pays up to fill more surely (buy above the ask, sell below the bid),
 * negative waits inside the spread or behind it — rounded to the tick, never below one tick.
 */
export function twapLimitPrice(
  side: 'buy' | 'sell',
  touch: { bid: Decimal; ask: Decimal },
  offsetBps: number,
  tick: Decimal,
): Decimal {
  if (!Number.isInteger(offsetBps) || Math.abs(offsetBps) > MAX_TWAP_OFFSET_BPS)
    throw new RangeError(`offset must be a whole number of bps within ±${MAX_TWAP_OFFSET_BPS}`);
  const base = side === 'buy' ? touch.ask : touch.bid;
  const factor = dec(1).plus(dec(side === 'buy' ? offsetBps : -offsetBps).div(10_000));
  const raw = base.mul(factor);
  // Round in the passive direction so the offset is never exceeded by rounding.
  const ticks = raw.div(tick);
  const rounded = (side === 'buy' ? ticks.floor() : ticks.ceil()).mul(tick);
  return Decimal.max(tick, rounded);
}
