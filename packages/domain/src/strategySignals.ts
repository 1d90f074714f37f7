import type { Decimal } from './money';
import { dec } from './money';

/** The demo strategies' kinds; each decides a target position from the price stream. */
export type StrategyKind = 'momentum' | 'mean_reversion';

export interface StrategyParams {
  kind: StrategyKind;
  /** Shares held when in the market. */
  size: number;
  /** Smoothing of the slow average, 0–1 (smaller is slower). */
  alpha: number;
  /** Band around the average, in percent, before acting. */
  bandPct: number;
}

export interface SignalState {
  fast: Decimal | null;
  slow: Decimal | null;
}

export const EMPTY_SIGNAL: SignalState = { fast: null, slow: null };

const ema = (prev: Decimal | null, x: Decimal, a: number) =>
  prev === null ? x : prev.plus(x.minus(prev).mul(a));

/**
 * One price observation → the new state and the target position (null: keep what is held).
 * Momentum buys when the fast average is above the slow one by the band, exits below it;
 * mean reversion buys when the price is below the slow average by the band, exits above it.
 */
export function stepSignal(
  p: StrategyParams,
  s: SignalState,
  price: Decimal,
): { state: SignalState; target: Decimal | null } {
  const state = {
    fast: ema(s.fast, price, Math.min(1, p.alpha * 4)),
    slow: ema(s.slow, price, p.alpha),
  };
  const band = dec(p.bandPct).div(100);
  const slow = state.slow;
  let target: Decimal | null = null;
  if (p.kind === 'momentum') {
    if (state.fast.gt(slow.mul(band.plus(1)))) target = dec(p.size);
    else if (state.fast.lt(slow.mul(dec(1).minus(band)))) target = dec(0);
  } else {
    if (price.lt(slow.mul(dec(1).minus(band)))) target = dec(p.size);
    else if (price.gt(slow.mul(band.plus(1)))) target = dec(0);
  }
  return { state, target };
}
