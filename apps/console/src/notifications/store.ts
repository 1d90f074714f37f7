import type { Notification, NotificationList, RecordNotificationsRequest } from '@qd/contracts';
import { schema, type Database } from '@qd/platform';
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';

/** How many notifications a user keeps; older ones are dropped as new ones arrive. */
export const NOTIFICATIONS_KEPT = 200;
const LISTED = 100;

type Row = typeof schema.notifications.$inferSelect;

function fromRow(r: Row): Notification {
  return {
    id: String(r.id),
    tone: r.tone as Notification['tone'],
    title: r.title,
    detail: r.detail,
    at: new Date(r.at).toISOString(),
    read: r.readAt !== null,
  };
}

/** Per-user notification history in Postgres/PGlite. */
export class NotificationStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async list(userId: string): Promise<NotificationList> {
    const rows = await this.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, userId))
      .orderBy(desc(schema.notifications.id))
      .limit(LISTED);
    const [count] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)));
    return { items: rows.map(fromRow), unread: Number(count?.n ?? 0) };
  }

  /** Records a batch and drops what falls beyond the kept number. */
  async record(userId: string, req: RecordNotificationsRequest): Promise<NotificationList> {
    const readAt = this.now().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.insert(schema.notifications).values(
        req.items.map((i) => ({
          userId,
          tone: i.tone,
          title: i.title,
          detail: i.detail ?? null,
          at: i.at,
          readAt: i.read ? readAt : null,
        })),
      );
      const [edge] = await tx
        .select({ id: schema.notifications.id })
        .from(schema.notifications)
        .where(eq(schema.notifications.userId, userId))
        .orderBy(desc(schema.notifications.id))
        .offset(NOTIFICATIONS_KEPT - 1)
        .limit(1);
      if (edge)
        await tx
          .delete(schema.notifications)
          .where(
            and(eq(schema.notifications.userId, userId), lt(schema.notifications.id, edge.id)),
          );
    });
    return this.list(userId);
  }

  /** Marks some (or all) of the user's notifications read; another user's ids are ignored. */
  async markRead(userId: string, ids: string[] | undefined): Promise<NotificationList> {
    const mine = and(
      eq(schema.notifications.userId, userId),
      isNull(schema.notifications.readAt),
      ...(ids ? [inArray(schema.notifications.id, ids.map(Number))] : []),
    );
    if (!ids || ids.length)
      await this.db
        .update(schema.notifications)
        .set({ readAt: this.now().toISOString() })
        .where(mine);
    return this.list(userId);
  }

  async clear(userId: string): Promise<NotificationList> {
    await this.db.delete(schema.notifications).where(eq(schema.notifications.userId, userId));
    return this.list(userId);
  }
}
