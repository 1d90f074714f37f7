import { z } from 'zod';
import { IsoTimestamp } from './decimal';

/** Operational events raised by the gateway today; user-defined rules will add `rule`. */
export const AlertKind = z.enum([
  'kill_switch_engaged',
  'kill_switch_disengaged',
  'breaker_tripped',
  'breaker_reset',
  'market_data_stale',
  'market_data_fresh',
  'broker_error',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** One alert event (the `alerts` topic; stored in the `alerts` table). */
export const Alert = z.object({
  id: z.string(),
  at: IsoTimestamp,
  kind: AlertKind,
  severity: AlertSeverity,
  /** `system` for the built-in events; `rule` once user-defined rules exist. */
  source: z.enum(['system', 'rule']),
  /** The rule that fired (null for system events). */
  ruleId: z.string().nullable(),
  message: z.string(),
  /** Who caused it, when a person did (kill switch, manual trip/reset). */
  actor: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type Alert = z.infer<typeof Alert>;

/** Alerts kept in the `alerts` snapshot (newest first). */
export const ALERTS_KEPT = 100;
