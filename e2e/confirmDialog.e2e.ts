import { expect, test, type Page } from '@playwright/test';
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

/** Whether the page's focus is inside the open dialog. */
async function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Boolean(document.activeElement?.closest('[role="dialog"][aria-modal="true"]')),
  );
}

// The modal must not restyle the page: a `pointer-events: none` on <body> (Radix Dialog's modal
// mode) makes Chromium recalculate the style of every element inside the click that opens it.
test('a dialog traps the keyboard, hides the page, closes on Esc and hands focus back, and leaves <body> alone', async ({
  page,
}) => {
  await login(page);
  await previewOrder(page, { symbol: 'AAPL', side: 'Buy', qty: '1' });
  const dialog = page.getByRole('dialog', { name: 'Confirm order' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleDescription(/Buy 1 AAPL/i);
  expect(await page.evaluate(() => getComputedStyle(document.body).pointerEvents)).toBe('auto');
  expect(await page.evaluate(() => document.body.getAttribute('style'))).toBeNull();
  // the page behind is out of the accessibility tree: only the dialog's controls are reachable
  await expect(
    page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toHaveCount(0);
  // the focus moves in once the dialog has been painted
  await expect.poll(() => focusInDialog(page)).toBe(true);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog(page)).toBe(true);
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog(page)).toBe(true);
  }

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const preview = page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' });
  await expect(preview).toBeFocused();

  // a press on the overlay closes it as well
  await preview.click();
  await expect(dialog).toBeVisible();
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
});

test('focus goes back to the button that opened a dialog whose field takes the focus', async ({
  page,
}) => {
  await login(page);
  await page.getByRole('link', { name: 'Kill switch' }).click();
  const engage = page.getByRole('button', { name: 'Engage kill switch' });
  await engage.click();
  const dialog = page.getByRole('dialog', { name: 'Engage kill switch' });
  await expect(dialog.getByLabel('Reason')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(engage).toBeFocused();

  // the command palette (its field takes the focus too) hands it back the same way
  const opener = page.getByRole('button', { name: /Open the command palette/ });
  await opener.click();
  await expect(page.getByRole('combobox', { name: 'Type a command or page' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(opener).toBeFocused();
});

// The click on Preview is handled on the button (cancelling the form submission) and opens the
// dialog from its own component: an invalid ticket still shows its field errors and opens no
// dialog, a fixed one clears them, and a failed preview closes the dialog and says so on the form.
test('Preview checks the ticket first, clears fixed errors, and a failed preview is shown on the form', async ({
  page,
}) => {
  await login(page);
  const ticket = page.getByTestId('order-ticket');
  const quantity = ticket.getByLabel('Quantity');
  await ticket.getByLabel('Symbol').fill('AAPL');
  await quantity.fill('');
  await ticket.getByRole('button', { name: 'Preview' }).click();
  await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await quantity.fill('3');
  await expect(quantity).toHaveAttribute('aria-invalid', 'false');
  await quantity.press('Enter'); // Enter in a field previews as well
  const dialog = page.getByRole('dialog', { name: 'Confirm order' });
  await expect(dialog).toContainText(/Buy 3 AAPL/i);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.route('**/api/v1/orders/preview', (route) => route.abort());
  await ticket.getByRole('button', { name: 'Preview' }).click();
  await expect(ticket.getByRole('alert')).toContainText('Cannot reach the server');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(ticket.getByRole('button', { name: 'Preview' })).toBeEnabled();
});
