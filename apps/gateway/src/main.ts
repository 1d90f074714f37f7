import { RedisBus, createLogger, loadConfig, openDatabase } from '@qd/platform';
import { buildGateway } from './index';

// Standalone gateway process (production). Embedded mode runs it inside the console process.
const config = loadConfig();
if (!config.QD_SERVICE_TOKEN || !config.REDIS_URL) {
  // Alone, the gateway needs the shared credential and Redis to reach consoles in other processes.
  console.error('Running the gateway on its own needs QD_SERVICE_TOKEN and REDIS_URL.');
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
  bus: new RedisBus(config.REDIS_URL),
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
