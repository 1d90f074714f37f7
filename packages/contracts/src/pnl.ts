import { z } from 'zod';
import { DecimalString, IsoTimestamp } from './decimal';

/** One point of the account's P&L time series (the `pnl` topic). */
export const PnlPoint = z.object({
  at: IsoTimestamp,
  /** Net liquidation value. */
  nlv: DecimalString,
  unrealized: DecimalString,
  realizedToday: DecimalString,
  dayChange: DecimalString,
});
export type PnlPoint = z.infer<typeof PnlPoint>;

/** Points kept for the `pnl` snapshot (at most one a second: the last ten minutes or more). */
export const PNL_POINTS_KEPT = 600;
