import { schema, type Database } from '@qd/platform';
import { sql, type SQL } from 'drizzle-orm';
import type { SettledFills } from './fillSettlement';
import type { OrderRow } from './orderFills';
import { putSettledValues, runCompiled, settledCtes, typedOne } from './statementParts';

/** What a market tick writes: the resting orders it filled, their fills, positions and account. */
export interface TickFills {
  /** The orders' rows after the fills (filled quantity, average price, status). */
  orders: OrderRow[];
  settled: SettledFills;
}

/**
 * Writes a tick's fills of resting orders in ONE statement (data-modifying CTEs): an update per
 * order, an insert per fill, an upsert per position and the account update. Like a new order's
 * write (placementWrite.ts) it is atomic without a transaction and one round trip, not a
 * BEGIN, 3 + orders + positions statements and a COMMIT. Postgres runs every data-modifying
 * CTE whether or not the final SELECT reads it.
 */
export async function writeTickFills(db: Database, t: TickFills): Promise<void> {
  const { fillRows, positionRows } = t.settled;
  const shape = `${t.orders.length}_${fillRows.length}_${positionRows.length}`;
  await runCompiled(
    db,
    `qd_tick_fills_${shape}`,
    () => statement(t.orders.length, fillRows.length, positionRows.length),
    placeholderValues(t),
  );
}

const ORDER_SET = ['filledQty', 'avgFillPrice', 'status', 'updatedAt'] as const;

/** The statement for `orders` orders, `fills` fills and `positions` positions, values as placeholders. */
function statement(orders: number, fills: number, positions: number): SQL {
  const o = schema.orders;
  const ctes: SQL[] = [];
  for (let i = 0; i < orders; i++) {
    const set = ORDER_SET.map(
      (k) => sql`${sql.identifier(o[k].name)} = ${typedOne(o[k], `o${i}_${k}`)}`,
    );
    ctes.push(sql`${sql.identifier(`order${i}`)} as (update ${o} set ${sql.join(set, sql`, `)}
      where ${sql.identifier(o.id.name)} = ${typedOne(o.id, `o${i}_id`)})`);
  }
  ctes.push(...settledCtes(fills, positions));
  return sql`with ${sql.join(ctes, sql`, `)} select 1`;
}

/** The values of every placeholder of `statement` for one tick's fills. */
function placeholderValues(t: TickFills): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  t.orders.forEach((r, i) => {
    for (const k of ORDER_SET) v[`o${i}_${k}`] = r[k];
    v[`o${i}_id`] = r.id;
  });
  putSettledValues(v, t.settled);
  return v;
}
