import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the real Postgres server started by the Vitest global setup. */
    postgresUrl: string;
    /** URL of the real Redis server started by the Vitest global setup. */
    redisUrl: string;
  }
}

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated, empty database. */
  open(): Promise<DatabaseHandle>;
}

/** Creates a new, empty database on the server behind adminUrl and returns its URL. */
export async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `qd_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Both database implementations, so one contract suite runs against each. */
export function databaseTargets(postgresAdminUrl: string): DatabaseTarget[] {
  return [
    { name: 'pglite', open: () => openDatabase({ inMemory: true }) },
    {
      name: 'postgres',
      open: async () =>
        openDatabase({ databaseUrl: await createPostgresDatabase(postgresAdminUrl) }),
    },
  ];
}
