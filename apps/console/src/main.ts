import { resolve } from 'node:path';
import { buildGateway } from '@qd/gateway';
import {
  ConfigError,
  MemoryBus,
  MemorySessionStore,
  RedisBus,
  RedisSessionStore,
  SessionCipher,
  createLogger,
  parseSessionKeys,
  redisClient,
  dataDirSecret,
  loadConfig,
  openDatabase,
  redisTarget,
} from '@qd/platform';
import Fastify from 'fastify';
import { seedAdmin } from './auth/users';
import { buildConsole } from './server';

// Embedded by default: gateway and console in one process on one database and one in-memory bus.
// REDIS_URL moves bus and sessions to Redis; QD_GATEWAY_URL uses a separate gateway process.
const started = Date.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
const loopback = (h: string) => h === '127.0.0.1' || h === '::1' || h === 'localhost';
if (
  !loopback(config.QD_HOST) &&
  (!config.QD_SESSION_SECRET || !config.QD_SERVICE_TOKEN || !config.QD_SESSION_KEYS)
) {
  console.error(
    'Refusing to listen on a non-loopback address with generated secrets: set QD_SESSION_SECRET, QD_SESSION_KEYS and QD_SERVICE_TOKEN.',
  );
  process.exit(1);
}
const redis = redisTarget(config);
if (config.QD_GATEWAY_URL && !redis) {
  console.error(
    'QD_GATEWAY_URL names a separate gateway; its events reach the console only through Redis: set REDIS_URL.',
  );
  process.exit(1);
}
const logger = createLogger('quarterdeck', config.QD_LOG_LEVEL);
const dataDir = resolve(config.QD_DATA_DIR);
const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
const bus = redis ? new RedisBus(redis) : new MemoryBus();
// Session data (and TOTP secrets) are sealed with AES-256-GCM; the first key encrypts.
let cipher: SessionCipher;
try {
  cipher = new SessionCipher(
    parseSessionKeys(
      config.QD_SESSION_KEYS ?? `local:${dataDirSecret(dataDir, 'session-encryption')}`,
    ),
  );
} catch (err) {
  console.error(`Invalid configuration:\n  QD_SESSION_KEYS: ${(err as Error).message}`);
  process.exit(1);
}
const sessionStore = redis
  ? new RedisSessionStore(redis, cipher)
  : new MemorySessionStore(Date.now, cipher);
const limiterRedis = redis ? redisClient(redis) : undefined;
const serviceToken = config.QD_SERVICE_TOKEN ?? dataDirSecret(dataDir, 'service');
const sessionSecret = config.QD_SESSION_SECRET ?? dataDirSecret(dataDir, 'session');

// With QD_GATEWAY_URL the gateway is a separate process; otherwise it runs embedded here.
const gateway = config.QD_GATEWAY_URL
  ? null
  : await buildGateway({ config, db: handle.db, bus, logger, serviceToken });
let gatewayBase = config.QD_GATEWAY_URL ?? '';
if (gateway) {
  await gateway.start();
  gatewayBase = await listenOrExplain(
    () => gateway.app.listen({ host: config.QD_GATEWAY_HOST, port: config.QD_GATEWAY_PORT }),
    'QD_GATEWAY_PORT',
    config.QD_GATEWAY_PORT,
  );
}

const seeded = await seedAdmin(handle.db, config.QD_ADMIN_PASSWORD);
const webRoot = resolve(process.env.QD_WEB_ROOT ?? 'apps/web/dist');
const console_ = await buildConsole({
  config,
  db: handle.db,
  bus,
  sessions: sessionStore,
  logger,
  // The embedded gateway is called in process; it still listens on QD_GATEWAY_PORT for tools.
  ...(gateway ? { gatewayApp: gateway.app } : { gatewayBaseUrl: gatewayBase }),
  serviceToken,
  sessionSecret,
  webRoot,
  cipher,
  redis: limiterRedis,
});
await console_.start();
const address = await listenOrExplain(
  () => console_.app.listen({ host: config.QD_HOST, port: config.QD_PORT }),
  'QD_PORT',
  config.QD_PORT,
);

// With QD_METRICS_PORT, Prometheus scrapes a port of its own that is not exposed to browsers.
const metricsServer = config.QD_METRICS_PORT === undefined ? null : Fastify();
if (metricsServer) {
  metricsServer.get('/metrics', async (_req, reply) =>
    reply.type(console_.metrics.contentType).send(await console_.metrics.render()),
  );
  await listenOrExplain(
    () => metricsServer.listen({ host: config.QD_HOST, port: config.QD_METRICS_PORT }),
    'QD_METRICS_PORT',
    config.QD_METRICS_PORT!,
  );
}

const url = address.replace('[::1]', 'localhost');
const lines = [
  '',
  `  Quarterdeck is running at ${url}   (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  Database: ${handle.kind === 'pglite' ? `PGlite in ${dataDir}/pglite` : 'Postgres'}; market: simulated (seed ${config.QD_MARKET_SEED}); broker: paper; bus and sessions: ${redis ? (typeof redis === 'string' ? 'Redis' : 'Redis via Sentinel') : 'in memory'}; gateway: ${gateway ? 'embedded' : gatewayBase}`,
  seeded.generatedPassword
    ? `  Log in as admin with password: ${seeded.generatedPassword}   (shown once; set QD_ADMIN_PASSWORD to choose it)`
    : seeded.created
      ? '  Log in as admin with the password from QD_ADMIN_PASSWORD.'
      : '  Log in as admin (password as set on first start).',
  config.QD_MFA_REQUIRED_ROLES.length
    ? `  Roles ${config.QD_MFA_REQUIRED_ROLES.join(', ')} set up two-factor authentication (an authenticator app) at first sign-in.`
    : '  Two-factor authentication is optional for every role (QD_MFA_REQUIRED_ROLES=none).',
  `  Sign-in: ${config.QD_AUTH_PROVIDERS.join(', ')}${config.QD_AUTH_PROVIDERS.includes('dev') ? '   (dev sign-in is on: this machine only, every use audited)' : ''}`,
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
      // SIGTERM (an orchestrator, a deploy): drain first so clients move over without a gap.
      if (signal === 'SIGTERM') await console_.drain(config.QD_DRAIN_MS);
      await console_.close();
      await metricsServer?.close();
      await gateway?.close();
      await bus.close();
      await sessionStore.close();
      await limiterRedis?.quit();
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
