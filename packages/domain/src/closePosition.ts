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

/** A share of a position: a strategy's, or the rest (people, `strategyId` null). */
export interface CloseShare {
  strategyId: string | null;
  qty: Decimal;
}

/**
 * Splits closing `closeQty` of a position of `held` shares between the strategies holding it in
 * the same direction and the rest, so each strategy's own book shrinks with the account. A full
 * close takes each strategy's whole share (capped at what the account holds, strategies first);
 * a partial close takes the same fraction from every holder in whole shares (largest remainder).
 * Quantities are signed like positions; the result's are positive share counts, zeros left out.
 */
export function splitClose(
  held: Decimal,
  strategies: { strategyId: string; qty: Decimal }[],
  closeQty: Decimal,
): CloseShare[] {
  const holders: CloseShare[] = [];
  let left = held.abs();
  for (const s of strategies) {
    if (s.qty.isZero() || s.qty.isNeg() !== held.isNeg() || left.isZero()) continue;
    const take = Decimal.min(s.qty.abs(), left);
    holders.push({ strategyId: s.strategyId, qty: take });
    left = left.minus(take);
  }
  if (left.gt(0)) holders.push({ strategyId: null, qty: left });
  const total = held.abs();
  if (closeQty.gte(total)) return holders;
  const exact = holders.map((h) => h.qty.mul(closeQty).div(total));
  const parts = holders.map((h, i) => ({ strategyId: h.strategyId, qty: exact[i]!.floor() }));
  let spare = closeQty.minus(parts.reduce((a, p) => a.plus(p.qty), dec(0)));
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e.minus(e.floor()) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of byRemainder) {
    if (spare.lte(0)) break;
    parts[i]!.qty = parts[i]!.qty.plus(1);
    spare = spare.minus(1);
  }
  return parts.filter((p) => p.qty.gt(0));
}
