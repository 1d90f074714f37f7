import { z } from 'zod';
import { DecimalString, IsoTimestamp, QuantityString } from './decimal';
import { Symbol } from './instruments';
import { OrderSide } from './orders';

export const TwapRequest = z
  .object({
    symbol: Symbol,
    side: OrderSide,
    qty: QuantityString,
    durationMin: z.number().int().min(5, 'at least 5 minutes').max(480, 'at most 480 minutes'),
    intervalS: z.number().int().min(30, 'at least 30 seconds').max(300, 'at most 300 seconds'),
    reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(500),
  })
  .strict();
export type TwapRequest = z.infer<typeof TwapRequest>;
export type TwapRequestInput = z.input<typeof TwapRequest>;

export const TwapSlice = z.object({
  index: z.number().int(),
  at: IsoTimestamp,
  qty: DecimalString,
});

export const TwapPreview = z.object({
  request: TwapRequest,
  slices: z.array(TwapSlice),
  estimatedNotional: DecimalString,
});
export type TwapPreview = z.infer<typeof TwapPreview>;

/** A TWAP parent with its progress; its children are ordinary orders with parentId set. */
export const TwapOrder = z.object({
  id: z.string(),
  symbol: Symbol,
  side: OrderSide,
  qty: DecimalString,
  durationMin: z.number().int(),
  intervalS: z.number().int(),
  slices: z.number().int(),
  slicesSent: z.number().int(),
  filledQty: DecimalString,
  status: z.enum(['running', 'completed', 'canceled', 'halted']),
  statusReason: z.string().nullable(),
  reason: z.string(),
  startAt: IsoTimestamp,
  nextSliceAt: IsoTimestamp.nullable(),
  createdBy: z.string(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type TwapOrder = z.infer<typeof TwapOrder>;

export const TwapIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
