import { z } from 'zod';
import { DecimalString, IsoTimestamp, PositiveDecimalString, QuantityString } from './decimal';
import { Symbol } from './instruments';

export const OrderSide = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof OrderSide>;
export const OrderType = z.enum(['market', 'limit', 'stop', 'stop_limit']);
export type OrderType = z.infer<typeof OrderType>;
export const TimeInForce = z.enum(['day', 'gtc', 'ioc', 'fok']);
export type TimeInForce = z.infer<typeof TimeInForce>;
export const OrderStatus = z.enum([
  'new',
  'partially_filled',
  'filled',
  'canceled',
  'rejected',
  'expired',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const WORKING_STATUSES: readonly OrderStatus[] = ['new', 'partially_filled'];

/** What a user asks for; prices required by type are enforced here, once. */
export const OrderRequest = z
  .object({
    symbol: Symbol,
    side: OrderSide,
    qty: QuantityString,
    type: OrderType,
    limitPrice: PositiveDecimalString.optional(),
    stopPrice: PositiveDecimalString.optional(),
    tif: TimeInForce.default('day'),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const needsLimit = o.type === 'limit' || o.type === 'stop_limit';
    const needsStop = o.type === 'stop' || o.type === 'stop_limit';
    if (needsLimit && !o.limitPrice)
      ctx.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: `required for a ${o.type} order`,
      });
    if (!needsLimit && o.limitPrice)
      ctx.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: `not allowed for a ${o.type} order`,
      });
    if (needsStop && !o.stopPrice)
      ctx.addIssue({
        code: 'custom',
        path: ['stopPrice'],
        message: `required for a ${o.type} order`,
      });
    if (!needsStop && o.stopPrice)
      ctx.addIssue({
        code: 'custom',
        path: ['stopPrice'],
        message: `not allowed for a ${o.type} order`,
      });
  });
export type OrderRequest = z.infer<typeof OrderRequest>;
export type OrderRequestInput = z.input<typeof OrderRequest>;

export const Order = z.object({
  id: z.string(),
  symbol: Symbol,
  side: OrderSide,
  qty: DecimalString,
  filledQty: DecimalString,
  avgFillPrice: DecimalString.nullable(),
  type: OrderType,
  limitPrice: DecimalString.nullable(),
  stopPrice: DecimalString.nullable(),
  tif: TimeInForce,
  status: OrderStatus,
  rejectReason: z.string().nullable(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  /** The strategy that sent it (null: a person): the scope hook for per-strategy access. */
  strategyId: z.string().nullable().optional(),
  /** The TWAP parent of a slice. */
  parentId: z.string().nullable().optional(),
});
export type Order = z.infer<typeof Order>;

export const Fill = z.object({
  id: z.string(),
  orderId: z.string(),
  symbol: Symbol,
  side: OrderSide,
  qty: DecimalString,
  price: DecimalString,
  ts: IsoTimestamp,
});
export type Fill = z.infer<typeof Fill>;

export const PreTradeCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export type PreTradeCheck = z.infer<typeof PreTradeCheck>;

/** The result of previewing an order: what it would cost and whether it would pass the checks. */
export const OrderPreview = z.object({
  order: OrderRequest,
  estimatedPrice: DecimalString,
  notional: DecimalString,
  buyingPowerBefore: DecimalString,
  buyingPowerAfter: DecimalString,
  positionQty: DecimalString,
  checks: z.array(PreTradeCheck),
  ok: z.boolean(),
});
export type OrderPreview = z.infer<typeof OrderPreview>;

export const OrdersQuery = z.object({
  status: z.enum(['working', 'all', ...OrderStatus.options]).default('all'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type OrdersQuery = z.infer<typeof OrdersQuery>;

export const OrderIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
