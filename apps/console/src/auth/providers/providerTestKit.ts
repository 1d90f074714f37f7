// Test helpers for the provider suites: a console on a fresh real Postgres database.
import { openDatabase, schema, type DatabaseHandle } from '@qd/platform';
import { createPostgresDatabase } from '@qd/platform/testing';
import { eq } from 'drizzle-orm';
import { startConsoleKit } from '../../consoleTestKit';
import type { ConsoleServer } from '../../server';

export interface TestConsole {
  base: string;
  handle: DatabaseHandle;
  server: ConsoleServer;
  close(): Promise<void>;
}

/** A console (API only, no gateway traffic) with the given environment, listening on a free port. */
export async function startTestConsole(
  postgresAdminUrl: string,
  env: Record<string, string>,
  opts: { now?: () => Date; port?: number } = {},
): Promise<TestConsole> {
  const kit = await startConsoleKit({
    open: async () => openDatabase({ databaseUrl: await createPostgresDatabase(postgresAdminUrl) }),
    gateway: 'none',
    env,
    sessionSecret: 'provider-tests-session-secret-0123456789',
    ...opts,
  });
  return { base: kit.base, handle: kit.handle, server: kit.server, close: () => kit.close() };
}

/** Audit rows of one action, oldest first. */
export async function auditRows(handle: DatabaseHandle, action: string) {
  return handle.db
    .select()
    .from(schema.auditLog)
    .where(eq(schema.auditLog.action, action))
    .orderBy(schema.auditLog.id);
}

/** The `name=value` part of a Set-Cookie header for one cookie. */
export function cookieFrom(res: Response, name: string): string | null {
  for (const c of res.headers.getSetCookie()) if (c.startsWith(`${name}=`)) return c.split(';')[0]!;
  return null;
}
