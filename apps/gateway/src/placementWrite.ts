import { str } from '@qd/domain';
import { schema, type Database } from '@qd/platform';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SettledFills } from './fillSettlement';
import type { OrderRow } from './orderFills';
import { ACCOUNT_ID } from './seed';

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
  const order = columnsAndValues(schema.orders, p.order);
  const ctes: SQL[] = [
    sql`placed as (insert into ${schema.orders} (${order.columns}) values (${order.values})
      on conflict (${sql.identifier(schema.orders.id.name)}) do nothing returning 1)`,
    insertFromPlaced('event', schema.orderEvents, p.event),
  ];
  const { fillRows, positionRows, account, ts } = p.settled;
  for (const [i, f] of fillRows.entries()) ctes.push(insertFromPlaced(`fill${i}`, schema.fills, f));
  const pos = schema.positions;
  const excluded = (c: PgColumn) =>
    sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`;
  for (const [i, r] of positionRows.entries())
    ctes.push(
      sql`${insertFromPlaced(`position${i}`, pos, r, false)}
        on conflict (${sql.identifier(pos.accountId.name)}, ${sql.identifier(pos.symbol.name)})
        do update set ${sql.join(
          [pos.qty, pos.avgPrice, pos.realizedPnl, pos.updatedAt].map(excluded),
          sql`, `,
        )})`,
    );
  if (fillRows.length) {
    const a = schema.accounts;
    ctes.push(sql`account as (update ${a}
      set ${sql.identifier(a.cash.name)} = ${typed(a.cash, str(account.cash, 10))},
        ${sql.identifier(a.realizedPnlToday.name)} = ${typed(a.realizedPnlToday, str(account.realizedPnlToday, 10))},
        ${sql.identifier(a.updatedAt.name)} = ${typed(a.updatedAt, ts)}
      where ${sql.identifier(a.id.name)} = ${ACCOUNT_ID} and exists (select 1 from placed))`);
  }
  const result = await db.execute<{ placed: number }>(
    sql`with ${sql.join(ctes, sql`, `)} select count(*)::int as placed from placed`,
  );
  return (result as unknown as { rows: { placed: number }[] }).rows[0]!.placed === 1;
}

/** `name as (insert into table (…) select <row> from placed`, closed unless more follows. */
function insertFromPlaced<T extends PgTable>(
  name: string,
  table: T,
  row: T['$inferInsert'],
  close = true,
): SQL {
  const { columns, values } = columnsAndValues(table, row);
  const head = sql`${sql.identifier(name)} as (insert into ${table} (${columns}) select ${values} from placed`;
  return close ? sql`${head})` : head;
}

/** A row's column list and its values, each cast to its column's type. */
function columnsAndValues<T extends PgTable>(
  table: T,
  row: T['$inferInsert'],
): { columns: SQL; values: SQL } {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined);
  return {
    columns: sql.join(
      keys.map((k) => sql.identifier(all[k]!.name)),
      sql`, `,
    ),
    values: sql.join(
      keys.map((k) => typed(all[k]!, (row as Record<string, unknown>)[k])),
      sql`, `,
    ),
  };
}

/**
 * A parameter cast to its column's type: in a SELECT list (unlike VALUES) Postgres does not
 * take a parameter's type from the target column, so numeric and timestamp values need it.
 */
function typed(column: PgColumn, value: unknown): SQL {
  return sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`;
}
