import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { ADMIN, csrfToken, login, stepUpWithPassword } from './pages/console';

// The CSP has no 'unsafe-inline' for styles: every page must render without a violation, with
// the grid's and dialogs' injected styles carrying the per-response nonce.

/** Collects every CSP violation the page reports (console and securitypolicyviolation). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  return violations;
}

test('every page renders under the nonce-only style policy, with no CSP violation', async ({
  page,
}) => {
  const violations = watchCsp(page);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await login(page);
  // The grid's own stylesheet applied: a styled header row has its themed height.
  const header = page.locator('.ag-header').first();
  await expect(header).toBeVisible();
  expect((await header.boundingBox())!.height).toBeGreaterThan(20);
  expect(await page.locator('style[nonce]').count()).toBeGreaterThan(0);
  for (const link of ['Controls', 'Strategies', 'Users', 'Profile']) {
    await page.getByRole('link', { name: link }).click();
    await expect(page.locator('main, [role="main"], body').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  // A dialog (its scroll lock adds a <style> element).
  await page.getByRole('link', { name: 'Users' }).click();
  await page
    .getByTestId('user-row-admin')
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  expect(violations).toEqual([]);
});

test('an administrator disables a user from the Users page; their sign-in says so; enabling restores it', async ({
  page,
}) => {
  const violations = watchCsp(page);
  await login(page);
  const csrf = await csrfToken(page);
  await page.request.post('/api/v1/auth/step-up', {
    headers: { 'X-CSRF-Token': csrf },
    data: { password: ADMIN.password },
  });
  const name = `d${Date.now().toString(36)}`;
  const password = 'quiet-harbour-lantern-77';
  const created = await page.request.post('/api/v1/admin/users', {
    headers: { 'X-CSRF-Token': csrf },
    data: { username: name, role: 'viewer', password },
  });
  expect(created.status()).toBe(201);

  await page.getByRole('link', { name: 'Users' }).click();
  const row = page.getByTestId(`user-row-${name}`);
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('left the desk');
  await dialog.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('disabled');
  await expect(row.getByRole('button', { name: 'Enable' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/users-disabled.png' });

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This account is disabled');

  await login(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByTestId(`user-row-${name}`).getByRole('button', { name: 'Enable' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('back on the desk');
  await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
  // A new session: user administration asks for a fresh verification first.
  await stepUpWithPassword(page, ADMIN.password);
  await expect(page.getByTestId(`user-row-${name}`)).toContainText('active');
  expect(violations).toEqual([]);
});

test('a user with TOTP who signs in through the identity provider passes the code step first', async ({
  page,
}) => {
  const violations = watchCsp(page);
  const code = (secret: string, steps = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret) }).generate({
      timestamp: Date.now() + steps * 30_000,
    });
  async function ssoSignIn() {
    await page.goto('/login');
    await page.getByRole('link', { name: /Sign in with 127\.0\.0\.1/ }).click();
    await page.locator('input[name="login"]').fill('tove');
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await ssoSignIn();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  const csrf = await csrfToken(page);
  const enrol = await page.request.post('/api/v1/auth/mfa/totp/enrol', {
    headers: { 'X-CSRF-Token': csrf },
  });
  const secret = ((await enrol.json()) as { secret: string }).secret;
  const confirm = await page.request.post('/api/v1/auth/mfa/totp/confirm', {
    headers: { 'X-CSRF-Token': csrf },
    data: { totp: code(secret) },
  });
  expect(confirm.status()).toBe(200);

  // A fresh browser (no console or IdP cookies): single sign-on again, then the code step.
  await page.context().clearCookies();
  await ssoSignIn();
  await expect(page).toHaveURL(/\/verify-mfa/);
  await expect(page.getByText('Signed in as tove')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/verify-mfa.png' });
  expect((await page.request.get('/api/v1/account')).status()).toBe(403);
  await page.goto('/');
  await expect(page).toHaveURL(/\/verify-mfa/);
  await page.getByLabel('Authenticator code').fill('000000');
  await page.getByRole('button', { name: 'Verify and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('not valid');
  await page.getByLabel('Authenticator code').fill(code(secret, 1));
  await page.getByRole('button', { name: 'Verify and continue' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
  expect(violations).toEqual([]);
});

test('an administrator limits a user to one strategy from the Users page', async ({ page }) => {
  const violations = watchCsp(page);
  await login(page);
  const csrf = await csrfToken(page);
  await page.request.post('/api/v1/auth/step-up', {
    headers: { 'X-CSRF-Token': csrf },
    data: { password: ADMIN.password },
  });
  const name = `s${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/admin/users', {
    headers: { 'X-CSRF-Token': csrf },
    data: { username: name, role: 'researcher', password: 'quiet-harbour-lantern-77' },
  });
  expect(created.status()).toBe(201);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: `Strategies of ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('All strategies (no limit)').uncheck();
  await dialog.getByLabel('momentum-megacap').check();
  await dialog.getByLabel('Reason').fill('momentum desk only');
  await page.screenshot({ path: 'docs/screenshots/users-strategy-scope.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId(`user-row-${name}`)).toContainText('momentum-megacap');
  const users = (await (await page.request.get('/api/v1/admin/users')).json()) as {
    username: string;
    strategyScope: string[] | null;
  }[];
  expect(users.find((u) => u.username === name)?.strategyScope).toEqual(['momentum-megacap']);
  expect(violations).toEqual([]);
});
