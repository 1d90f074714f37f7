import { z } from 'zod';
import { IsoTimestamp, PositiveDecimalString, QuantityString } from './decimal';
import { Symbol } from './instruments';
import { Reason } from './killSwitch';
import { Order, TimeInForce } from './orders';

/** A reason of at least 20 characters, for the most consequential actions (flatten, breaker reset). */
export const LongReason = z
  .string()
  .trim()
  .min(20, 'give a reason of at least 20 characters')
  .max(500);

/** A strategy id: lower-case words joined by dashes. */
export const StrategyId = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a strategy id');

const QuoteAgeMs = z.number().int().min(500).max(600_000);
/** One set of order limits (every field optional in a per-symbol override). */
export const LimitFields = z
  .object({
    maxNotional: PositiveDecimalString,
    maxQty: QuantityString,
    maxAdvPct: PositiveDecimalString,
    maxQuoteAgeMs: QuoteAgeMs,
  })
  .strict();

/** The pre-trade limits the gateway enforces, editable by admins (audited). */
export const RiskLimits = z
  .object({
    global: LimitFields.extend({ maxGrossExposure: PositiveDecimalString }).strict(),
    symbols: z.record(Symbol, LimitFields.partial().strict()),
    strategies: z.record(
      StrategyId,
      z
        .object({ maxPositionQty: QuantityString, maxGrossExposure: PositiveDecimalString })
        .partial()
        .strict(),
    ),
  })
  .strict();
export type RiskLimits = z.infer<typeof RiskLimits>;

export const UpdateRiskLimitsRequest = z.object({ limits: RiskLimits, reason: Reason }).strict();

// ---- circuit breaker ----

export const BreakerRule = z.enum([
  'daily_loss',
  'drawdown',
  'stale_data',
  'broker_errors',
  'manual',
]);
export type BreakerRule = z.infer<typeof BreakerRule>;

/** Automatic trip thresholds (admins edit them, audited). */
export const BreakerThresholds = z
  .object({
    dailyLossLimit: PositiveDecimalString,
    maxDrawdownPct: PositiveDecimalString,
    maxQuoteAgeMs: QuoteAgeMs,
    maxBrokerErrorPct: PositiveDecimalString,
    minBrokerSamples: z.number().int().min(1).max(10_000),
    brokerWindowMs: z.number().int().min(1_000).max(3_600_000),
  })
  .strict();
export type BreakerThresholds = z.infer<typeof BreakerThresholds>;

export const BreakerEvent = z.object({
  id: z.string(),
  action: z.enum(['trip', 'reset']),
  rule: BreakerRule.nullable(),
  reason: z.string(),
  actor: z.string(),
  at: IsoTimestamp,
});
export type BreakerEvent = z.infer<typeof BreakerEvent>;

/** Breaker state (latest event wins), thresholds, live readings and history. */
export const BreakerStatus = z.object({
  state: z.object({
    tripped: z.boolean(),
    rule: BreakerRule.nullable(),
    reason: z.string().nullable(),
    changedBy: z.string().nullable(),
    changedAt: IsoTimestamp.nullable(),
  }),
  thresholds: BreakerThresholds,
  /** Earliest time the next reset is allowed (one per minute). */
  nextResetAt: IsoTimestamp.nullable(),
  history: z.array(BreakerEvent),
});
export type BreakerStatus = z.infer<typeof BreakerStatus>;

export const TripBreakerRequest = z.object({ reason: Reason }).strict();
export const ResetBreakerRequest = z
  .object({
    reason: LongReason,
    confirm: z.literal('RESET', { error: 'type RESET to confirm' }),
  })
  .strict();
export const UpdateBreakerThresholdsRequest = z
  .object({ thresholds: BreakerThresholds, reason: Reason })
  .strict();

// ---- pauses, closes, cancels, flatten ----

export const PauseScope = z.union([z.literal('all'), StrategyId]);
export const PauseState = z.object({
  scope: z.string(),
  paused: z.boolean(),
  reason: z.string(),
  actor: z.string(),
  at: IsoTimestamp,
});
export type PauseState = z.infer<typeof PauseState>;

/** Active pauses, the flatten cooldown and the history of control actions. */
export const ControlsStatus = z.object({
  pauses: z.array(PauseState),
  nextFlattenAt: IsoTimestamp.nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      target: z.string().nullable(),
      reason: z.string(),
      actor: z.string(),
      at: IsoTimestamp,
    }),
  ),
});
export type ControlsStatus = z.infer<typeof ControlsStatus>;

export const SetPauseRequest = z
  .object({ scope: PauseScope, paused: z.boolean(), reason: Reason })
  .strict();

export const ClosePositionRequest = z
  .object({
    qty: QuantityString.optional(),
    pct: PositiveDecimalString.refine((v) => Number(v) <= 100, 'must be at most 100').optional(),
    reason: Reason,
  })
  .strict()
  .refine((b) => !(b.qty && b.pct), { message: 'give qty or pct, not both', path: ['pct'] });
export type ClosePositionRequest = z.infer<typeof ClosePositionRequest>;
export const SymbolParams = z.object({ symbol: Symbol });

/**
 * The outcome of closing one position: one order per holder (each strategy holding it in the
 * same direction, then the rest), so every strategy's own book shrinks with the account.
 */
export const ClosePositionResult = z.object({
  symbol: Symbol,
  side: z.enum(['buy', 'sell']),
  /** Shares closed in all. */
  qty: z.string(),
  orders: z.array(Order),
  /** True when this repeats an earlier identical close (double click, retry): nothing new sent. */
  replay: z.boolean(),
});
export type ClosePositionResult = z.infer<typeof ClosePositionResult>;

export const CancelAllRequest = z.object({ symbol: Symbol.optional(), reason: Reason }).strict();

export const FlattenRequest = z
  .object({
    reason: LongReason,
    confirm: z.literal('FLATTEN', { error: 'type FLATTEN to confirm' }),
  })
  .strict();

/** Result of a control that places or cancels orders: each order, or why it was refused. */
export const ControlResult = z.object({
  orders: z.array(Order),
  canceled: z.array(Order),
  refused: z.array(z.object({ symbol: z.string(), reason: z.string() })),
});
export type ControlResult = z.infer<typeof ControlResult>;

/** Flatten all's result: also whether it paused new entries globally (false: already paused). */
export const FlattenResult = ControlResult.extend({ entriesPaused: z.boolean() });
export type FlattenResult = z.infer<typeof FlattenResult>;

// ---- modify + event trail ----

export const ModifyOrderRequest = z
  .object({
    qty: QuantityString.optional(),
    limitPrice: PositiveDecimalString.optional(),
    stopPrice: PositiveDecimalString.optional(),
    tif: TimeInForce.optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((b) => b.qty || b.limitPrice || b.stopPrice || b.tif, {
    message: 'change at least one of qty, limitPrice, stopPrice, tif',
    path: ['qty'],
  });
export type ModifyOrderRequest = z.infer<typeof ModifyOrderRequest>;

export const OrderEvent = z.object({
  id: z.string(),
  orderId: z.string(),
  kind: z.enum(['created', 'modified', 'canceled', 'fill', 'rejected']),
  detail: z.record(z.string(), z.unknown()),
  actor: z.string(),
  at: IsoTimestamp,
});
export type OrderEvent = z.infer<typeof OrderEvent>;
