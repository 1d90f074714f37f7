// Baseline: a bare Fastify server with one hello route.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send!({ type: 'ready', url: address });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
