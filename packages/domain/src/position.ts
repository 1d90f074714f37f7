import { Decimal, dec } from './money';

export interface PositionState {
  qty: Decimal;
  avgPrice: Decimal;
  realizedPnl: Decimal;
}

export const FLAT: PositionState = { qty: dec(0), avgPrice: dec(0), realizedPnl: dec(0) };

/**
 * Applies a fill (signed qty: + buys, − sells) to a position: adding moves the average price,
 * reducing realizes P&L against it, crossing zero opens the remainder at the fill price.
 */
export function applyFill(pos: PositionState, signedQty: Decimal, price: Decimal): PositionState {
  const q0 = pos.qty;
  const q1 = q0.plus(signedQty);
  if (q0.isZero() || q0.isNeg() === signedQty.isNeg()) {
    const avg = q0.mul(pos.avgPrice).plus(signedQty.mul(price)).div(q1);
    return { qty: q1, avgPrice: avg, realizedPnl: pos.realizedPnl };
  }
  const closing = Decimal.min(q0.abs(), signedQty.abs());
  const pnlPerShare = q0.gt(0) ? price.minus(pos.avgPrice) : pos.avgPrice.minus(price);
  const realized = pos.realizedPnl.plus(closing.mul(pnlPerShare));
  if (q1.isZero()) return { qty: q1, avgPrice: dec(0), realizedPnl: realized };
  if (q1.isNeg() === q0.isNeg()) return { qty: q1, avgPrice: pos.avgPrice, realizedPnl: realized };
  return { qty: q1, avgPrice: price, realizedPnl: realized };
}

/** Market value, cost basis, unrealized P&L (and %) of a position at a price. */
export function markToMarket(pos: PositionState, last: Decimal) {
  const marketValue = pos.qty.mul(last);
  const costBasis = pos.qty.mul(pos.avgPrice);
  const unrealizedPnl = marketValue.minus(costBasis);
  const unrealizedPnlPct = costBasis.isZero()
    ? dec(0)
    : unrealizedPnl.div(costBasis.abs()).mul(100);
  return { marketValue, costBasis, unrealizedPnl, unrealizedPnlPct };
}
