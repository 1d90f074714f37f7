import { z } from 'zod';
import { DecimalString, IsoTimestamp } from './decimal';

/** Upper-case ticker, 1–10 chars (letters, digits, dot). */
export const Symbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'must be a ticker symbol such as "AAPL"');

export const Instrument = z.object({
  symbol: Symbol,
  name: z.string(),
  kind: z.enum(['stock', 'etf']),
  tickSize: DecimalString,
  /** Average daily volume in shares, for fat-finger checks. */
  adv: z.number().int().nonnegative(),
  tradable: z.boolean(),
});
export type Instrument = z.infer<typeof Instrument>;

export const Quote = z.object({
  symbol: Symbol,
  bid: DecimalString,
  ask: DecimalString,
  last: DecimalString,
  /** Previous session close, for day change. */
  prevClose: DecimalString,
  ts: IsoTimestamp,
});
export type Quote = z.infer<typeof Quote>;
