import { z } from 'zod';
import { IsoTimestamp } from './decimal';
import { TwapOrder } from './twap';

/**
 * A long-running job's progress (the `jobs:{id}` topic). Today the TWAP parents are the jobs;
 * backtests will reuse the shape with their own `kind`.
 */
export const Job = z.object({
  id: z.string(),
  kind: z.enum(['twap']),
  status: z.enum(['running', 'completed', 'canceled', 'halted', 'failed']),
  statusReason: z.string().nullable(),
  /** 0..1 */
  progress: z.number().min(0).max(1),
  stepsDone: z.number().int().nonnegative(),
  stepsTotal: z.number().int().nonnegative(),
  startedAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  /** The TWAP parent in full, for kind `twap`. */
  twap: TwapOrder.optional(),
});
export type Job = z.infer<typeof Job>;

/** A job id as it appears in a topic name (`jobs:{id}`). */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
