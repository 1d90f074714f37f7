import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { ADMIN, login, stepUpWithPassword } from './pages/console';

// The e2e server requires MFA for operators only (scripts/e2e-server.mjs); admin steps up with
// the password.
const OPERATOR = { username: `op${Date.now().toString(36)}`, password: 'quiet-harbour-lantern-77' };

/** A TOTP code for the secret, from the next 30-second step if the current one was just used. */
function code(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

test('admin creates an operator (step-up); the operator must enrol MFA, then signs in with a code', async ({
  page,
}) => {
  await login(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Username').fill(OPERATOR.username);
  await page.getByLabel('Role', { exact: true }).selectOption('operator');
  await page.getByLabel('Initial password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Create user' }).click();
  // User administration needs a fresh verification: the dialog asks, then the request goes through.
  await stepUpWithPassword(page, ADMIN.password);
  await expect(page.getByTestId(`user-row-${OPERATOR.username}`)).toBeVisible();
  await logOut(page);

  // First sign-in: the role requires MFA, so enrolment comes before anything else.
  await page.getByLabel('Username').fill(OPERATOR.username);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/enrol-mfa/);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('Code from the app').fill(code(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await page.screenshot({ path: 'docs/screenshots/mfa-enrolment.png' });
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();
  await logOut(page);

  // Next sign-in asks for the code after the password; a used code is refused.
  await page.getByLabel('Username').fill(OPERATOR.username);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Authenticator code').fill(code(secret, 1));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();

  // Profile: MFA on, this device marked in the sessions list.
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByTestId('mfa-status')).toContainText('on');
  await expect(page.getByTestId('sessions-table')).toContainText('This device');
  await page.screenshot({ path: 'docs/screenshots/profile.png' });
});

test('a viewer does not see administration, and the server refuses it anyway', async ({ page }) => {
  await login(page);
  const csrf = (
    (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }
  ).csrfToken;
  const name = `v${Date.now().toString(36)}`;
  // Create the viewer through the API after a password step-up.
  const up = await page.request.post('/api/v1/auth/step-up', {
    headers: { 'X-CSRF-Token': csrf },
    data: { password: ADMIN.password },
  });
  expect(up.status()).toBe(200);
  const created = await page.request.post('/api/v1/admin/users', {
    headers: { 'X-CSRF-Token': csrf },
    data: { username: name, role: 'viewer', password: 'quiet-harbour-lantern-77' },
  });
  expect(created.status()).toBe(201);
  await logOut(page);
  await login(page, { username: name, password: 'quiet-harbour-lantern-77' });
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  const res = await page.request.get('/api/v1/admin/users');
  expect(res.status()).toBe(403);
  expect((await res.json()).code).toBe('FORBIDDEN');
});

test('a session ended from another device is signed out of the live console', async ({
  browser,
}) => {
  const desk = await browser.newContext();
  const laptop = await browser.newContext();
  const a = await desk.newPage();
  const b = await laptop.newPage();
  await login(a);
  await login(b);
  await a.goto('/profile');
  const rows = a.getByTestId('sessions-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // End every other session of admin from the desk; the laptop is told at once over its socket.
  const others = a.getByTestId('sessions-table').getByRole('button', { name: 'End' });
  // Earlier tests leave admin sessions behind: end them one at a time, each time waiting for
  // the list to shrink (a stale row must not be clicked while the list reloads).
  for (let n = await others.count(); n > 0; n--) {
    await others.first().click();
    await expect(others).toHaveCount(n - 1);
  }
  await expect(a.getByText('Session ended').first()).toBeVisible();
  await expect(b).toHaveURL(/\/login/);
  await desk.close();
  await laptop.close();
});

test('an operator signed in with a code creates an API key (shown once) that works as a Bearer token', async ({
  page,
}) => {
  // Set the user up through the API: admin creates them, they enrol.
  await login(page);
  const adminCsrf = await sessionCsrf(page);
  await page.request.post('/api/v1/auth/step-up', {
    headers: { 'X-CSRF-Token': adminCsrf },
    data: { password: ADMIN.password },
  });
  const name = `m${Date.now().toString(36)}`;
  const password = 'quiet-harbour-lantern-77';
  const created = await page.request.post('/api/v1/admin/users', {
    headers: { 'X-CSRF-Token': adminCsrf },
    data: { username: name, role: 'operator', password },
  });
  expect(created.status()).toBe(201);
  await logOut(page);
  const first = await page.request.post('/api/v1/auth/login', {
    data: { username: name, password },
  });
  const csrf = ((await first.json()) as { csrfToken: string }).csrfToken;
  const enrol = await page.request.post('/api/v1/auth/mfa/totp/enrol', {
    headers: { 'X-CSRF-Token': csrf },
  });
  const secret = ((await enrol.json()) as { secret: string }).secret;
  const confirm = await page.request.post('/api/v1/auth/mfa/totp/confirm', {
    headers: { 'X-CSRF-Token': csrf },
    data: { totp: code(secret) },
  });
  expect(confirm.status()).toBe(200);

  // Sign in through the form with the next code.
  await page.goto('/login');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Authenticator code').fill(code(secret, 1));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByTestId('metric-nlv')).toBeVisible();

  // Signing in with the code counts as a fresh verification: no step-up dialog for 5 minutes.
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Key name').fill('nightly export');
  await page.getByLabel('orders:read').check();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('api-key-token')).toContainText(/^qdk_/);
  const token = (await page.getByTestId('api-key-token').textContent())!;
  const viaKey = await page.request.get('/api/v1/orders', {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(viaKey.status()).toBe(200);
  await expect(page.getByTestId('step-up-dialog')).toHaveCount(0);
});

async function sessionCsrf(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/auth/session');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}
