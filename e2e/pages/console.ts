import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'e2e-admin-password-1234' };

/** Logs in through the real login form and waits for the dashboard. */
export async function login(page: Page, user = ADMIN): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
}

/** The CSRF token of the page's session, for direct API calls made with its cookie. */
export async function csrfToken(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/auth/session');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Fills the order ticket and opens the confirm dialog. */
export async function previewOrder(
  page: Page,
  order: {
    symbol: string;
    side: 'Buy' | 'Sell';
    qty: string;
    type?: 'Market' | 'Limit';
    limit?: string;
  },
): Promise<void> {
  const ticket = page.getByTestId('order-ticket');
  await ticket.getByLabel('Symbol').fill(order.symbol);
  await ticket.getByRole('button', { name: order.side, exact: true }).click();
  await ticket.getByLabel('Quantity').fill(order.qty);
  await ticket.getByLabel('Order type').selectOption({ label: order.type ?? 'Market' });
  if (order.limit) await ticket.getByLabel('Limit price').fill(order.limit);
  await ticket.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

/** Engages or resumes through the kill-switch page's dialogs. */
export async function engageKillSwitch(page: Page, reason: string): Promise<void> {
  await page.getByRole('link', { name: 'Kill switch' }).click();
  await page.getByRole('button', { name: 'Engage kill switch' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Engage', exact: true }).click();
  await expect(page.getByTestId('killswitch-state')).toHaveText(/KILL SWITCH ENGAGED/);
}

export async function resumeTrading(page: Page, reason: string): Promise<void> {
  await page.getByRole('link', { name: 'Kill switch' }).click();
  await page
    .getByRole('button', { name: /Resume trading/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  const confirm = dialog.getByRole('button', { name: 'Resume trading' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type RESUME to confirm').fill('RESUME');
  await confirm.click();
  // Disengage is a step-up action: the admin (no MFA in the e2e policy) confirms with the password.
  await stepUpWithPassword(page);
  await expect(page.getByTestId('killswitch-state')).toHaveText(/TRADING ACTIVE/);
}

/** Completes the "Confirm it's you" dialog with the admin password. */
export async function stepUpWithPassword(page: Page, password = ADMIN.password): Promise<void> {
  const stepUp = page.getByTestId('step-up-dialog');
  await expect(stepUp).toBeVisible();
  await stepUp.getByLabel('Password').fill(password);
  await stepUp.getByRole('button', { name: 'Verify' }).click();
  await expect(stepUp).toHaveCount(0);
}
