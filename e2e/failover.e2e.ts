import { resolve } from 'node:path';
import type { Order } from '@qd/contracts';
import { expect, test } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  HA_USER_AGENT,
  login,
  metric,
  startCluster,
  type Cluster,
} from '../apps/console/src/ha/cluster';
import { clientsMismatch, gatewaySnapshot } from '../apps/console/src/ha/gatewayState';
import { LiveClient } from '../apps/console/src/ha/liveClient';
import { startPostgres } from '../scripts/lib/postgresServer.mjs';
import { startRedis } from '../scripts/lib/redisServer.mjs';

// The failover test in one scenario: 3 console instances + gateway behind Debian nginx
// on real Postgres and Redis, serving the production web build; 50 browser-equivalent WS clients
// and one Chromium page; SIGKILL of the page's instance mid-stream, with an order being retried
// across the kill. (The protocol-level HA suite, apps/console/src/ha/instanceFailover.test.ts,
// covers metrics, cross-instance revocation and the SIGTERM drain on its own cluster.)
const CLIENTS = 50;
const TOPICS = ['orders', 'fills', 'positions', 'killswitch', 'prices:AAPL'];
let pg: Awaited<ReturnType<typeof startPostgres>>;
let redis: Awaited<ReturnType<typeof startRedis>>;
let cluster: Cluster;
const clients: LiveClient[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pg = await startPostgres();
  redis = await startRedis();
  cluster = await startCluster({
    postgresAdminUrl: pg.url,
    redis: { REDIS_URL: redis.url },
    instances: 3,
    consoleEnv: { QD_WEB_ROOT: resolve('apps/web/dist') },
  });
});

test.afterAll(async () => {
  for (const c of clients) c.stop();
  await cluster?.stop();
  redis?.stop();
  pg?.stop();
});

test('SIGKILL of the page’s instance: 50 clients and the page come back on the survivors, state equal to the gateway, the retried order not doubled', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const base = cluster.nginx.url;
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);

  // 50 protocol-faithful clients of another session, spread over the instances by nginx.
  const auth = await login(base);
  const headers = { cookie: auth.cookie, 'user-agent': HA_USER_AGENT, origin: base };
  for (let i = 0; i < CLIENTS; i++) {
    const c = new LiveClient(base.replace('http', 'ws') + '/ws', headers, TOPICS);
    clients.push(c);
    c.start();
  }
  await expect.poll(() => clients.every((c) => c.synced), { timeout: 30_000 }).toBe(true);

  // The page's instance, from the `system` topic behind the connection badge's tooltip.
  const health = page.getByTestId('connection-health');
  await expect(health).toHaveAttribute('title', /^Instance /);
  const title = (await health.getAttribute('title'))!;
  const victim = cluster.consoles.find((c) => title.includes(`-${c.child.pid}-`));
  expect(victim, `no console instance named in "${title}"`).toBeDefined();
  expect(await metric(victim!.metricsUrl, 'qd_ws_connected_clients')).toBeGreaterThan(1);

  await page.evaluate(() => {
    const w = window as unknown as { sawBanner: boolean };
    w.sawBanner = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="connection-banner"]')) w.sawBanner = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const placeOrder = () =>
    fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': auth.csrf },
      body: JSON.stringify({ symbol: 'MSFT', side: 'buy', qty: '5', type: 'market', tif: 'day' }),
    });
  // Order ids are bucketed by 10 s: start the retried order early in a bucket.
  while (Date.now() % 10_000 > 4_000) await new Promise((r) => setTimeout(r, 100));
  const first = placeOrder().then(
    async (r) => (r.ok ? ((await r.json()) as Order) : null),
    () => null,
  );
  const opensBefore = clients.map((c) => c.opens);
  victim!.child.kill('SIGKILL');
  const firstResult = await first;
  let retried: Order | null = null;
  while (!retried) {
    const r = await placeOrder();
    if (r.ok) retried = (await r.json()) as Order;
    else await new Promise((res) => setTimeout(res, 100));
  }
  if (firstResult) expect(retried.id).toBe(firstResult.id);

  // The page: banner up, then down by itself, trading enabled again, on another instance.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { sawBanner: boolean }).sawBanner))
    .toBe(true);
  await expect(page.getByTestId('connection-banner')).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
  await expect(health).not.toHaveAttribute('title', new RegExp(`-${victim!.child.pid}-`));
  await expect(health).toHaveAttribute('title', /^Instance /);
  await expect(
    page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toBeEnabled();

  // The 50 clients: those on the dead instance reconnected; all equal to the gateway.
  expect(clients.some((c, i) => c.opens > opensBefore[i]!)).toBe(true);
  await expect.poll(() => clientsMismatch(cluster, clients), { timeout: 30_000 }).toBeNull();
  const orders = (await gatewaySnapshot(cluster, 'orders')) as Order[];
  expect(orders.filter((o) => o.qty === '5')).toHaveLength(1);
  const survivors = cluster.consoles.filter((c) => c !== victim);
  const counts = await Promise.all(
    survivors.map((c) => metric(c.metricsUrl, 'qd_ws_connected_clients')),
  );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(CLIENTS + 1);

  // Live data flows to the page again from a survivor: an order placed now arrives by push.
  const session = await page.request.get(`${base}/api/v1/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const placed = await page.request.post(`${base}/api/v1/orders`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { symbol: 'NVDA', side: 'buy', qty: '4', type: 'market', tif: 'day' },
  });
  expect(placed.ok()).toBe(true);
  await expect(page.getByTestId('fills-grid')).toContainText('NVDA');
});
