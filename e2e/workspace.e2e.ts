import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, engageKillSwitch, login, resumeTrading } from './pages/console';
import { apiOrder, createUser, resetGridLayout } from './pages/workspace';

test('the positions grid keeps its column layout per user across a reload', async ({ page }) => {
  await login(page);
  await apiOrder(page, { symbol: 'AAPL', side: 'buy', qty: '3' });
  const grid = page.getByTestId('positions-grid');
  await expect(grid.locator('[row-id="AAPL"]').first()).toBeVisible();
  try {
    // sort by quantity (a person's click, so it is saved)
    await grid.locator('.ag-header-cell[col-id="qty"] .ag-header-cell-label').click();
    await expect(grid.locator('.ag-header-cell[col-id="qty"]')).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expect
      .poll(async () => (await (await page.request.get('/api/v1/preferences')).json()).grids)
      .toMatchObject({
        positions: expect.arrayContaining([{ colId: 'qty', sort: 'asc', sortIndex: 0 }]),
      });

    // hide a column from the panel's column menu
    await page.getByRole('button', { name: 'Choose positions columns' }).click();
    await page.getByRole('group', { name: 'positions columns' }).getByLabel('Avg entry').uncheck();
    await expect(grid.locator('.ag-header-cell[col-id="avgPrice"]')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await (await page.request.get('/api/v1/preferences')).json()).grids)
      .toMatchObject({
        positions: expect.arrayContaining([{ colId: 'avgPrice', hide: true }]),
      });

    await page.reload();
    await expect(
      page.getByTestId('positions-grid').locator('.ag-header-cell[col-id="qty"]'),
    ).toHaveAttribute('aria-sort', 'ascending');
    await expect(
      page.getByTestId('positions-grid').locator('.ag-header-cell[col-id="avgPrice"]'),
    ).toHaveCount(0);
  } finally {
    await resetGridLayout(page, 'positions');
  }
});

test('a grid exports to CSV: audited first, real content, named by the server', async ({
  page,
}) => {
  await login(page);
  await apiOrder(page, { symbol: 'JPM', side: 'buy', qty: '4' });
  const grid = page.getByTestId('positions-grid');
  await expect(grid.locator('[row-id="JPM"]').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export positions as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^quarterdeck-positions-.*\.csv$/);
  const text = await readFile((await file.path())!, 'utf8');
  const [header, ...rows] = text.trim().split('\r\n');
  expect(header).toBe('Symbol,Qty,Avg entry,Last,Mkt value,Unrl P&L,Unrl %,Day P&L');
  const jpm = rows.find((r) => r.startsWith('JPM,'));
  expect(jpm).toBeDefined();
  // raw exact decimals, not display strings; a short position's minus stays a plain number
  expect(jpm!.split(',')[1]).toMatch(/^-?\d+(\.\d+)?$/);
  await expect(
    page.getByRole('status').filter({ hasText: /Exported \d+ rows of positions/ }),
  ).toBeVisible();
});

test('the ticket shows why it is disabled while the kill switch is engaged', async ({ page }) => {
  await login(page);
  await engageKillSwitch(page, 'E2E: checking the ticket gating reason');
  try {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('ticket-disabled-reason')).toHaveText(/kill switch engaged/i);
    await expect(page.getByTestId('status-banner')).toContainText('TRADING HALTED');
    await expect(
      page.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
    ).toBeDisabled();
  } finally {
    await resumeTrading(page, 'E2E: gating reason checked, resuming');
  }
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('status-banner')).toHaveCount(0);
});

test('a viewer sees no trading controls and the API refuses their orders', async ({ page }) => {
  await login(page);
  const viewer = await createUser(page, 'viewer', ADMIN.password);
  await page.context().clearCookies();
  await login(page, viewer);
  await expect(page.getByTestId('order-ticket-readonly')).toContainText('viewer');
  await expect(page.getByTestId('order-ticket')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Close|Cancel|Preview)/ })).toHaveCount(0);
  // still a full monitoring view, and exports still work for data they may read
  await expect(page.getByTestId('positions-grid')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export positions as CSV' })).toBeVisible();

  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const res = await page.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': session.csrfToken },
    data: { symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).code).toBe('FORBIDDEN');
});

test('on a phone the dashboard is a single column of monitoring cards', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page);
  await apiOrder(page, { symbol: 'AAPL', side: 'buy', qty: '1' });
  await expect(page.getByTestId('dashboard-phone')).toBeVisible();
  await expect(page.getByTestId('position-card-AAPL')).toBeVisible();
  await expect(page.getByTestId('market-clock-mobile')).toContainText('NYSE');
  // nothing wider than the screen
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'Kill switch' }).click();
  await expect(page).toHaveURL(/\/kill-switch$/);
});

test('the ticket works from the keyboard: Tab through, Enter previews, Esc cancels', async ({
  page,
}) => {
  await login(page);
  const before = ((await (await page.request.get('/api/v1/orders?status=all')).json()) as unknown[])
    .length;
  const ticket = page.getByTestId('order-ticket');
  await ticket.getByLabel('Symbol').focus();
  await page.keyboard.type('aapl');
  await page.keyboard.press('Tab'); // leaving the field tidies it to AAPL
  await expect(ticket.getByLabel('Symbol')).toHaveValue('AAPL');
  await expect(ticket).toContainText('Apple');
  await ticket.getByLabel('Quantity').focus();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/Buy 2 AAPL/i);
  await expect(page.getByTestId('preview-bp-after')).toContainText(/[\d,]+\.\d{2}/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const after = ((await (await page.request.get('/api/v1/orders?status=all')).json()) as unknown[])
    .length;
  expect(after).toBe(before);
});

test('a position row has a Close button whose dialog restates the order and wants a reason', async ({
  page,
}) => {
  await login(page);
  await apiOrder(page, { symbol: 'XOM', side: 'buy', qty: '6' });
  const row = page.getByTestId('positions-grid').locator('[row-id="XOM"]');
  await expect(row.first()).toBeVisible();
  await page.getByRole('button', { name: 'Close XOM position' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close XOM position' });
  await expect(page.getByTestId('close-position-summary')).toContainText('Sell 6 XOM at market');
  await dialog.getByLabel('Quantity to close').fill('2');
  await expect(page.getByTestId('close-position-summary')).toContainText('Sell 2 XOM at market');
  await dialog.getByLabel('Quantity to close').fill('60');
  await dialog.getByRole('button', { name: 'Close position' }).click();
  await expect(dialog).toContainText('at most 6 (the whole position)');
  await dialog.getByLabel('Quantity to close').fill('2');
  await dialog.getByRole('button', { name: 'Close position' }).click();
  await expect(dialog).toContainText('at least 10 characters');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // nothing was sent: the position is untouched
  await expect(row.locator('[col-id="qty"]').first()).toHaveText('6');
});

/** Where each of these columns' header and totals cell sit on screen (x and width). */
async function headerAndTotalsBoxes(page: Page, colIds: string[]) {
  const grid = page.getByTestId('positions-grid');
  return Promise.all(
    colIds.map(async (colId) => ({
      colId,
      header: await grid.locator(`.ag-header-cell[col-id="${colId}"]`).boundingBox(),
      totals: await grid
        .getByTestId('grid-totals')
        .locator(`[data-col-id="${colId}"]`)
        .boundingBox(),
    })),
  );
}

/** Each totals cell sits under its column's header (same x and width, to the pixel). */
async function expectTotalsUnderHeaders(page: Page, colIds: string[]) {
  await expect
    .poll(async () =>
      (await headerAndTotalsBoxes(page, colIds))
        .filter(
          ({ header, totals }) =>
            !header ||
            !totals ||
            Math.abs(header.x - totals.x) > 1 ||
            Math.abs(header.width - totals.width) > 1,
        )
        .map((b) => b.colId),
    )
    .toEqual([]);
}

/** A displayed amount ("+$1,234.50", "−987.00") as a number. */
const amount = (text: string) => Number(text.replace(/[$,+]/g, '').replace('\u2212', '-'));

test('the positions totals bar shows the sums and follows column resize, order, hiding and scroll', async ({
  page,
}) => {
  await login(page);
  await apiOrder(page, { symbol: 'AAPL', side: 'buy', qty: '3' });
  await apiOrder(page, { symbol: 'MSFT', side: 'buy', qty: '2' });
  const grid = page.getByTestId('positions-grid');
  const totals = grid.getByTestId('grid-totals');
  await expect(grid.locator('[row-id="MSFT"]').first()).toBeVisible();
  await expect(totals.locator('[data-col-id="symbol"]')).toHaveText('Total');
  try {
    // the sums: read in one go with the cells they add up (prices keep moving); each cell is
    // rounded to the cent, so allow a cent per row
    await expect
      .poll(async () => {
        const cols = await grid.evaluate((el) =>
          ['marketValue', 'unrealizedPnl', 'dayPnl'].map((colId) => ({
            colId,
            cells: [...el.querySelectorAll(`.ag-grid-scrolling-container [col-id="${colId}"]`)].map(
              (c) => c.textContent ?? '',
            ),
            total: el.querySelector(`[data-testid="grid-totals"] [data-col-id="${colId}"]`)
              ?.textContent,
          })),
        );
        const wrong = ({ cells, total }: { cells: string[]; total?: string | null }) =>
          total == null ||
          cells.length < 2 ||
          Math.abs(amount(total) - cells.reduce((s, c) => s + amount(c), 0)) >
            0.01 * cells.length + 1e-9;
        return cols.filter(wrong).map((c) => c.colId);
      })
      .toEqual([]);
    const watched = ['symbol', 'marketValue', 'unrealizedPnl', 'dayPnl'];
    await expectTotalsUnderHeaders(page, watched);

    // resize a column by its header's handle
    const handle = grid.locator('.ag-header-cell[col-id="symbol"] .ag-header-cell-resize');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expectTotalsUnderHeaders(page, watched);

    // move a column: Day P&L dragged before Mkt value
    const day = (await grid.locator('.ag-header-cell[col-id="dayPnl"]').boundingBox())!;
    const mkt = (await grid.locator('.ag-header-cell[col-id="marketValue"]').boundingBox())!;
    await page.mouse.move(day.x + day.width / 2, day.y + day.height / 2);
    await page.mouse.down();
    await page.mouse.move(mkt.x + 10, mkt.y + mkt.height / 2, { steps: 15 });
    await page.mouse.up();
    const order = await grid
      .locator('.ag-header-cell[col-id]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('col-id')));
    expect(order.indexOf('dayPnl')).toBeLessThan(order.indexOf('marketValue'));
    await expectTotalsUnderHeaders(page, watched);

    // hide a column from the column menu
    await page.getByRole('button', { name: 'Choose positions columns' }).click();
    await page.getByRole('group', { name: 'positions columns' }).getByLabel('Qty').uncheck();
    await page.keyboard.press('Escape');
    await expect(grid.locator('.ag-header-cell[col-id="qty"]')).toHaveCount(0);
    await expectTotalsUnderHeaders(page, watched);

    // scroll the body sideways: widen a column past the panel, then scroll
    const wide = (await grid
      .locator('.ag-header-cell[col-id="marketValue"] .ag-header-cell-resize')
      .boundingBox())!;
    await page.mouse.move(wide.x + wide.width / 2, wide.y + wide.height / 2);
    await page.mouse.down();
    await page.mouse.move(wide.x + 900, wide.y + wide.height / 2, { steps: 10 });
    await page.mouse.up();
    // the layout is saved 500 ms after the last change: wait for it, so it cannot land after
    // this test's reset and hand its layout to the next test
    await expect
      .poll(async () => {
        const grids = (await (await page.request.get('/api/v1/preferences')).json()).grids;
        const cols = (grids.positions ?? []) as { colId: string; width?: number }[];
        return cols.find((c) => c.colId === 'marketValue')?.width ?? 0;
      })
      .toBeGreaterThan(500);
    const before = (await grid.locator('.ag-header-cell[col-id="dayPnl"]').boundingBox())!.x;
    await grid.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => {
      el.scrollLeft = 300;
    });
    await expect
      .poll(async () => (await grid.locator('.ag-header-cell[col-id="dayPnl"]').boundingBox())!.x)
      .toBeLessThan(before - 100);
    await expectTotalsUnderHeaders(page, watched);
  } finally {
    await resetGridLayout(page, 'positions');
  }
});

test('a positions cell is rewritten or flashed only when its displayed text changes', async ({
  page,
}) => {
  await login(page);
  // this test reads the default columns: start from them whatever an earlier test saved
  await resetGridLayout(page, 'positions');
  await page.goto('/');
  await apiOrder(page, { symbol: 'NVDA', side: 'buy', qty: '7' });
  await apiOrder(page, { symbol: 'AMZN', side: 'buy', qty: '5' });
  const grid = page.getByTestId('positions-grid');
  await expect(grid.locator('[row-id="AMZN"]').first()).toBeVisible();
  // numeric cells: tabular figures, right-aligned (set once, not re-set on every refresh)
  const qty = grid.locator('[row-id="AMZN"] [col-id="qty"]').first();
  await expect(qty).toHaveClass(/(^|\s)num(\s|$)/);
  await expect(qty).toHaveClass(/(^|\s)ag-right-aligned-cell(\s|$)/);
  // Watch every body cell: a write of its text, or a flash starting, must come with new text.
  await grid.evaluate((root) => {
    const w = window as unknown as { qdCells: { changed: string[]; unchanged: string[] } };
    w.qdCells = { changed: [], unchanged: [] };
    const body = root.querySelector('.ag-grid-scrolling-container')!;
    const seen = new Map<Element, string>();
    for (const cell of body.querySelectorAll('.ag-cell')) seen.set(cell, cell.textContent ?? '');
    const flash = (c: string | null) => /flash-(up|down)/.exec(c ?? '')?.[1] ?? null;
    new MutationObserver((records) => {
      const touched = new Set<Element>();
      for (const r of records) {
        const cell = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest(
          '.ag-cell',
        );
        if (!cell || !seen.has(cell)) continue;
        // a flash starting or turning the other way
        const flashed =
          r.type === 'attributes' &&
          r.target === cell &&
          flash(cell.getAttribute('class')) !== null &&
          flash(cell.getAttribute('class')) !== flash(r.oldValue);
        if (r.type !== 'attributes' || flashed) touched.add(cell);
      }
      for (const cell of touched) {
        const text = cell.textContent ?? '';
        const id = `${cell.closest('[row-id]')?.getAttribute('row-id')}/${cell.getAttribute('col-id')}: ${text}`;
        (text === seen.get(cell) ? w.qdCells.unchanged : w.qdCells.changed).push(id);
        seen.set(cell, text);
      }
    }).observe(body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class'],
      attributeOldValue: true,
    });
  });
  // prices tick: watch until many cells have shown new text (a percentage moves by less than its
  // last shown decimal on most ticks, which is what this is about)
  await expect
    .poll(
      () =>
        page.evaluate(
          () => (window as unknown as { qdCells: { changed: string[] } }).qdCells.changed.length,
        ),
      { timeout: 40_000 },
    )
    .toBeGreaterThan(60);
  const unchanged = await page.evaluate(
    () => (window as unknown as { qdCells: { unchanged: string[] } }).qdCells.unchanged,
  );
  expect(unchanged).toEqual([]);
});
