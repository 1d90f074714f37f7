import { expect, test, type WebSocketRoute } from '@playwright/test';
import { login } from './pages/console';

test('a dropped live connection shows the banner, disables trading, then recovers by itself', async ({
  page,
}) => {
  // Playwright sits between the page and the real /ws: it can cut the socket like a dying
  // instance would and refuse reconnects for a while, then let them through again.
  let down = false;
  const open: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (down) return void ws.close({ code: 1011, reason: 'instance down' });
    open.push({ page: ws, server: ws.connectToServer() });
  });
  await login(page);
  const nlv = page.getByTestId('metric-nlv');
  await expect(nlv).toBeVisible();

  down = true;
  for (const ws of open.splice(0)) {
    await ws.server.close();
    await ws.page.close({ code: 1011, reason: 'instance down' });
  }
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText(/Connection lost — reconnecting/);
  await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(page.getByTestId('ticket-disabled-reason')).toContainText(/live connection lost/);
  await expect(
    page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toBeDisabled();

  down = false;
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
  await expect(page.getByTestId('ticket-disabled-reason')).toBeHidden();
  await expect(
    page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toBeEnabled();
  expect(open.length).toBeGreaterThan(0); // a new socket, made without any click
});
