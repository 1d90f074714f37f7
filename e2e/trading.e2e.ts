import { expect, test } from '@playwright/test';
import { csrfToken, login, previewOrder } from './pages/console';

test('a market order previews, confirms, fills and shows up as a position — by push', async ({
  page,
}) => {
  await login(page);
  // Earlier specs may have traded AAPL: the row must show what was held plus these 10.
  const positions = (await (await page.request.get('/api/v1/positions')).json()) as {
    symbol: string;
    qty: string;
  }[];
  const held = Number(positions.find((p) => p.symbol === 'AAPL')?.qty ?? 0);
  await previewOrder(page, { symbol: 'AAPL', side: 'Buy', qty: '10' });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/Buy 10 AAPL/i);
  await expect(page.getByTestId('preview-notional')).toContainText(/[\d,]+\.\d{2}/);
  await expect(page.getByTestId('preview-bp-after')).toContainText(/[\d,]+\.\d{2}/);

  // From here on, everything must arrive over the WebSocket: count REST reads.
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && r.url().includes('/api/')) reads.push(r.url());
  });
  await page.getByTestId('confirm-order').click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /filled|accepted|placed/i })
      .first(),
  ).toBeVisible();

  const row = page.getByTestId('positions-grid').locator('[row-id="AAPL"]').first();
  await expect(row).toBeVisible();
  const qty = row.locator('[col-id="qty"]');
  await expect
    .poll(async () => Number((await qty.textContent())?.replace(/,/g, '')))
    .toBe(held + 10);
  await expect(page.getByTestId('fills-grid')).toContainText('AAPL');
  await expect(page.getByTestId('activity-feed')).toContainText('AAPL');
  await expect(page.getByTestId('metric-positions')).not.toHaveText(/^\s*0\s*$/);

  // Prices keep moving on screen with no further REST reads (push, not polling).
  const last = row.locator('[col-id="lastPrice"]');
  const before = await last.textContent();
  await expect.poll(async () => last.textContent(), { timeout: 15_000 }).not.toBe(before);
  expect(reads).toEqual([]);

  await page.screenshot({ path: 'docs/screenshots/dashboard.png' });
});

test('a limit order below the market rests as a working order and can be cancelled', async ({
  page,
}) => {
  await login(page);
  await previewOrder(page, { symbol: 'MSFT', side: 'Buy', qty: '5', type: 'Limit', limit: '1.00' });
  await page.getByTestId('confirm-order').click();
  const orders = page.getByTestId('orders-grid');
  await expect(orders).toContainText('MSFT');
  await orders
    .getByRole('button', { name: /cancel/i })
    .first()
    .click();
  await expect(orders).not.toContainText('MSFT');
});

test('bad input through the API gets a clear problem and places nothing', async ({ page }) => {
  await login(page);
  const token = await csrfToken(page);
  const before = (await (await page.request.get('/api/v1/orders?status=all')).json()) as unknown[];

  const unknown = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': token },
    data: { symbol: 'ZZZZZ', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).code).toBe('UNKNOWN_SYMBOL');

  const noLimit = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': token },
    data: { symbol: 'AAPL', side: 'buy', qty: '1', type: 'limit', tif: 'day' },
  });
  expect(noLimit.status()).toBe(400);
  const problem = await noLimit.json();
  expect(problem.code).toBe('VALIDATION_FAILED');
  expect(JSON.stringify(problem.errors)).toContain('limitPrice');

  const noCsrf = await page.request.post('/api/v1/orders', {
    data: { symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect(noCsrf.status()).toBe(403);

  const after = (await (await page.request.get('/api/v1/orders?status=all')).json()) as unknown[];
  expect(after.length).toBe(before.length);
});
