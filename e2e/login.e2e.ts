import { expect, test } from '@playwright/test';
import { ADMIN, login } from './pages/console';

test('an unauthenticated visit is sent to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is refused with a clear message and no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/invalid|incorrect/i);
  const session = await page.request.get('/api/v1/auth/session');
  expect(session.status()).toBe(401);
});

test('logging in shows the live dashboard with user, role and trading state', async ({ page }) => {
  await login(page);
  await expect(page.getByText('admin', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('killswitch-badge')).toHaveText('TRADING ACTIVE');
  await expect(page.getByTestId('metric-nlv')).toContainText(/\$?[\d,]+\.\d{2}/);
  await expect(page.getByTestId('positions-grid')).toBeVisible();
  await expect(page.getByTestId('orders-grid')).toBeVisible();
  await expect(page.getByTestId('fills-grid')).toBeVisible();
  await expect(page.getByTestId('activity-feed')).toBeVisible();
});

test('logging out ends the session on the server', async ({ page }) => {
  await login(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
  const session = await page.request.get('/api/v1/auth/session');
  expect(session.status()).toBe(401);
});
