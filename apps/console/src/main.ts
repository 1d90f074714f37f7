import { resolve } from 'node:path';
import { buildGateway } from '@qd/gateway';
import {
  ConfigError,
  MemoryBus,
  MemorySessionStore,
  createLogger,
  dataDirSecret,
  loadConfig,
  openDatabase,
} from '@qd/platform';
import { seedAdmin } from './auth/users';
import { buildConsole } from './server';

// Embedded mode: gateway and console in one process on one database and one in-memory bus.
const started = Date.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
const loopback = (h: string) => h === '127.0.0.1' || h === '::1' || h === 'localhost';
if (!loopback(config.QD_HOST) && (!config.QD_SESSION_SECRET || !config.QD_SERVICE_TOKEN)) {
  console.error(
    'Refusing to listen on a non-loopback address with generated secrets: set QD_SESSION_SECRET and QD_SERVICE_TOKEN.',
  );
  process.exit(1);
}
if (config.REDIS_URL) {
  console.error(
    'REDIS_URL is set, but this build only has the embedded in-memory bus and session store. Unset REDIS_URL.',
  );
  process.exit(1);
}
const logger = createLogger('quarterdeck', config.QD_LOG_LEVEL);
const dataDir = resolve(config.QD_DATA_DIR);
const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
const bus = new MemoryBus();
const serviceToken = config.QD_SERVICE_TOKEN ?? dataDirSecret(dataDir, 'service');
const sessionSecret = config.QD_SESSION_SECRET ?? dataDirSecret(dataDir, 'session');

const gateway = await buildGateway({ config, db: handle.db, bus, logger, serviceToken });
await gateway.start();
const gatewayAddress = await listenOrExplain(
  () => gateway.app.listen({ host: config.QD_GATEWAY_HOST, port: config.QD_GATEWAY_PORT }),
  'QD_GATEWAY_PORT',
  config.QD_GATEWAY_PORT,
);
const gatewayBase = config.QD_GATEWAY_URL ?? gatewayAddress;

const seeded = await seedAdmin(handle.db, config.QD_ADMIN_PASSWORD);
const webRoot = resolve(process.env.QD_WEB_ROOT ?? 'apps/web/dist');
const console_ = await buildConsole({
  config,
  db: handle.db,
  bus,
  sessions: new MemorySessionStore(),
  logger,
  gatewayBaseUrl: gatewayBase,
  serviceToken,
  sessionSecret,
  webRoot,
});
await console_.start();
const address = await listenOrExplain(
  () => console_.app.listen({ host: config.QD_HOST, port: config.QD_PORT }),
  'QD_PORT',
  config.QD_PORT,
);

const url = address.replace('[::1]', 'localhost');
const lines = [
  '',
  `  Quarterdeck is running at ${url}   (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  Database: ${handle.kind === 'pglite' ? `PGlite in ${dataDir}/pglite` : 'Postgres'}; market: simulated (seed ${config.QD_MARKET_SEED}); broker: paper`,
  seeded.generatedPassword
    ? `  Log in as admin with password: ${seeded.generatedPassword}   (shown once; set QD_ADMIN_PASSWORD to choose it)`
    : seeded.created
      ? '  Log in as admin with the password from QD_ADMIN_PASSWORD.'
      : '  Log in as admin (password as set on first start).',
  '  Press Ctrl+C to stop.',
  '',
];
console.log(lines.join('\n'));

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    console.log('\nStopping Quarterdeck…');
    void (async () => {
      await console_.close();
      await gateway.close();
      await handle.close();
      process.exit(0);
    })();
  });
}

/** Listens, or exits with a message naming the variable to change when the port is taken. */
async function listenOrExplain(
  listen: () => Promise<string>,
  variable: string,
  port: number,
): Promise<string> {
  try {
    return await listen();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `Port ${port} is already in use (is Quarterdeck already running?). Stop it, or set ${variable} to another port.`,
      );
      process.exit(1);
    }
    throw err;
  }
}
