import { expect, type Page } from '@playwright/test';
import { csrfToken } from './console';

/** Opens a page of the trading controls from the side navigation. */
export async function openPage(
  page: Page,
  link: 'Controls' | 'Circuit breaker' | 'Strategies' | 'TWAP',
): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

/**
 * Fills the open action dialog: the reason, and the typed word when asked. Checks that the
 * submit button stays disabled until the word is typed exactly.
 */
export async function fillAction(
  page: Page,
  opts: { reason: string; word?: string; submit: string },
): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(opts.reason);
  const submit = dialog.getByRole('button', { name: opts.submit, exact: true });
  if (opts.word) {
    await expect(submit).toBeDisabled();
    const typed = dialog.getByLabel(`Type ${opts.word} to confirm`);
    await typed.fill(opts.word.slice(0, -1));
    await expect(submit).toBeDisabled();
    await typed.fill(opts.word);
  }
  await expect(submit).toBeEnabled();
  await submit.click();
}

/** The newest toast with this text. */
export function toast(page: Page, text: RegExp) {
  return page.getByRole('status').filter({ hasText: text }).last();
}

/** Places an order straight through the API as the page's user (for setting up a scene). */
export async function apiOrder(page: Page, order: Record<string, string>): Promise<{ id: string }> {
  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(page) },
    data: { tif: 'day', ...order },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as { id: string };
}
