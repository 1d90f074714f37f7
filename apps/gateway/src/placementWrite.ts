import { schema, type Database } from '@qd/platform';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SettledFills } from './fillSettlement';
import type { OrderRow } from './orderFills';
import {
  insertCte,
  names,
  putSettledValues,
  putValues,
  runCompiled,
  settledCtes,
  typed,
} from './statementParts';

/** Everything a new order writes: its row, its `created` event and its immediate fills. */
export interface Placement {
  order: OrderRow;
  event: typeof schema.orderEvents.$inferInsert;
  settled: SettledFills;
}

/**
 * Writes a new order in ONE statement (data-modifying CTEs): the order row, its event, its fills,
 * the positions and the account they move. One statement is atomic without a transaction, and
 * on PGlite every statement, BEGIN and COMMIT included, is a round trip through the WASM engine
 * on the event loop: this is one instead of seven. Every other part reads from `placed`, so when
 * the order id is already taken (ON CONFLICT DO NOTHING) nothing at all is written and this
 * answers false; the caller then answers with the stored order.
 */
export async function writePlacement(db: Database, p: Placement): Promise<boolean> {
  const { fillRows, positionRows } = p.settled;
  const shape = `${fillRows.length}_${positionRows.length}`;
  const rows = await runCompiled<{ placed: number }>(
    db,
    `qd_placement_${shape}`,
    () => statement(fillRows.length, positionRows.length),
    placeholderValues(p),
  );
  return rows[0]!.placed === 1;
}

const ORDER_KEYS = Object.keys(getTableColumns(schema.orders)) as (keyof OrderRow)[];
const EVENT_KEYS = ['orderId', 'kind', 'actor', 'at', 'detail'] as const;

/** The statement for a placement with `fills` fills and `positions` positions, values as placeholders. */
function statement(fills: number, positions: number): SQL {
  const o = schema.orders;
  const ctes: SQL[] = [
    sql`placed as (insert into ${o} (${names(o, ORDER_KEYS)}) values (${typed(o, ORDER_KEYS, 'o')})
      on conflict (${sql.identifier(o.id.name)}) do nothing returning 1)`,
    sql`${insertCte('event', schema.orderEvents, EVENT_KEYS, 'e', 'placed')})`,
    ...settledCtes(fills, positions, 'placed'),
  ];
  return sql`with ${sql.join(ctes, sql`, `)} select count(*)::int as placed from placed`;
}

/** The values of every placeholder of `statement` for one placement. */
function placeholderValues(p: Placement): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  putValues(v, 'o', ORDER_KEYS, p.order);
  // Placeholders skip the column's encoder: jsonb goes as its JSON text.
  putValues(v, 'e', EVENT_KEYS, { ...p.event, detail: JSON.stringify(p.event.detail) });
  putSettledValues(v, p.settled);
  return v;
}
