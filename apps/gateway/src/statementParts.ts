import { str } from '@qd/domain';
import { schema, type Database } from '@qd/platform';
import { getTableColumns, sql, type Query, type SQL } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { SettledFills } from './fillSettlement';
import { ACCOUNT_ID } from './seed';

// Pieces of the one-statement writes (a new order, a tick's fills): data-modifying CTEs with
// typed placeholders, compiled once per shape and run through drizzle's prepared query.

const dialect = new PgDialect();
const compiled = new Map<string, Query>();

/**
 * Runs the statement `build()` makes under `name` (one per shape), compiled on first use:
 * building it through the query builder on every write cost about a tenth of an order's CPU,
 * and Postgres keeps the named statement's plan per connection.
 */
export async function runCompiled<Row = unknown>(
  db: Database,
  name: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<Row[]> {
  let query = compiled.get(name);
  if (!query) {
    query = dialect.sqlToQuery(build());
    compiled.set(name, query);
  }
  const result = (await db._.session
    .prepareQuery(query, undefined, name, false)
    .execute(values)) as { rows: Row[] };
  return result.rows;
}

export const FILL_KEYS = Object.keys(
  getTableColumns(schema.fills),
) as (keyof typeof schema.fills.$inferInsert)[];
export const POSITION_KEYS = Object.keys(
  getTableColumns(schema.positions),
) as (keyof typeof schema.positions.$inferInsert)[];

/**
 * The CTEs that write settled fills: one insert per fill, one upsert per position, the account
 * update. With `guard` (a CTE name) each writes only if that CTE returned a row.
 */
export function settledCtes(fills: number, positions: number, guard?: string): SQL[] {
  const ctes: SQL[] = [];
  for (let i = 0; i < fills; i++)
    ctes.push(sql`${insertCte(`fill${i}`, schema.fills, FILL_KEYS, `f${i}`, guard)})`);
  const pos = schema.positions;
  const updated = [pos.qty, pos.avgPrice, pos.realizedPnl, pos.updatedAt].map(
    (c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`,
  );
  for (let i = 0; i < positions; i++)
    ctes.push(
      sql`${insertCte(`position${i}`, pos, POSITION_KEYS, `p${i}`, guard)}
        on conflict (${sql.identifier(pos.accountId.name)}, ${sql.identifier(pos.symbol.name)})
        do update set ${sql.join(updated, sql`, `)})`,
    );
  if (fills) {
    const a = schema.accounts;
    const set = (['cash', 'realizedPnlToday', 'updatedAt'] as const).map(
      (k) => sql`${sql.identifier(a[k].name)} = ${typedOne(a[k], `a_${k}`)}`,
    );
    const only = guard ? sql` and exists (select 1 from ${sql.identifier(guard)})` : sql``;
    ctes.push(sql`account as (update ${a} set ${sql.join(set, sql`, `)}
      where ${sql.identifier(a.id.name)} = ${typedOne(a.id, 'a_id')}${only})`);
  }
  return ctes;
}

/** Puts the values of `settledCtes`' placeholders for `s` into `v`. */
export function putSettledValues(v: Record<string, unknown>, s: SettledFills): void {
  s.fillRows.forEach((r, i) => putValues(v, `f${i}`, FILL_KEYS, r));
  s.positionRows.forEach((r, i) => putValues(v, `p${i}`, POSITION_KEYS, r));
  v.a_cash = str(s.account.cash, 10);
  v.a_realizedPnlToday = str(s.account.realizedPnlToday, 10);
  v.a_updatedAt = s.ts;
  v.a_id = ACCOUNT_ID;
}

/** Puts `row`'s `keys` into `v` as the placeholders `<prefix>_<key>` (absent ones as null). */
export function putValues(
  v: Record<string, unknown>,
  prefix: string,
  keys: readonly string[],
  row: object,
): void {
  for (const k of keys) v[`${prefix}_${k}`] = (row as Record<string, unknown>)[k] ?? null;
}

/**
 * `name as (insert into table (…) values|select <placeholders> [from guard]`, left open for an
 * `on conflict` clause. A guarded insert is a SELECT, so it writes nothing when `guard` is empty.
 */
export function insertCte<T extends PgTable>(
  name: string,
  table: T,
  keys: readonly string[],
  prefix: string,
  guard?: string,
): SQL {
  const head = sql`${sql.identifier(name)} as (insert into ${table} (${names(table, keys)})`;
  return guard
    ? sql`${head} select ${typed(table, keys, prefix)} from ${sql.identifier(guard)}`
    : sql`${head} values (${typed(table, keys, prefix)})`;
}

const columnsOf = (table: PgTable) => getTableColumns(table) as Record<string, PgColumn>;

/** The column names of `keys`, comma-separated. */
export function names(table: PgTable, keys: readonly string[]): SQL {
  const all = columnsOf(table);
  return sql.join(
    keys.map((k) => sql.identifier(all[k]!.name)),
    sql`, `,
  );
}

/** A typed placeholder per key, comma-separated. */
export function typed(table: PgTable, keys: readonly string[], prefix: string): SQL {
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
export function typedOne(column: PgColumn, placeholder: string): SQL {
  return sql`${sql.placeholder(placeholder)}::${sql.raw(column.getSQLType())}`;
}
