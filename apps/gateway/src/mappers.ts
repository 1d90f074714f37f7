import type { Fill, KillSwitchEvent, Order } from '@qd/contracts';
import { dec, str } from '@qd/domain';
import type { schema } from '@qd/platform';

type OrderRow = typeof schema.orders.$inferSelect;
type FillRow = typeof schema.fills.$inferSelect;
type KillRow = typeof schema.killSwitchEvents.$inferSelect;

/** Database timestamp → ISO-8601 UTC. */
export const iso = (t: string): string => new Date(t).toISOString();
/** Database numeric → canonical decimal string. */
export const num = (v: string): string => str(dec(v));

/** An order row as the API shows it. */
export function orderFromRow(r: OrderRow): Order {
  return {
    id: r.id,
    symbol: r.symbol,
    side: r.side as Order['side'],
    qty: num(r.qty),
    filledQty: num(r.filledQty),
    avgFillPrice: r.avgFillPrice === null ? null : num(r.avgFillPrice),
    type: r.type as Order['type'],
    limitPrice: r.limitPrice === null ? null : num(r.limitPrice),
    stopPrice: r.stopPrice === null ? null : num(r.stopPrice),
    tif: r.tif as Order['tif'],
    status: r.status as Order['status'],
    rejectReason: r.rejectReason,
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    strategyId: r.strategyId ?? null,
    parentId: r.parentId ?? null,
  };
}

export function fillFromRow(r: FillRow): Fill {
  return {
    id: r.id,
    orderId: r.orderId,
    symbol: r.symbol,
    side: r.side as Fill['side'],
    qty: num(r.qty),
    price: num(r.price),
    ts: iso(r.ts),
  };
}

export function killEventFromRow(r: KillRow): KillSwitchEvent {
  return {
    id: String(r.id),
    action: r.action as KillSwitchEvent['action'],
    reason: r.reason,
    actor: r.actor,
    at: iso(r.at),
  };
}

// Built once: constructing an Intl.DateTimeFormat costs about a millisecond, and nyDate runs on
// every market tick.
const NY_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });

/** The New York calendar date of an instant (the market's trading day). */
export function nyDate(now: Date): string {
  return NY_DATE.format(now);
}
