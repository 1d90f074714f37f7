import { z } from 'zod';
import { IsoTimestamp } from './decimal';

/** One dependency as this console instance sees it. */
export const ServiceCheck = z.object({
  ok: z.boolean(),
  /** Round trip of the probe, when it answered. */
  latencyMs: z.number().nonnegative().nullable(),
  detail: z.string().nullable(),
});
export type ServiceCheck = z.infer<typeof ServiceCheck>;

/**
 * Health as seen by ONE console instance (the `system` topic is owned per instance: every
 * instance publishes its own view with its own seqs, and a resume always gets a snapshot).
 */
export const SystemStatus = z.object({
  instanceId: z.string(),
  startedAt: IsoTimestamp,
  at: IsoTimestamp,
  connectedClients: z.number().int().nonnegative(),
  gateway: ServiceCheck,
  database: ServiceCheck,
  bus: ServiceCheck.extend({ kind: z.enum(['redis', 'memory']) }),
  /** Age of the freshest quote the gateway holds (null when unknown). */
  marketData: z.object({ ok: z.boolean(), ageMs: z.number().nonnegative().nullable() }),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

/** Market data older than this is reported as not ok in `system`. */
export const SYSTEM_MARKET_DATA_MAX_AGE_MS = 5_000;

/** Topics each console instance owns itself (never on the bus, never resumed across instances). */
export const INSTANCE_TOPICS: ReadonlySet<string> = new Set(['system']);
