import { z } from 'zod';
import { DecimalString, IsoTimestamp, QuantityString } from './decimal';
import { Symbol } from './instruments';
import { Reason } from './killSwitch';
import { OrderSide } from './orders';

/** How a TWAP's slices are sent: at market, or as limits at the touch ± an offset. */
export const TwapSliceType = z.enum(['market', 'limit']);
export type TwapSliceType = z.infer<typeof TwapSliceType>;

export const TwapRequest = z
  .object({
    symbol: Symbol,
    side: OrderSide,
    qty: QuantityString,
    durationMin: z.number().int().min(5, 'at least 5 minutes').max(480, 'at most 480 minutes'),
    intervalS: z.number().int().min(30, 'at least 30 seconds').max(300, 'at most 300 seconds'),
    sliceType: TwapSliceType.default('market'),
    /**
     * Limit slices only: basis points from the touch (ask for a buy, bid for a sell); positive
     * pays up to fill more surely, negative waits for a better price.
     */
    limitOffsetBps: z
      .number()
      .int('a whole number of basis points')
      .min(-500, 'at most 500 bps below the touch')
      .max(500, 'at most 500 bps beyond the touch')
      .optional(),
    reason: Reason,
  })
  .strict()
  .refine((r) => r.sliceType === 'limit' || r.limitOffsetBps === undefined, {
    message: 'an offset applies to limit slices only',
    path: ['limitOffsetBps'],
  });
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
  /** Limit slices: the price a slice sent now would carry (each slice prices at its own time). */
  indicativeLimitPrice: DecimalString.nullable(),
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
  sliceType: TwapSliceType,
  limitOffsetBps: z.number().int().nullable(),
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
