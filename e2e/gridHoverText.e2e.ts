import { expect, test } from '@playwright/test';
import { login } from './pages/console';
import { apiCancel, apiOrder } from './pages/workspace';

// The grids' hover texts are the browser's `title` (no AG Grid TooltipModule on the page), and
// the column filters the grids are configured with open and filter.

test('a working order shows its full time and the price header its meaning on hover', async ({
  page,
}) => {
  await login(page);
  const id = await apiOrder(page, {
    symbol: 'KO',
    side: 'buy',
    qty: '2',
    type: 'limit',
    limitPrice: '1.00',
    reason: 'hover text e2e',
  });
  const orders = page.getByTestId('orders-grid');
  const row = orders.locator(`[row-id="${id}"]`).first();
  await expect(row).toBeVisible();
  // "14:03:22" in the cell, the date and zone in its title
  const time = row.locator('[col-id="createdAt"] span[title]');
  await expect(time).toHaveText(/^\d{1,2}:\d{2}(:\d{2})?/);
  await expect(time).toHaveAttribute('title', /\d{4}.*\d{1,2}:\d{2}:\d{2}/);
  await expect(orders.locator('.ag-header-cell[col-id="price"] span[title]')).toHaveAttribute(
    'title',
    'Order type and price',
  );
  await expect(orders.locator('.ag-header-cell[col-id="price"]')).toContainText('Price');
  await apiCancel(page, id);
});

test('a column filter opens from the header and filters the rows', async ({ page }) => {
  await login(page);
  await apiOrder(page, { symbol: 'MSFT', side: 'buy', qty: '1', reason: 'filter e2e' });
  await apiOrder(page, { symbol: 'KO', side: 'buy', qty: '1', reason: 'filter e2e' });
  const positions = page.getByTestId('positions-grid');
  await expect(positions.locator('[row-id="MSFT"]').first()).toBeVisible();
  await expect(positions.locator('[row-id="KO"]').first()).toBeVisible();

  const header = positions.locator('.ag-header-cell[col-id="symbol"]');
  await header.hover();
  await header
    .locator('.ag-header-cell-menu-button, .ag-header-cell-filter-button')
    .first()
    .click();
  const filter = page.locator('.ag-filter');
  await expect(filter).toBeVisible();
  await filter.locator('input[type="text"]').first().fill('MSFT');
  await expect(positions.locator('[row-id="KO"]')).toHaveCount(0);
  await expect(positions.locator('[row-id="MSFT"]').first()).toBeVisible();
});
