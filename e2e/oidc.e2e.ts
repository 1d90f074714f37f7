import { expect, test } from '@playwright/test';

// The full browser redirect flow against the real OpenID Provider the e2e server starts.
test('signs in through the identity provider and out again at both ends', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: /Sign in with 127\.0\.0\.1/ }).click();

  // The IdP's own login and consent pages.
  await page.locator('input[name="login"]').fill('olga');
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back at Quarterdeck, signed in as the provisioned user with the mapped role.
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await expect(page.getByText('olga', { exact: true })).toBeVisible();
  await expect(page.getByText('researcher', { exact: true })).toBeVisible();
  const session = await page.request.get('/api/v1/auth/session');
  expect(((await session.json()) as { provider: string }).provider).toBe('oidc');

  // Logout ends the Quarterdeck session, then the IdP's (RP-initiated logout).
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out/);
  await expect(page.getByRole('alert')).toContainText('You are signed out.');
  expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
});

test('a sign-in whose state was tampered with lands on the login page with a clear message', async ({
  page,
}) => {
  await page.goto('/api/v1/auth/oidc/callback?code=stolen-code&state=forged');
  await expect(page).toHaveURL(/\/login\?reason=sso-failed/);
  await expect(page.getByRole('alert')).toContainText('Sign-in with your identity provider failed');
  expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
});
