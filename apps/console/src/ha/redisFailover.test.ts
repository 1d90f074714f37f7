import { buildGateway, type Gateway } from '@qd/gateway';
import {
  RedisBus,
  RedisSessionStore,
  SessionCipher,
  createLogger,
  loadConfig,
  openDatabase,
  type DatabaseHandle,
  type RedisTarget,
} from '@qd/platform';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentinelGroup, type SentinelGroup } from '../../../../scripts/lib/redisSentinel.mjs';
import { seedAdmin } from '../auth/users';
import { buildConsole, type ConsoleServer } from '../server';
import { LiveClient } from './liveClient';
import { ADMIN_PASSWORD, HA_USER_AGENT, login } from './cluster';

const TOKEN = 'redis-failover-service-token-0123456789';
const logger = createLogger('t', 'silent');

async function eventually(check: () => void | Promise<void>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// Real Redis Sentinel group (1 primary, 1 replica, 3 sentinels); bus and sessions in Sentinel mode.
describe('Redis failover through Sentinel', () => {
  let group: SentinelGroup;
  let target: RedisTarget;
  let handle: DatabaseHandle;
  let gateway: Gateway;
  let server: ConsoleServer;
  let base: string;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    group = await startSentinelGroup();
    target = { sentinels: group.sentinels, name: group.name };
    // Failover needs every sentinel to know the replica first.
    await eventually(async () => {
      for (const s of group.sentinels) {
        const [host, port] = s.split(':');
        const r = new Redis({ host, port: Number(port), lazyConnect: true });
        const replicas = (await r.call('SENTINEL', 'replicas', group.name)) as unknown[];
        r.disconnect();
        expect(replicas.length).toBe(1);
      }
    });
    // The admin signs in with a password only here: MFA policy off, explicitly (default: operator,admin).
    const config = loadConfig({
      QD_MARKET_TICK_MS: '100',
      QD_LOG_LEVEL: 'silent',
      QD_MFA_REQUIRED_ROLES: 'none',
    });
    handle = await openDatabase({ inMemory: true });
    const gatewayBus = new RedisBus(target);
    const consoleBus = new RedisBus(target);
    const sessions = new RedisSessionStore(target, SessionCipher.ephemeral());
    closers.push(
      () => gatewayBus.close(),
      () => consoleBus.close(),
      () => sessions.close(),
    );
    gateway = await buildGateway({
      config,
      db: handle.db,
      bus: gatewayBus,
      logger,
      serviceToken: TOKEN,
    });
    await gateway.start();
    const gatewayUrl = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    await seedAdmin(handle.db, ADMIN_PASSWORD);
    server = await buildConsole({
      config,
      db: handle.db,
      bus: consoleBus,
      sessions,
      logger,
      gatewayBaseUrl: gatewayUrl,
      serviceToken: TOKEN,
      sessionSecret: 'r'.repeat(40),
    });
    await server.start();
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await gateway?.close();
    for (const c of closers) await c().catch(() => undefined);
    await handle?.close();
    group?.stop();
  });

  it('promotes the replica; the console keeps pushing and sessions survive', async () => {
    const auth = await login(base);
    const client = new LiveClient(
      base.replace('http', 'ws') + '/ws',
      { cookie: auth.cookie, 'user-agent': HA_USER_AGENT, origin: base },
      ['prices:AAPL'],
    );
    client.start();
    await eventually(() => expect(client.synced).toBe(true));
    // The session must have reached the replica before the primary dies (replication is async).
    const replica = new Redis({ port: group.replicaPort, lazyConnect: true });
    await eventually(async () => expect((await replica.keys('qd:session:*')).length).toBe(1));
    replica.disconnect();

    group.stopPrimary();
    await eventually(async () => {
      const [host, port] = group.sentinels[0]!.split(':');
      const s = new Redis({ host, port: Number(port), lazyConnect: true });
      const primary = (await s.call('SENTINEL', 'get-master-addr-by-name', group.name)) as string[];
      s.disconnect();
      expect(Number(primary[1])).toBe(group.replicaPort);
    });
    const seqAtSwitch = client.seqs.get('prices:AAPL')!;
    // Pushes continue after the switch: the price topic advances well past where it was.
    await eventually(() =>
      expect(client.seqs.get('prices:AAPL')!).toBeGreaterThan(seqAtSwitch + 5),
    );
    const session = await fetch(`${base}/api/v1/auth/session`, {
      headers: { cookie: auth.cookie, 'user-agent': HA_USER_AGENT },
    });
    expect(session.status).toBe(200);
    client.stop();
  }, 60_000);
});
