// Test-only: the console suites' shared set-up. A console on a fresh database, with its gateway
// embedded (called in process, as `npm start` runs it), over HTTP, or none at all.
import { buildGateway, type Gateway } from '@qd/gateway';
import {
  MemoryBus,
  MemorySessionStore,
  createLogger,
  loadConfig,
  openDatabase,
  type DatabaseHandle,
} from '@qd/platform';
import { expect } from 'vitest';
import { createUser, seedAdmin } from './auth/users';
import { buildConsole, type ConsoleServer } from './server';

export const TEST_TOKEN = 'test-service-token-0123456789-abcdefghij';
export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface ConsoleKitOptions {
  /** Environment over `QD_LOG_LEVEL=silent`. */
  env?: Record<string, string>;
  /** The database (default: a fresh in-memory PGlite). The kit closes it. */
  open?: () => Promise<DatabaseHandle>;
  /** `embedded`: called in process; `http`: over a listening gateway; `none`: API only. */
  gateway: 'embedded' | 'http' | 'none';
  /** Seeds the bootstrap admin (`admin`) with this password. */
  admin?: string;
  /** More users, name → role, all with TEST_PASSWORD. */
  users?: Record<string, 'viewer' | 'researcher' | 'operator' | 'admin'>;
  /**
   * Listen on `port` (default: a free one), after starting the console's hub and background
   * work when it has a gateway; false: build only, for inject().
   */
  listen?: boolean;
  port?: number;
  sessionSecret?: string;
  now?: () => Date;
}

export interface ConsoleKit {
  handle: DatabaseHandle;
  gateway: Gateway | null;
  server: ConsoleServer;
  /** The console's base URL ('' when it does not listen). */
  base: string;
  /** Closes the console, the gateway and the database. */
  close(): Promise<void>;
}

/** Builds a console (and its gateway) on a fresh database; see ConsoleKitOptions. */
export async function startConsoleKit(opts: ConsoleKitOptions): Promise<ConsoleKit> {
  const config = loadConfig({ QD_LOG_LEVEL: 'silent', ...opts.env });
  const logger = createLogger('t', 'silent');
  const handle = await (opts.open ?? (() => openDatabase({ inMemory: true })))();
  const bus = new MemoryBus();
  let gateway: Gateway | null = null;
  let via: { gatewayApp: Gateway['app'] } | { gatewayBaseUrl: string } = {
    gatewayBaseUrl: 'http://127.0.0.1:9',
  };
  if (opts.gateway !== 'none') {
    gateway = await buildGateway({ config, db: handle.db, bus, logger, serviceToken: TEST_TOKEN });
    await gateway.start();
    via =
      opts.gateway === 'embedded'
        ? { gatewayApp: gateway.app }
        : { gatewayBaseUrl: await gateway.app.listen({ host: '127.0.0.1', port: 0 }) };
  }
  if (opts.admin) await seedAdmin(handle.db, opts.admin);
  for (const [name, role] of Object.entries(opts.users ?? {}))
    await createUser(handle.db, name, TEST_PASSWORD, role);
  const server = await buildConsole({
    config,
    db: handle.db,
    bus,
    sessions: new MemorySessionStore(),
    logger,
    ...via,
    serviceToken: TEST_TOKEN,
    sessionSecret: opts.sessionSecret ?? 'a'.repeat(40),
    ...(opts.now ? { now: opts.now } : {}),
  });
  let base = '';
  if (opts.listen ?? true) {
    if (gateway) await server.start();
    base = await server.app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  }
  return {
    handle,
    gateway,
    server,
    base,
    async close() {
      await server.close();
      await gateway?.close();
      await handle.close();
    },
  };
}

/** Signs in through inject() and answers the headers of that session (cookie, CSRF token). */
export async function injectLogin(
  server: ConsoleServer,
  username: string,
  password = TEST_PASSWORD,
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode).toBe(200);
  return {
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
    'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
  };
}
