import { RedisBus, createLogger, loadConfig, openDatabase, redisTarget } from '@qd/platform';
import { buildGateway } from './index';

// Standalone gateway process (production). Embedded mode runs it inside the console process.
const config = loadConfig();
const redis = redisTarget(config);
if (!config.QD_SERVICE_TOKEN || !redis) {
  // Alone, the gateway needs the shared credential and Redis to reach consoles in other processes.
  console.error(
    'Running the gateway on its own needs QD_SERVICE_TOKEN and REDIS_URL (or REDIS_SENTINELS).',
  );
  process.exit(1);
}
const logger = createLogger('gateway', config.QD_LOG_LEVEL);
const handle = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.QD_DATA_DIR,
});
const gateway = await buildGateway({
  config,
  db: handle.db,
  bus: new RedisBus(redis),
  logger,
  serviceToken: config.QD_SERVICE_TOKEN,
});
await gateway.start();
await gateway.app.listen({ host: config.QD_GATEWAY_HOST, port: config.QD_GATEWAY_PORT });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await gateway.close();
    await handle.close();
    process.exit(0);
  });
}
