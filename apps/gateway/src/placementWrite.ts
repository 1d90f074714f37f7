import { str } from '@qd/domain';
import { schema, type Database } from '@qd/platform';
import { getTableColumns, sql, type Query, type SQL } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
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
  const { fillRows, positionRows } = p.settled;
  const shape = `${fillRows.length}_${positionRows.length}`;
  // Built and compiled once per shape (how many fills and positions): building the statement
  // through the query builder on every order cost about a tenth of the order's CPU. Postgres
  // also keeps the named statement's plan per connection. The session's prepared query is
  // drizzle's own way to run compiled SQL with placeholder values.
  let query = compiled.get(shape);
  if (!query) {
    query = dialect.sqlToQuery(statement(fillRows.length, positionRows.length));
    compiled.set(shape, query);
  }
  const result = (await db._.session
    .prepareQuery(query, undefined, `qd_placement_${shape}`, false)
    .execute(placeholderValues(p))) as { rows: { placed: number }[] };
  return result.rows[0]!.placed === 1;
}

const dialect = new PgDialect();
const compiled = new Map<string, Query>();

const ORDER_KEYS = Object.keys(getTableColumns(schema.orders)) as (keyof OrderRow)[];
const EVENT_KEYS = ['orderId', 'kind', 'actor', 'at', 'detail'] as const;
const FILL_KEYS = Object.keys(
  getTableColumns(schema.fills),
) as (keyof typeof schema.fills.$inferInsert)[];
const POSITION_KEYS = Object.keys(
  getTableColumns(schema.positions),
) as (keyof typeof schema.positions.$inferInsert)[];

/** The statement for a placement with `fills` fills and `positions` positions, values as placeholders. */
function statement(fills: number, positions: number): SQL {
  const o = schema.orders;
  const ctes: SQL[] = [
    sql`placed as (insert into ${o} (${names(o, ORDER_KEYS)}) values (${typed(o, ORDER_KEYS, 'o')})
      on conflict (${sql.identifier(o.id.name)}) do nothing returning 1)`,
    insertFromPlaced('event', schema.orderEvents, EVENT_KEYS, 'e'),
  ];
  for (let i = 0; i < fills; i++)
    ctes.push(insertFromPlaced(`fill${i}`, schema.fills, FILL_KEYS, `f${i}`));
  const pos = schema.positions;
  const updated = [pos.qty, pos.avgPrice, pos.realizedPnl, pos.updatedAt].map(
    (c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`,
  );
  for (let i = 0; i < positions; i++)
    ctes.push(
      sql`${insertFromPlaced(`position${i}`, pos, POSITION_KEYS, `p${i}`, false)}
        on conflict (${sql.identifier(pos.accountId.name)}, ${sql.identifier(pos.symbol.name)})
        do update set ${sql.join(updated, sql`, `)})`,
    );
  if (fills) {
    const a = schema.accounts;
    const set = (['cash', 'realizedPnlToday', 'updatedAt'] as const).map(
      (k) => sql`${sql.identifier(a[k].name)} = ${typedOne(a[k], `a_${k}`)}`,
    );
    ctes.push(sql`account as (update ${a} set ${sql.join(set, sql`, `)}
      where ${sql.identifier(a.id.name)} = ${typedOne(a.id, 'a_id')} and exists (select 1 from placed))`);
  }
  return sql`with ${sql.join(ctes, sql`, `)} select count(*)::int as placed from placed`;
}

/** The values of every placeholder of `statement` for one placement. */
function placeholderValues(p: Placement): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  const put = (prefix: string, keys: readonly string[], row: object) => {
    for (const k of keys) v[`${prefix}_${k}`] = (row as Record<string, unknown>)[k] ?? null;
  };
  put('o', ORDER_KEYS, p.order);
  // Placeholders skip the column's encoder: jsonb goes as its JSON text.
  put('e', EVENT_KEYS, { ...p.event, detail: JSON.stringify(p.event.detail) });
  p.settled.fillRows.forEach((r, i) => put(`f${i}`, FILL_KEYS, r));
  p.settled.positionRows.forEach((r, i) => put(`p${i}`, POSITION_KEYS, r));
  const { account, ts } = p.settled;
  v.a_cash = str(account.cash, 10);
  v.a_realizedPnlToday = str(account.realizedPnlToday, 10);
  v.a_updatedAt = ts;
  v.a_id = ACCOUNT_ID;
  return v;
}

/** `name as (insert into table (…) select <placeholders> from placed`, closed unless more follows. */
function insertFromPlaced<T extends PgTable>(
  name: string,
  table: T,
  keys: readonly string[],
  prefix: string,
  close = true,
): SQL {
  const head = sql`${sql.identifier(name)} as (insert into ${table} (${names(table, keys)})
    select ${typed(table, keys, prefix)} from placed`;
  return close ? sql`${head})` : head;
}

const columnsOf = (table: PgTable) => getTableColumns(table) as Record<string, PgColumn>;

function names(table: PgTable, keys: readonly string[]): SQL {
  const all = columnsOf(table);
  return sql.join(
    keys.map((k) => sql.identifier(all[k]!.name)),
    sql`, `,
  );
}

function typed(table: PgTable, keys: readonly string[], prefix: string): SQL {
  const all = columnsOf(table);
  return sql.join(
    keys.map((k) => typedOne(all[k]!, `${prefix}_${k}`)),
    sql`, `,
  );
}

/**
 * A placeholder cast to its column's type: in a SELECT list (unlike VALUES) Postgres does not
 * take a parameter's type from the target column, so numeric and timestamp values need it.
 */
function typedOne(column: PgColumn, placeholder: string): SQL {
  return sql`${sql.placeholder(placeholder)}::${sql.raw(column.getSQLType())}`;
}
