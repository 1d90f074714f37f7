import { expect, test, type Page } from '@playwright/test';
import { login } from './pages/console';
import { apiCancel, apiOrder, setPreferences } from './pages/workspace';

// Every page at 1440×900 in dark and light, and at phone width, for docs/screenshots/.
const PAGES = [
  { name: 'dashboard', path: '/', ready: 'metric-nlv' },
  { name: 'kill-switch', path: '/kill-switch', ready: 'killswitch-state' },
] as const;

async function shoot(page: Page, name: string) {
  await expect(page.getByTestId('connection-badge')).toHaveText(/Connected/);
  await page.waitForTimeout(600); // let flashes finish so the picture is calm
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

test('screenshots of every page: dark and light at 1440×900, phone at 390×844', async ({
  page,
}) => {
  await login(page);
  await apiOrder(page, { symbol: 'AAPL', side: 'buy', qty: '25' });
  await apiOrder(page, { symbol: 'NVDA', side: 'sell', qty: '10' });
  const resting = await apiOrder(page, {
    symbol: 'KO',
    side: 'buy',
    qty: '5',
    type: 'limit',
    limitPrice: '1.00',
  });
  try {
    for (const theme of ['dark', 'light'] as const) {
      await setPreferences(page, { theme });
      for (const p of PAGES) {
        await page.goto(p.path);
        await expect(page.getByTestId(p.ready)).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await shoot(page, `${p.name}-${theme}`);
      }
    }
    await setPreferences(page, { theme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of PAGES) {
      await page.goto(p.path);
      await expect(page.getByTestId(p.ready)).toBeVisible();
      await shoot(page, `${p.name}-mobile`);
    }
  } finally {
    await setPreferences(page, { theme: 'dark' });
    await apiCancel(page, resting);
  }
  await page.context().clearCookies();
  await page.goto('/login');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'docs/screenshots/login.png' });
});
