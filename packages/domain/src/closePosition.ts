import { Decimal, dec } from './money';

/** How much of a position to close: all, a share count, or a percentage. */
export type CloseAmount =
  { kind: 'all' } | { kind: 'qty'; qty: Decimal } | { kind: 'pct'; pct: Decimal };

/**
 * The closing order for a position: the opposite side, the requested shares (a percentage rounds
 * down to whole shares, at least one), never more than held, so it can never flip the position.
 */
export function closingOrder(
  positionQty: Decimal,
  amount: CloseAmount,
): { side: 'buy' | 'sell'; qty: Decimal } {
  if (positionQty.isZero()) throw new RangeError('there is no position to close');
  const held = positionQty.abs();
  let qty: Decimal;
  if (amount.kind === 'all') qty = held;
  else if (amount.kind === 'qty') {
    if (!amount.qty.isInteger() || amount.qty.lte(0))
      throw new RangeError('quantity must be a positive whole number');
    if (amount.qty.gt(held))
      throw new RangeError(
        `cannot close ${amount.qty.toFixed()} shares: only ${held.toFixed()} held`,
      );
    qty = amount.qty;
  } else {
    if (amount.pct.lte(0) || amount.pct.gt(100))
      throw new RangeError('percentage must be above 0 and at most 100');
    qty = Decimal.max(dec(1), held.mul(amount.pct).div(100).floor());
  }
  return { side: positionQty.gt(0) ? 'sell' : 'buy', qty };
}
