import { expect, test } from '@playwright/test';
import { csrfToken, login, previewOrder } from './pages/console';

/** Records, in order, when the first positions row and the orders and fills grids appear. */
const RECORD_FIRST_VIEW = `(() => {
  const seen = (window.__qdFirstView = []);
  const marks = {
    positionsRow: '[data-testid="positions-grid"] [row-id]',
    ordersGrid: '[data-testid="orders-grid"] .ag-root-wrapper',
    fillsGrid: '[data-testid="fills-grid"] .ag-root-wrapper',
  };
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(marks))
      if (!seen.includes(name) && document.querySelector(selector)) seen.push(name);
  }).observe(document, { childList: true, subtree: true });
})();`;

test('the dashboard creates the orders and fills grids, the ticket and the feed only after the first positions row, and they are live', async ({
  page,
}) => {
  // Playwright sits between the page and the real /ws; while `holding`, it keeps the positions
  // frames back (in order) so the orders and fills snapshots arrive first.
  let holding = false;
  const held: Array<() => void> = [];
  const forwarded = new Set<string>();
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { topic?: string };
      if (holding && frame.topic === 'positions') held.push(() => ws.send(message));
      else {
        if (frame.topic) forwarded.add(frame.topic);
        ws.send(message);
      }
    });
  });

  await login(page);
  // a position, so the positions grid has a row to show
  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: {
      symbol: 'MSFT',
      side: 'buy',
      qty: '1',
      type: 'market',
      tif: 'day',
      reason: 'first view e2e',
    },
  });
  expect(res.status()).toBeLessThan(300);
  const positions = page.getByTestId('positions-grid');
  await expect(positions.locator('[row-id="MSFT"]')).toBeVisible();

  await page.addInitScript(RECORD_FIRST_VIEW);
  holding = true;
  forwarded.clear();
  await page.reload();
  const orders = page.getByTestId('orders-grid');
  const fills = page.getByTestId('fills-grid');
  // The socket is live (the shell's fill notifier has the fills snapshot) while the positions
  // are still held back: the other grids, the ticket and the feed wait, showing their skeletons.
  await expect.poll(() => forwarded.has('fills')).toBe(true);
  await expect(orders.getByRole('status', { name: 'Loading orders' })).toBeVisible();
  await expect(fills.getByRole('status', { name: 'Loading fills' })).toBeVisible();
  await expect(orders.locator('.ag-root-wrapper')).toHaveCount(0);
  await expect(fills.locator('.ag-root-wrapper')).toHaveCount(0);
  await expect(
    page.getByTestId('order-ticket-pending').getByRole('status', { name: 'Loading order ticket' }),
  ).toBeVisible();
  await expect(page.getByTestId('order-ticket')).toHaveCount(0);
  await expect(
    page.getByTestId('activity-feed-pending').getByRole('status', { name: 'Loading activity' }),
  ).toBeVisible();
  await expect(page.getByTestId('activity-feed')).toHaveCount(0);

  holding = false;
  for (const send of held.splice(0)) send();
  await expect(positions.locator('[row-id="MSFT"]')).toBeVisible();
  await expect(orders.locator('.ag-root-wrapper')).toBeVisible();
  await expect(fills).toContainText('MSFT');
  await expect(page.getByTestId('activity-feed')).toContainText('MSFT');
  await expect(page.getByTestId('order-ticket')).toBeVisible();
  expect(await page.evaluate(() => (window as { __qdFirstView?: string[] }).__qdFirstView)).toEqual(
    ['positionsRow', expect.stringMatching(/^(orders|fills)Grid$/), expect.any(String)],
  );

  // The grids created late are live: a resting order placed from the ticket shows up.
  await previewOrder(page, { symbol: 'KO', side: 'Buy', qty: '3', type: 'Limit', limit: '1.00' });
  await page.getByTestId('confirm-order').click();
  await expect(orders).toContainText('KO');
  await orders
    .getByRole('button', { name: /cancel/i })
    .first()
    .click();
  await expect(orders).not.toContainText('KO');
});
