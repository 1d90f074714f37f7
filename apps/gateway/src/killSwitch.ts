import type { KillSwitchStatus } from '@qd/contracts';
import { schema, type Database, type Tx } from '@qd/platform';
import { desc } from 'drizzle-orm';
import { iso, killEventFromRow } from './mappers';

/** Reads the durable kill-switch state and recent history (latest row wins; none = disengaged). */
export async function readKillSwitch(
  db: Database | Tx,
  historyLimit = 50,
): Promise<KillSwitchStatus> {
  const rows = await db
    .select()
    .from(schema.killSwitchEvents)
    .orderBy(desc(schema.killSwitchEvents.id))
    .limit(historyLimit);
  const latest = rows[0];
  return {
    state: latest
      ? {
          engaged: latest.action === 'engage',
          reason: latest.reason,
          changedBy: latest.actor,
          changedAt: iso(latest.at),
        }
      : { engaged: false, reason: null, changedBy: null, changedAt: null },
    history: rows.map(killEventFromRow),
  };
}

/** Appends a kill-switch transition to its history. */
export async function recordKillSwitch(
  tx: Tx,
  action: 'engage' | 'disengage',
  reason: string,
  actor: string,
  at: Date,
): Promise<void> {
  await tx.insert(schema.killSwitchEvents).values({ action, reason, actor, at: at.toISOString() });
}
