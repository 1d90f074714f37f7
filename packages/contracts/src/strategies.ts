import { z } from 'zod';
import { DecimalString, IsoTimestamp } from './decimal';
import { Position } from './account';
import { StrategyId } from './controls';
import { Reason } from './killSwitch';
import { Order } from './orders';

/** A demo strategy the gateway runs, with its own positions, open orders and P&L. */
export const Strategy = z.object({
  id: StrategyId,
  name: z.string(),
  kind: z.enum(['momentum', 'mean_reversion']),
  symbols: z.array(z.string()),
  enabled: z.boolean(),
  paused: z.boolean(),
  status: z.enum(['running', 'disabled', 'paused', 'halted']),
  statusDetail: z.string(),
  positions: z.array(Position),
  openOrders: z.array(Order),
  realizedPnlToday: DecimalString,
  unrealizedPnl: DecimalString,
  pnlToday: DecimalString,
  updatedBy: z.string(),
  updatedAt: IsoTimestamp,
});
export type Strategy = z.infer<typeof Strategy>;

export const StrategyIdParams = z.object({ id: StrategyId });

export const SetStrategyEnabledRequest = z
  .object({
    enabled: z.boolean(),
    reason: Reason,
    /** Type the strategy id to confirm. */
    confirm: z.string(),
    /** When disabling: also cancel the strategy's working orders. */
    cancelOpenOrders: z.boolean().default(false),
  })
  .strict();
export type SetStrategyEnabledRequest = z.infer<typeof SetStrategyEnabledRequest>;
