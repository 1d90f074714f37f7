import type { OrderEvent } from '@qd/contracts';
import { schema, type Database, type Tx } from '@qd/platform';
import { asc, eq } from 'drizzle-orm';
import { iso, num } from './mappers';

/** Appends one entry to an order's event trail (in the caller's transaction). */
export async function recordOrderEvent(
  tx: Tx | Database,
  orderId: string,
  kind: OrderEvent['kind'],
  actor: string,
  at: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.insert(schema.orderEvents).values({ orderId, kind, actor, at, detail });
}

/** An order's whole trail, oldest first: its recorded events and its fills. */
export async function orderTrail(db: Database, orderId: string): Promise<OrderEvent[]> {
  const events = await db
    .select()
    .from(schema.orderEvents)
    .where(eq(schema.orderEvents.orderId, orderId))
    .orderBy(asc(schema.orderEvents.id));
  const fills = await db.select().from(schema.fills).where(eq(schema.fills.orderId, orderId));
  const out: OrderEvent[] = [
    ...events.map((e) => ({
      id: String(e.id),
      orderId,
      kind: e.kind as OrderEvent['kind'],
      detail: e.detail as Record<string, unknown>,
      actor: e.actor,
      at: iso(e.at),
    })),
    ...fills.map((f) => ({
      id: `fill-${f.id}`,
      orderId,
      kind: 'fill' as const,
      detail: { qty: num(f.qty), price: num(f.price) },
      actor: 'broker',
      at: iso(f.ts),
    })),
  ];
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
