import Decimal from 'decimal.js';

Decimal.set({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN });

export { Decimal };

/** Parses a decimal string (or number of our own making) into a Decimal. */
export function dec(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** Canonical decimal string: no exponent, no trailing zeros. */
export function str(value: Decimal, dp?: number): string {
  const v = dp === undefined ? value : value.toDecimalPlaces(dp);
  const s = v.toFixed();
  return s === '-0' ? '0' : s;
}

/** Money to cents, as a string. */
export function money(value: Decimal): string {
  const s = value.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** Rounds a price to its tick size. */
export function toTick(price: Decimal, tick: Decimal): Decimal {
  return price.div(tick).toDecimalPlaces(0).mul(tick);
}
