import { expect, test } from '@playwright/test';
import { login, previewOrder } from './pages/console';

// The confirm dialog opens on the click; the preview's figures follow, and the order can be
// placed only once the server's pre-trade checks have come back and passed.
test('the confirm dialog opens before the preview answers and cannot place the order until it does', async ({
  page,
}) => {
  await login(page);
  const before = ((await (await page.request.get('/api/v1/orders?status=all')).json()) as unknown[])
    .length;
  let answer: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/v1/orders/preview', async (route) => {
    await held; // the real server answers, only later
    await route.continue();
  });

  await previewOrder(page, { symbol: 'AAPL', side: 'Buy', qty: '4' });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/Buy 4 AAPL/i);
  await expect(dialog.getByRole('status')).toContainText('Running the pre-trade checks');
  await expect(page.getByTestId('preview-notional')).toHaveText('…');
  await expect(page.getByTestId('confirm-order')).toBeDisabled();

  answer();
  await expect(page.getByTestId('preview-notional')).toContainText(/[\d,]+\.\d{2}/);
  await expect(dialog).toContainText(/pre-trade checks passed/);
  await expect(page.getByTestId('confirm-order')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const after = ((await (await page.request.get('/api/v1/orders?status=all')).json()) as unknown[])
    .length;
  expect(after).toBe(before);
});
