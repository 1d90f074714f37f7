import { z } from 'zod';
import { IsoTimestamp } from './decimal';

export const Reason = z.string().trim().min(10, 'give a reason of at least 10 characters').max(500);

export const KillSwitchState = z.object({
  engaged: z.boolean(),
  reason: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: IsoTimestamp.nullable(),
});
export type KillSwitchState = z.infer<typeof KillSwitchState>;

export const KillSwitchEvent = z.object({
  id: z.string(),
  action: z.enum(['engage', 'disengage']),
  reason: z.string(),
  actor: z.string(),
  at: IsoTimestamp,
});
export type KillSwitchEvent = z.infer<typeof KillSwitchEvent>;

export const KillSwitchStatus = z.object({
  state: KillSwitchState,
  history: z.array(KillSwitchEvent),
});
export type KillSwitchStatus = z.infer<typeof KillSwitchStatus>;

export const EngageKillSwitchRequest = z.object({ reason: Reason }).strict();
export const DisengageKillSwitchRequest = z
  .object({
    reason: Reason,
    confirm: z.literal('RESUME', { error: 'type RESUME to confirm' }),
  })
  .strict();
