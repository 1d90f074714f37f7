import { z } from 'zod';
import { DecimalString, IsoTimestamp } from './decimal';
import { Symbol } from './instruments';

export const Position = z.object({
  symbol: Symbol,
  /** Signed: negative is short. */
  qty: DecimalString,
  avgPrice: DecimalString,
  lastPrice: DecimalString,
  marketValue: DecimalString,
  costBasis: DecimalString,
  unrealizedPnl: DecimalString,
  /** Percent points: "1.25" means 1.25 %. */
  unrealizedPnlPct: DecimalString,
  realizedPnl: DecimalString,
  dayPnl: DecimalString,
  updatedAt: IsoTimestamp,
});
export type Position = z.infer<typeof Position>;

export const Account = z.object({
  cash: DecimalString,
  buyingPower: DecimalString,
  /** Net liquidation value: cash + market value of positions. */
  equity: DecimalString,
  longMarketValue: DecimalString,
  shortMarketValue: DecimalString,
  unrealizedPnl: DecimalString,
  realizedPnlToday: DecimalString,
  dayChange: DecimalString,
  /** Percent points, like unrealizedPnlPct. */
  dayChangePct: DecimalString,
  grossLeverage: DecimalString,
  positionsCount: z.number().int().nonnegative(),
  asOf: IsoTimestamp,
});
export type Account = z.infer<typeof Account>;
