// Test helpers for the provider suites: a console on a fresh real Postgres database.
import {
  MemoryBus,
  MemorySessionStore,
  createLogger,
  loadConfig,
  openDatabase,
  schema,
  type DatabaseHandle,
} from '@qd/platform';
import { createPostgresDatabase } from '@qd/platform/testing';
import { eq } from 'drizzle-orm';
import { buildConsole, type ConsoleServer } from '../../server';

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
  const handle = await openDatabase({
    databaseUrl: await createPostgresDatabase(postgresAdminUrl),
  });
  const config = loadConfig({ QD_LOG_LEVEL: 'silent', ...env });
  const server = await buildConsole({
    config,
    db: handle.db,
    bus: new MemoryBus(),
    sessions: new MemorySessionStore(),
    logger: createLogger('t', 'silent'),
    gatewayBaseUrl: 'http://127.0.0.1:9',
    serviceToken: 'unused-service-token-0123456789abcdef',
    sessionSecret: 'provider-tests-session-secret-0123456789',
    ...(opts.now ? { now: opts.now } : {}),
  });
  const base = await server.app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  return {
    base,
    handle,
    server,
    async close() {
      await server.close();
      await handle.close();
    },
  };
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
