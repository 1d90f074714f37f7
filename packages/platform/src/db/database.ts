import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';
import { turnTaking } from './turnTaking';

export type Schema = typeof schema;
/** The database as every service sees it, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; same query API as Database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Postgres URL; when absent, PGlite stores its files in `<dataDir>/pglite`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** `memory` runs PGlite in memory (tests). */
  inMemory?: boolean;
}

/** Where the checked-in SQL migrations live: next to a server bundle, or in the platform package. */
export function migrationsFolder(): string {
  const override = process.env.QD_MIGRATIONS_DIR;
  if (override) return resolve(override);
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations'), join(here, '..', '..', 'migrations')];
  const found = candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json')));
  if (!found) throw new Error(`migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Opens the database and applies every pending migration. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const migrationsDir = migrationsFolder();
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzleNodePg(pool, { schema });
    await migrateNodePg(db, { migrationsFolder: migrationsDir });
    return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
  }
  let client: PGlite;
  if (options.inMemory) {
    client = new PGlite();
  } else {
    const dir = join(resolve(options.dataDir ?? './.data'), 'pglite');
    mkdirSync(dirname(dir), { recursive: true });
    client = new PGlite(dir);
  }
  // Each statement starts on a fresh event-loop turn (see turnTaking): a push or a reply queued
  // behind a chain of statements waits for one statement, not the whole chain.
  const db = drizzlePglite(turnTaking(client), { schema });
  await migratePglite(db, { migrationsFolder: migrationsDir });
  return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}
