import { Decimal, dec, money, str } from './money';

/** Automatic trip thresholds (editable by admins). */
export interface BreakerThresholds {
  /** Trip when today's P&L is at or below minus this amount. */
  dailyLossLimit: Decimal;
  /** Trip when equity falls this many percent below the day's high-water mark. */
  maxDrawdownPct: Decimal;
  /** Trip when the freshest quote is older than this (market data stalled). */
  maxQuoteAgeMs: number;
  /** Trip when at least this percent of broker operations failed in the window… */
  maxBrokerErrorPct: Decimal;
  /** …counting only once the window holds this many operations. */
  minBrokerSamples: number;
  brokerWindowMs: number;
}

export interface BreakerObservation {
  dayPnl: Decimal;
  equity: Decimal;
  highWaterMark: Decimal;
  /** Age of the freshest market data, ms; null when there is none at all. */
  quoteAgeMs: number | null;
  brokerOk: number;
  brokerErrors: number;
}

export type BreakerRule = 'daily_loss' | 'drawdown' | 'stale_data' | 'broker_errors';

export interface BreakerTrip {
  rule: BreakerRule;
  detail: string;
}

/** Evaluates every automatic rule; the first one breached trips the breaker. */
export function evaluateBreaker(t: BreakerThresholds, o: BreakerObservation): BreakerTrip | null {
  if (o.dayPnl.lte(t.dailyLossLimit.neg()))
    return {
      rule: 'daily_loss',
      detail: `day P&L $${money(o.dayPnl)} breached the daily loss limit of $${money(t.dailyLossLimit)} by $${money(o.dayPnl.neg().minus(t.dailyLossLimit))}`,
    };
  const dd = drawdownPct(o.equity, o.highWaterMark);
  if (dd.gte(t.maxDrawdownPct))
    return {
      rule: 'drawdown',
      detail: `equity $${money(o.equity)} is ${str(dd, 2)}% below the day's high of $${money(o.highWaterMark)} (limit ${str(t.maxDrawdownPct)}%)`,
    };
  if (o.quoteAgeMs === null || o.quoteAgeMs > t.maxQuoteAgeMs)
    return {
      rule: 'stale_data',
      detail:
        o.quoteAgeMs === null
          ? 'no market data at all'
          : `market data is ${(o.quoteAgeMs / 1000).toFixed(1)} s old (limit ${t.maxQuoteAgeMs / 1000} s)`,
    };
  const total = o.brokerOk + o.brokerErrors;
  if (total >= t.minBrokerSamples && total > 0) {
    const pct = dec(o.brokerErrors).div(total).mul(100);
    if (pct.gte(t.maxBrokerErrorPct))
      return {
        rule: 'broker_errors',
        detail: `${o.brokerErrors} of ${total} broker operations failed (${str(pct, 1)}%, limit ${str(t.maxBrokerErrorPct)}%)`,
      };
  }
  return null;
}

/** Percent below the high-water mark (0 at or above it). */
export function drawdownPct(equity: Decimal, highWaterMark: Decimal): Decimal {
  if (highWaterMark.lte(0) || equity.gte(highWaterMark)) return dec(0);
  return highWaterMark.minus(equity).div(highWaterMark).mul(100);
}

/** The day's high-water mark after seeing an equity value. */
export function nextHighWaterMark(hwm: Decimal | null, equity: Decimal): Decimal {
  return hwm === null ? equity : Decimal.max(hwm, equity);
}

/** Keeps only the samples inside the window ending now. */
export function withinWindow<T extends { at: number }>(
  samples: T[],
  nowMs: number,
  windowMs: number,
): T[] {
  return samples.filter((s) => s.at > nowMs - windowMs);
}
