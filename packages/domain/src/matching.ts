import { Decimal, dec } from './money';

export interface MatchableOrder {
  side: 'buy' | 'sell';
  type: 'market' | 'limit' | 'stop' | 'stop_limit';
  remainingQty: Decimal;
  limitPrice: Decimal | null;
  stopPrice: Decimal | null;
  /** A stop order that has been triggered behaves as market (stop) or limit (stop_limit). */
  triggered: boolean;
}

export interface Touch {
  bid: Decimal;
  ask: Decimal;
  last: Decimal;
  /** Shares available at the touch on this tick. */
  size: Decimal;
}

export interface MatchResult {
  triggered: boolean;
  fill: { qty: Decimal; price: Decimal } | null;
}

/** Shares shown at the touch per tick, derived from average daily volume (at least 100). */
export function displayedSize(adv: number): Decimal {
  return Decimal.max(100, dec(adv).div(2000).toDecimalPlaces(0, Decimal.ROUND_DOWN));
}

/**
 * Paper-broker matching against the touch: market fills at the touch (buy at ask, sell at bid),
 * limit fills when crossed at the better of limit and touch, stops trigger on the last trade.
 * Fills are capped by the displayed size, so large orders fill in parts across ticks.
 */
export function matchOrder(order: MatchableOrder, touch: Touch): MatchResult {
  let triggered = order.triggered;
  if (!triggered && (order.type === 'stop' || order.type === 'stop_limit')) {
    const stop = order.stopPrice!;
    triggered = order.side === 'buy' ? touch.last.gte(stop) : touch.last.lte(stop);
    if (!triggered) return { triggered, fill: null };
  }
  const price = order.side === 'buy' ? touch.ask : touch.bid;
  const limited = order.type === 'limit' || order.type === 'stop_limit';
  if (limited) {
    const limit = order.limitPrice!;
    const crossed = order.side === 'buy' ? price.lte(limit) : price.gte(limit);
    if (!crossed) return { triggered, fill: null };
  }
  const qty = Decimal.min(order.remainingQty, touch.size);
  if (qty.lte(0)) return { triggered, fill: null };
  return { triggered, fill: { qty, price } };
}
