import { ALERTS_KEPT, type Alert, type AlertKind, type AlertSeverity } from '@qd/contracts';
import { schema, type Database, type Logger } from '@qd/platform';
import { desc } from 'drizzle-orm';
import { iso } from '../mappers';
import type { Publisher } from '../publisher';

type Row = typeof schema.alerts.$inferSelect;

export interface AlertInput {
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
  actor?: string | null;
  detail?: Record<string, unknown>;
}

/** An alert row as the API and the `alerts` topic show it. */
export function alertFromRow(r: Row): Alert {
  return {
    id: String(r.id),
    at: iso(r.at),
    kind: r.kind as AlertKind,
    severity: r.severity as AlertSeverity,
    source: r.source as Alert['source'],
    ruleId: r.ruleId,
    message: r.message,
    actor: r.actor,
    detail: (r.detail ?? {}) as Record<string, unknown>,
  };
}

/**
 * Operational alerts: each is stored (so the `alerts` snapshot survives restarts) and then
 * published as a delta. Raising never throws: an alert that cannot be written is logged, and the
 * action that caused it (an engage, a trip) is not undone by it.
 */
export class Alerts {
  constructor(
    private readonly db: Database,
    private readonly publisher: Publisher,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Stores and publishes one alert; null when it could not be stored. */
  async raise(input: AlertInput): Promise<Alert | null> {
    try {
      const [row] = await this.db
        .insert(schema.alerts)
        .values({
          at: this.now().toISOString(),
          kind: input.kind,
          severity: input.severity,
          source: 'system',
          message: input.message,
          actor: input.actor ?? null,
          detail: input.detail ?? {},
        })
        .returning();
      const alert = alertFromRow(row!);
      await this.publisher.publish('alerts', { add: [alert] });
      return alert;
    } catch (err) {
      this.logger.error({ err, alert: input }, 'alert could not be raised');
      return null;
    }
  }

  /** The most recent alerts, newest first (the topic's snapshot). */
  async recent(limit = ALERTS_KEPT): Promise<Alert[]> {
    const rows = await this.db
      .select()
      .from(schema.alerts)
      .orderBy(desc(schema.alerts.at), desc(schema.alerts.id))
      .limit(limit);
    return rows.map(alertFromRow);
  }
}
