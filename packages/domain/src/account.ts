import { Decimal, dec } from './money';

export interface AccountInput {
  cash: Decimal;
  dayStartEquity: Decimal;
  /** Signed market values of the open positions. */
  marketValues: Decimal[];
}

/**
 * Account figures from cash and positions. Buying power follows Reg-T style 2:1 margin:
 * 2 × equity − gross market value, never below zero.
 */
export function computeAccount({ cash, dayStartEquity, marketValues }: AccountInput) {
  const longMarketValue = marketValues.filter((v) => v.gt(0)).reduce((a, v) => a.plus(v), dec(0));
  const shortMarketValue = marketValues
    .filter((v) => v.isNeg())
    .reduce((a, v) => a.plus(v), dec(0));
  const equity = cash.plus(longMarketValue).plus(shortMarketValue);
  const gross = longMarketValue.minus(shortMarketValue);
  const buyingPower = Decimal.max(0, equity.mul(2).minus(gross));
  const dayChange = equity.minus(dayStartEquity);
  const dayChangePct = dayStartEquity.isZero() ? dec(0) : dayChange.div(dayStartEquity).mul(100);
  const grossLeverage = equity.gt(0) ? gross.div(equity) : dec(0);
  return {
    equity,
    longMarketValue,
    shortMarketValue,
    buyingPower,
    dayChange,
    dayChangePct,
    grossLeverage,
  };
}

/**
 * Buying power an order would consume: the notional of the part that increases gross exposure;
 * the part that reduces an existing position frees none in this conservative model.
 */
export function buyingPowerImpact(
  positionQty: Decimal,
  signedQty: Decimal,
  price: Decimal,
): Decimal {
  const reducing =
    positionQty.isZero() || positionQty.isNeg() === signedQty.isNeg()
      ? dec(0)
      : Decimal.min(positionQty.abs(), signedQty.abs());
  return signedQty.abs().minus(reducing).mul(price);
}
