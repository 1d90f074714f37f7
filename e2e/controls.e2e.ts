import { expect, test } from '@playwright/test';
import { csrfToken, login, stepUpWithPassword } from './pages/console';
import { apiOrder, fillAction, openPage, toast } from './pages/controls';

// The trading controls, each ending in a visible outcome. They share one server with the other
// suites, so each leaves trading as it found it (flatten, last, clears the positions made here).

// Sign out after each test: other suites walk the admin's session list and should not inherit ours.
test.afterEach(async ({ page }) => {
  const res = await page.request.post('/api/v1/auth/logout', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
  });
  expect(res.status()).toBeLessThan(300);
});

test('a TWAP previews its slices, starts, and is cancelled mid-way', async ({ page }) => {
  await login(page);
  await openPage(page, 'TWAP');
  const form = page.getByRole('form', { name: 'New TWAP' });
  await form.getByLabel('Symbol').fill('JPM');
  await form.getByLabel('Quantity').fill('100');
  await form.getByLabel('Interval (s, 30–300)').fill('10');
  await form.getByLabel('Reason').fill('E2E: work into JPM slowly');
  await form.getByRole('button', { name: 'Preview slices' }).click();
  await expect(toast(page, /TWAP preview failed/)).toBeVisible();
  await expect(form.getByText('at least 30 seconds')).toBeVisible();

  await form.getByLabel('Interval (s, 30–300)').fill('30');
  await form.getByRole('button', { name: 'Preview slices' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('twap-slices').locator('li')).toHaveCount(10);
  await dialog.getByRole('button', { name: 'Start TWAP' }).click();
  await expect(toast(page, /TWAP started: buy 100 JPM/)).toBeVisible();

  const row = page.getByTestId('twap-list').locator('tr', { hasText: 'buy 100 JPM' }).first();
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
  await row.getByRole('button', { name: 'Cancel TWAP JPM' }).click();
  await expect(toast(page, /TWAP cancelled: 1 of 10 slices sent/)).toBeVisible();
  await expect(row.getByTestId('twap-status')).toContainText('canceled');
});

test('a strategy is enabled and disabled only with its id typed', async ({ page }) => {
  await login(page);
  await openPage(page, 'Strategies');
  const card = page.getByTestId('strategy-meanrev-etf');
  await expect(card.getByTestId('strategy-status')).toHaveText(/disabled/i);
  await card.getByRole('button', { name: 'Enable…' }).click();
  await fillAction(page, {
    reason: 'E2E: run the ETF strategy',
    word: 'meanrev-etf',
    submit: 'Enable strategy',
  });
  await expect(toast(page, /Strategy meanrev-etf enabled/)).toBeVisible();
  await expect(card.getByTestId('strategy-status')).toHaveText(/running/i);

  await card.getByRole('button', { name: 'Disable…' }).click();
  await fillAction(page, {
    reason: 'E2E: stop the ETF strategy',
    word: 'meanrev-etf',
    submit: 'Disable strategy',
  });
  await expect(toast(page, /Strategy meanrev-etf disabled/)).toBeVisible();
  await expect(card.getByTestId('strategy-status')).toHaveText(/disabled/i);
});

test('closes part of a position by percentage, then modifies a working order and reads its trail', async ({
  page,
}) => {
  await login(page);
  await apiOrder(page, { symbol: 'XOM', side: 'buy', qty: '20', type: 'market' });
  await apiOrder(page, { symbol: 'V', side: 'buy', qty: '5', type: 'limit', limitPrice: '1.00' });
  await openPage(page, 'Controls');
  const positions = page.getByTestId('controls-positions');
  await positions.getByRole('button', { name: 'Close XOM' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Close XOM' })).toBeVisible();
  await dialog.getByLabel('Percent', { exact: true }).check();
  await dialog.getByLabel('Percent to close').fill('50');
  await dialog.getByLabel('Reason').fill('short');
  await dialog.getByRole('button', { name: 'Close position' }).click();
  await expect(dialog.getByText('give a reason of at least 10 characters')).toBeVisible();
  await fillAction(page, { reason: 'E2E: take half the XOM off', submit: 'Close position' });
  await expect(toast(page, /Close sent: sell 10 XOM/)).toBeVisible();
  await expect(positions.locator('tr', { hasText: 'XOM' })).toContainText('10');

  const orders = page.getByTestId('controls-orders');
  await orders.getByRole('button', { name: 'Modify V order' }).click();
  await dialog.getByLabel('Quantity').fill('7');
  await dialog.getByRole('button', { name: 'Modify order' }).click();
  await expect(toast(page, /Order modified: buy 7 V/)).toBeVisible();
  await expect(orders.locator('tr', { hasText: 'V' }).first()).toContainText('0 / 7');
  await orders.getByRole('button', { name: 'Trail of V order' }).click();
  await expect(page.getByTestId('order-trail')).toContainText('created');
  await expect(page.getByTestId('order-trail')).toContainText('modified');
});

test('the breaker trips by hand, blocks entries, and resets with RESET and a long reason', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await login(page);
  await openPage(page, 'Circuit breaker');
  await expect(page.getByTestId('breaker-state')).toHaveText('BREAKER ARMED');
  await page.getByRole('button', { name: 'Trip breaker' }).click();
  await fillAction(page, { reason: 'E2E: bad prints on the tape', submit: 'Trip breaker' });
  await expect(page.getByTestId('breaker-state')).toHaveText('BREAKER TRIPPED');
  await expect(toast(page, /Circuit breaker tripped/)).toBeVisible();
  // The ticket says why it is disabled.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('ticket-disabled-reason')).toHaveText(/circuit breaker tripped/i);
  await openPage(page, 'Circuit breaker');

  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: { symbol: 'JNJ', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect(res.status()).toBe(422);
  expect((await res.json()).code).toBe('ORDER_BREAKER_TRIPPED');

  await page.getByRole('button', { name: 'Reset breaker…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('prints fixed now');
  await dialog.getByLabel('Type RESET to confirm').fill('RESET');
  await dialog.getByRole('button', { name: 'Reset breaker' }).click();
  await expect(dialog.getByText('give a reason of at least 20 characters')).toBeVisible();
  await fillAction(page, {
    reason: 'E2E: prints checked with the venue, all clear',
    submit: 'Reset breaker',
  });
  // Reset is a step-up action: the admin (no MFA in the e2e policy) confirms with the password.
  await stepUpWithPassword(page);
  await expect(page.getByTestId('breaker-state')).toHaveText('BREAKER ARMED');
  await expect(page.getByTestId('breaker-history')).toContainText('E2E: bad prints on the tape');

  // A second reset within the minute is refused up front, with the reason shown.
  await page.getByRole('button', { name: 'Trip breaker' }).click();
  await fillAction(page, { reason: 'E2E: second trip in a row', submit: 'Trip breaker' });
  await expect(page.getByRole('button', { name: 'Reset breaker…' })).toBeDisabled();
  await expect(page.getByTestId('breaker-reset-blocked')).toContainText(/allowed again in \d+ s/);
  await page.screenshot({ path: 'docs/screenshots/breaker.png', fullPage: true });
  // Leave trading as found: the reset opens again after the minute.
  await expect(page.getByRole('button', { name: 'Reset breaker…' })).toBeEnabled({
    timeout: 70_000,
  });
  await page.getByRole('button', { name: 'Reset breaker…' }).click();
  await fillAction(page, {
    reason: 'E2E: re-arming after the drill is over',
    word: 'RESET',
    submit: 'Reset breaker',
  });
  await expect(page.getByTestId('breaker-state')).toHaveText('BREAKER ARMED');
});

test('an admin adds a per-symbol limit and an order over it is refused, naming the override', async ({
  page,
}) => {
  await login(page);
  await openPage(page, 'Controls');
  const form = page.getByRole('form', { name: 'Risk limits' });
  await form.getByRole('button', { name: 'Add symbol override' }).click();
  await form.getByLabel('Override 1 symbol').fill('JNJ');
  await form.getByLabel('JNJ Max quantity').fill('-5');
  await expect(page.getByTestId('limits-problem')).toContainText('symbols.JNJ.maxQty');
  await expect(form.getByRole('button', { name: 'Save limits…' })).toBeDisabled();
  await form.getByLabel('JNJ Max quantity').fill('5');
  await form.getByRole('button', { name: 'Save limits…' }).click();
  await fillAction(page, { reason: 'E2E: cap JNJ order size', submit: 'Save limits' });
  await expect(toast(page, /Pre-trade limits saved/)).toBeVisible();

  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: { symbol: 'JNJ', side: 'buy', qty: '8', type: 'market', tif: 'day' },
  });
  expect(res.status()).toBe(422);
  expect((await res.json()).detail).toContain('exceeds the 5 share limit by 3 [JNJ override]');
  await page.screenshot({ path: 'docs/screenshots/controls.png', fullPage: true });

  // Leave the limits as found.
  await form.getByRole('button', { name: 'Remove' }).click();
  await form.getByRole('button', { name: 'Save limits…' }).click();
  await fillAction(page, { reason: 'E2E: drop the JNJ cap again', submit: 'Save limits' });
  await expect(toast(page, /Pre-trade limits saved/)).toBeVisible();
  await expect(form.getByLabel('Override 1 symbol')).toHaveCount(0);
});

test('pausing entries blocks new positions but not exits; flatten needs FLATTEN, once per 5 min', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page);
  await apiOrder(page, { symbol: 'KO', side: 'buy', qty: '10', type: 'market' });
  await openPage(page, 'Controls');
  await page.getByRole('button', { name: 'Pause new entries…' }).click();
  await fillAction(page, { reason: 'E2E: waiting for the Fed', submit: 'Pause entries' });
  await expect(page.getByTestId('entries-state')).toHaveText('NEW ENTRIES PAUSED');
  const h = { 'X-CSRF-Token': await csrfToken(page) };
  const entry = await page.request.post('/api/v1/orders', {
    headers: h,
    data: { symbol: 'PEP', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect((await entry.json()).code).toBe('ORDER_ENTRIES_PAUSED');
  const exit = await page.request.post('/api/v1/orders', {
    headers: h,
    data: { symbol: 'KO', side: 'sell', qty: '2', type: 'market', tif: 'day' },
  });
  expect(exit.status()).toBe(201);
  await page.getByRole('button', { name: 'Resume entries…' }).click();
  await fillAction(page, { reason: 'E2E: Fed is done, resume', submit: 'Resume entries' });
  await expect(page.getByTestId('entries-state')).toHaveText('ENTRIES ALLOWED');

  await page.getByRole('button', { name: 'Flatten all…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Pauses new entries for everyone');
  await fillAction(page, {
    reason: 'E2E: flatten everything at the end of the drill',
    word: 'FLATTEN',
    submit: 'Flatten all',
  });
  await stepUpWithPassword(page);
  const flattened = toast(page, /Flatten sent: \d+ closing orders?/);
  await expect(flattened).toBeVisible();
  // Flatten also pauses new entries, so nothing (no strategy either) simply re-enters.
  await expect(flattened).toContainText('New entries are now paused globally');
  await expect(page.getByTestId('entries-state')).toHaveText('NEW ENTRIES PAUSED');
  await expect(page.getByTestId('controls-positions')).toContainText('No open positions.');
  await expect(page.getByRole('button', { name: 'Flatten all…' })).toBeDisabled();
  await expect(page.getByTestId('flatten-blocked')).toContainText(/allowed again in \d+ s/);
  await expect(page.getByTestId('controls-history')).toContainText(
    'E2E: flatten everything at the end of the drill',
  );
  // The API says when, too: 429 with Retry-After.
  const again = await page.request.post('/api/v1/controls/flatten', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: { reason: 'E2E: a second flatten straight away', confirm: 'FLATTEN' },
  });
  expect(again.status()).toBe(429);
  expect(Number(again.headers()['retry-after'])).toBeGreaterThan(200);
  // Leave entries allowed for the tests after this one.
  await page.getByRole('button', { name: 'Resume entries…' }).click();
  await fillAction(page, { reason: 'E2E: drill over, entries back on', submit: 'Resume entries' });
  await expect(page.getByTestId('entries-state')).toHaveText('ENTRIES ALLOWED');
});
