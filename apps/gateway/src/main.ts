import { MemoryBus, createLogger, loadConfig, openDatabase } from '@qd/platform';
import { buildGateway } from './index';

// Standalone gateway process (production). Embedded mode runs it inside the console process.
const config = loadConfig();
if (!config.QD_SERVICE_TOKEN) {
  console.error('QD_SERVICE_TOKEN is required to run the gateway on its own.');
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
  bus: new MemoryBus(),
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
