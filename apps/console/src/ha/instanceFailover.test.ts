import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRedis } from '../../../../scripts/lib/redisServer.mjs';
import { HA_USER_AGENT, login, metric, startCluster, type Cluster } from './cluster';
import { clientsMismatch } from './gatewayState';
import { LiveClient } from './liveClient';

const TOPICS = ['orders', 'fills', 'positions', 'killswitch', 'prices:AAPL'];
const CLIENTS = 50;

/** Polls until the check passes; fails with the last error after `ms`. */
async function eventually(check: () => void | Promise<void>, ms = 20_000): Promise<void> {
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

// Real processes: 3 console instances and a gateway on Postgres + Redis, behind Debian's nginx.
describe('instance failover behind nginx (real processes)', () => {
  let cluster: Cluster;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let auth: { cookie: string; csrf: string };
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startCluster({
      postgresAdminUrl: inject('postgresUrl'),
      redis: { REDIS_URL: redis.url },
      instances: 3,
      privateMetricsOnLast: true,
    });
    auth = await login(cluster.nginx.url);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.stop();
    await cluster?.stop();
    redis?.stop();
  });

  const placeOrder = (qty: string) =>
    fetch(`${cluster.nginx.url}/api/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: auth.cookie,
        'user-agent': HA_USER_AGENT,
        'x-csrf-token': auth.csrf,
      },
      body: JSON.stringify({ symbol: 'MSFT', side: 'buy', qty, type: 'market', tif: 'day' }),
    });

  /** Every client's orders, fills and position quantities equal the gateway's. */
  async function expectClientsMatchGateway(): Promise<void> {
    expect(await clientsMismatch(cluster, clients)).toBeNull();
  }

  // SIGKILL of an instance under these 50 clients plus a Chromium page, with an order retried
  // across the kill, is one scenario in e2e/failover.e2e.ts (it needs the browser).
  it('spreads 50 clients over the instances, each equal to the gateway, with metrics', async () => {
    const wsUrl = cluster.nginx.url.replace('http', 'ws') + '/ws';
    for (let i = 0; i < CLIENTS; i++) {
      const c = new LiveClient(
        wsUrl,
        { cookie: auth.cookie, 'user-agent': HA_USER_AGENT, origin: cluster.nginx.url },
        TOPICS,
      );
      clients.push(c);
      c.start();
    }
    await eventually(() => expect(clients.every((c) => c.synced)).toBe(true));
    const counts = await Promise.all(
      cluster.consoles.map((p) => metric(p.metricsUrl, 'qd_ws_connected_clients')),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(CLIENTS);
    expect(counts[0]).toBeGreaterThan(0); // the instance we kill holds some of them
    const text = await (await fetch(`${cluster.consoles[1]!.url}/metrics`)).text();
    for (const name of [
      'qd_ws_messages_sent_total',
      'qd_ws_messages_conflated_total',
      'qd_ws_messages_dropped_total',
      'qd_ws_send_queue_bytes',
      'qd_ws_push_latency_seconds_count',
    ])
      expect(text).toContain(`${name} `);
    expect(text).toMatch(/qd_ws_subscriptions\{topic="orders"\} [1-9]/);
    expect((await fetch(`${cluster.nginx.url}/metrics`)).status).toBe(404); // not public
    const last = cluster.consoles[2]!;
    expect(last.metricsUrl).not.toBe(last.url); // QD_METRICS_PORT: only there, not on the public port
    expect((await fetch(`${last.url}/metrics`)).status).toBe(404);
    expect((await placeOrder('2')).ok).toBe(true);
    await eventually(expectClientsMatchGateway);
  }, 90_000);

  it('a revocation on one instance reaches a socket held on another', async () => {
    const [a, b] = [cluster.consoles[1]!, cluster.consoles[2]!];
    const victim = await login(a.url);
    const ws = new WebSocket(a.url.replace('http', 'ws') + '/ws', {
      headers: { cookie: victim.cookie, 'user-agent': HA_USER_AGENT, origin: cluster.nginx.url },
    });
    const frames: string[] = [];
    ws.on('message', (m) => frames.push(String(m)));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    await new Promise((r) => ws.once('open', r));
    const out = await fetch(`${b.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: {
        cookie: victim.cookie,
        'user-agent': HA_USER_AGENT,
        'x-csrf-token': victim.csrf,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(out.status).toBe(204);
    expect(await closed).toBe(4001);
    expect(frames.map((f) => JSON.parse(f) as { type: string }).map((f) => f.type)).toContain(
      'revoked',
    );
  });

  it('drains on SIGTERM: /readyz fails, clients move to the survivors, the process exits 0', async () => {
    const leaving = cluster.consoles[1]!;
    const staying = [cluster.consoles[0]!, cluster.consoles[2]!];
    const before = await metric(leaving.metricsUrl, 'qd_ws_connected_clients');
    expect(before).toBeGreaterThan(0);
    leaving.child.kill('SIGTERM');
    await eventually(
      async () => expect((await fetch(`${leaving.url}/readyz`)).status).toBe(503),
      2000,
    );
    expect(await leaving.exited).toBe(0);
    await eventually(() => expect(clients.every((c) => c.synced)).toBe(true));
    const counts = await Promise.all(
      staying.map((p) => metric(p.metricsUrl, 'qd_ws_connected_clients')),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(CLIENTS);
    expect(clients.some((c) => c.opens > 1)).toBe(true);
    await eventually(expectClientsMatchGateway);
  }, 60_000);
});
