import { expect, test } from '@playwright/test';
import { csrfToken, login, previewOrder } from './pages/console';

// The e2e server freezes GLD's quote (QD_TEST_FROZEN_SYMBOLS, a loopback-only test knob), so its
// price goes stale while every other symbol keeps ticking on a live socket.
test('a stale price disables the ticket with the reason, and the gateway refuses it too', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page);
  const ticket = page.getByTestId('order-ticket');
  await ticket.getByLabel('Symbol').fill('GLD');
  await ticket.getByLabel('Quantity').fill('1');
  await expect(page.getByTestId('ticket-disabled-reason')).toHaveText(
    /Price stale: the last GLD quote is .+ old/,
    { timeout: 45_000 },
  );
  await expect(ticket.getByRole('button', { name: 'Preview' })).toBeDisabled();
  // The connection is fine: only GLD is stale; another symbol trades.
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
  await ticket.getByLabel('Symbol').fill('AAPL');
  await expect(page.getByTestId('ticket-disabled-reason')).toHaveCount(0);
  await expect(ticket.getByRole('button', { name: 'Preview' })).toBeEnabled();
  // The gateway enforces the quote age itself: the API refuses GLD whatever the page shows.
  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: { symbol: 'GLD', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect(res.status()).toBe(422);
  expect((await res.json()).detail).toMatch(/quote|price/i);
});

test('a double-clicked confirm places exactly one order', async ({ page }) => {
  await login(page);
  const count = async () => {
    const res = await page.request.get('/api/v1/orders?status=all&limit=1000');
    const orders = (await res.json()) as { symbol: string; qty: string }[];
    return orders.filter((o) => o.symbol === 'COST' && o.qty === '3').length;
  };
  const before = await count();
  await previewOrder(page, { symbol: 'COST', side: 'Buy', qty: '3' });
  await page.getByTestId('confirm-order').dblclick();
  await expect(page.getByRole('status').filter({ hasText: /COST/ }).first()).toBeVisible();
  await expect.poll(count).toBe(before + 1);
});

test('the notification history follows the user: it survives a reload and another browser', async ({
  page,
  browser,
}) => {
  await login(page);
  const h = { 'X-CSRF-Token': await csrfToken(page) };
  await page.request.delete('/api/v1/notifications', { headers: h });
  await page.reload();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await previewOrder(page, { symbol: 'KO', side: 'Buy', qty: '2', type: 'Limit', limit: '1.00' });
  await page.getByTestId('confirm-order').click();
  const centre = page.getByTestId('notification-centre');
  await page.getByTestId('notifications-button').click();
  const first = centre.getByTestId('notification').first();
  await expect(first).toContainText('KO');
  await expect(first).toHaveAttribute('data-read', 'false');
  // Stored on the server (batched): it is there after a reload …
  await expect
    .poll(async () => (await (await page.request.get('/api/v1/notifications')).json()).items.length)
    .toBeGreaterThan(0);
  await page.reload();
  await page.getByTestId('notifications-button').click();
  await expect(centre.getByTestId('notification').first()).toContainText('KO');
  await expect(page.getByTestId('notifications-button')).toHaveAttribute('aria-label', /unread/);

  // … and in another browser, where marking it read sticks.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await login(fresh);
  await fresh.getByTestId('notifications-button').click();
  const there = fresh.getByTestId('notification-centre').getByTestId('notification').first();
  await expect(there).toContainText('KO');
  await there.getByRole('button', { name: 'Mark read' }).click();
  await expect(there).toHaveAttribute('data-read', 'true');
  const all = fresh.getByRole('button', { name: 'Mark all read' });
  if (await all.isEnabled()) await all.click();
  await expect(fresh.getByTestId('notifications-button')).not.toHaveAttribute(
    'aria-label',
    /unread/,
  );
  await other.close();
  await page.reload();
  await expect(page.getByTestId('notifications-button')).not.toHaveAttribute(
    'aria-label',
    /unread/,
  );

  // Clean up the resting order.
  const orders = (await (await page.request.get('/api/v1/orders?status=working')).json()) as {
    id: string;
    symbol: string;
  }[];
  for (const o of orders.filter((x) => x.symbol === 'KO'))
    await page.request.delete(`/api/v1/orders/${o.id}`, { headers: h });
});

test('an unknown breaker state (its topic never arrives) blocks the ticket: fail closed', async ({
  page,
}) => {
  // Playwright sits between the page and the real /ws and drops every breaker frame, so the page
  // never learns the breaker's state while everything else stays live.
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { topic?: string };
      if (frame.topic !== 'breaker') ws.send(message);
    });
  });
  await login(page);
  await expect(page.getByTestId('breaker-badge')).toHaveText(/BREAKER UNKNOWN/);
  await expect(page.getByTestId('ticket-disabled-reason')).toHaveText(
    /circuit breaker state unknown/i,
  );
  await expect(page.getByTestId('status-banner')).toContainText('TRADING STATE UNKNOWN');
  await expect(
    page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toBeDisabled();
});
