import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, metric, startCluster, type Cluster } from '../apps/console/src/ha/cluster';
import { startPostgres } from '../scripts/lib/postgresServer.mjs';
import { startRedis } from '../scripts/lib/redisServer.mjs';

// Its own cluster (2 console instances + gateway behind Debian nginx, on real Postgres and
// Redis) serving the production web build, so the browser can lose its instance for real.
let pg: Awaited<ReturnType<typeof startPostgres>>;
let redis: Awaited<ReturnType<typeof startRedis>>;
let cluster: Cluster;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pg = await startPostgres();
  redis = await startRedis();
  cluster = await startCluster({
    postgresAdminUrl: pg.url,
    redis: { REDIS_URL: redis.url },
    instances: 2,
    consoleEnv: { QD_WEB_ROOT: resolve('apps/web/dist') },
  });
});

test.afterAll(async () => {
  await cluster?.stop();
  redis?.stop();
  pg?.stop();
});

test('SIGKILL of the page’s instance: the banner shows, then the page recovers by itself on the other', async ({
  page,
}) => {
  const base = cluster.nginx.url;
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);

  // Remember whether the banner ever appears (it may be up for well under a second).
  await page.evaluate(() => {
    const w = window as unknown as { sawBanner: boolean };
    w.sawBanner = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="connection-banner"]')) w.sawBanner = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const counts = await Promise.all(
    cluster.consoles.map((c) => metric(c.metricsUrl, 'qd_ws_connected_clients')),
  );
  const mine = counts.findIndex((n) => n === 1);
  expect(mine).toBeGreaterThanOrEqual(0);
  cluster.consoles[mine]!.child.kill('SIGKILL');

  await expect
    .poll(() => page.evaluate(() => (window as unknown as { sawBanner: boolean }).sawBanner))
    .toBe(true);
  await expect(page.getByTestId('connection-banner')).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
  const survivor = cluster.consoles[1 - mine]!;
  await expect.poll(() => metric(survivor.metricsUrl, 'qd_ws_connected_clients')).toBe(1);
  await expect(
    page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toBeEnabled();
  // Live data flows again from the survivor: an order placed now reaches the page by push.
  const session = await page.request.get(`${base}/api/v1/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const placed = await page.request.post(`${base}/api/v1/orders`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { symbol: 'NVDA', side: 'buy', qty: '4', type: 'market', tif: 'day' },
  });
  expect(placed.ok()).toBe(true);
  await expect(page.getByTestId('fills-grid')).toContainText('NVDA');
});
