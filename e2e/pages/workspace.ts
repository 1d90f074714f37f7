import { expect, type Page } from '@playwright/test';
import { csrfToken } from './console';

/** Creates a user through the admin API (after a password step-up) and returns its login. */
export async function createUser(
  page: Page,
  role: 'viewer' | 'researcher' | 'operator',
  adminPassword: string,
): Promise<{ username: string; password: string }> {
  const csrf = await csrfToken(page);
  const up = await page.request.post('/api/v1/auth/step-up', {
    headers: { 'X-CSRF-Token': csrf },
    data: { password: adminPassword },
  });
  expect(up.status()).toBe(200);
  const user = {
    username: `${role[0]}${Date.now().toString(36)}`,
    password: 'quiet-harbour-lantern-77',
  };
  const created = await page.request.post('/api/v1/admin/users', {
    headers: { 'X-CSRF-Token': csrf },
    data: { ...user, role },
  });
  expect(created.status()).toBe(201);
  return user;
}

/** Sets the signed-in user's preferences through the API (as the settings dialog does). */
export async function setPreferences(page: Page, patch: Record<string, unknown>): Promise<void> {
  const res = await page.request.patch('/api/v1/preferences', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: patch,
  });
  expect(res.status()).toBe(200);
}

/**
 * Puts a grid back to its default layout for the next test. The page is left first: a layout
 * change still waiting for its debounced save would otherwise land after the reset and carry
 * this test's layout (a hidden column, say) into the next one.
 */
export async function resetGridLayout(page: Page, gridId: string): Promise<void> {
  await page.goto('about:blank');
  await setPreferences(page, { grids: { [gridId]: null } });
}

/** Places an order straight through the API (for tests that need data on screen). */
export async function apiOrder(page: Page, order: Record<string, string>): Promise<string> {
  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: { tif: 'day', type: 'market', ...order },
  });
  expect(res.status()).toBeLessThan(300);
  return ((await res.json()) as { id: string }).id;
}

/** Cancels an order through the API (tests clean up the orders they leave working). */
export async function apiCancel(page: Page, id: string): Promise<void> {
  const res = await page.request.delete(`/api/v1/orders/${id}`, {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
  });
  expect(res.status()).toBeLessThan(300);
}
