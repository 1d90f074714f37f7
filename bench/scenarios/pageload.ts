import type { Browser, Page } from 'playwright';
import { launchChromium, markFirst, signedInContext } from '../lib/browser';
import { forkTs, stopChild, waitFor } from '../lib/children';
import { login, type BenchSession } from '../lib/login';
import { BENCH_USER_AGENT } from '../lib/userAgent';
import { summarize } from '../lib/stats';
import { ratioOf, row, type Scenario } from './types';

export const FIRST_ROW = '[data-testid="positions-grid"] [row-id]';

/** Places a market buy so the positions grid has a row to show. */
export async function ensurePosition(baseUrl: string, s: BenchSession): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': BENCH_USER_AGENT,
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
    },
    body: JSON.stringify({
      symbol: 'MSFT',
      side: 'buy',
      qty: '10',
      type: 'market',
      tif: 'day',
      reason: `bench seed ${Date.now()}`,
    }),
  });
  if (res.status >= 300) throw new Error(`seed order failed: ${res.status} ${await res.text()}`);
}

async function timeTo(page: Page, url: string, selector: string | null): Promise<number> {
  await page.goto(url, { waitUntil: selector ? 'commit' : 'load' });
  if (!selector)
    return page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
  await page.waitForFunction(() => (window as { __qdSeen?: number }).__qdSeen !== undefined, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as unknown as { __qdSeen: number }).__qdSeen);
}

/** Cold (new context, empty cache) then warm (same context again) loads of one URL. */
async function loads(
  browser: Browser,
  url: string,
  session: BenchSession | null,
  selector: string | null,
  n: number,
) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < n; i++) {
    const context = session
      ? await signedInContext(browser, new URL(url).origin, session)
      : await browser.newContext();
    if (selector) await context.addInitScript(markFirst(selector));
    const page = await context.newPage();
    cold.push(await timeTo(page, url, selector));
    warm.push(await timeTo(page, url, selector));
    await context.close();
  }
  return { cold: summarize(cold), warm: summarize(warm) };
}

export const pageload: Scenario = {
  name: 'pageload',
  describe: 'page load cold/warm to the first positions row in Chromium vs an empty static page',
  needsServer: true,
  async run(ctx) {
    const n = ctx.quick ? 2 : 15;
    const session = await login(ctx.server.url);
    await ensurePosition(ctx.server.url, session);
    const browser = await launchChromium();
    const staticServer = forkTs('baselines/staticPage.ts');
    try {
      const { url } = await waitFor<{ url: string }>(staticServer, 'ready');
      ctx.log('pageload: empty static page');
      const base = await loads(browser, `${url}/`, null, null, n);
      ctx.log('pageload: dashboard to first positions row');
      const ours = await loads(browser, `${ctx.server.url}/`, session, FIRST_ROW, n);
      const note = `${n} loads each, signed in (session cookie), 1440×900; to the frame after the first positions row from the live snapshot is in the DOM; baseline: navigation duration of the empty page`;
      return [
        row({
          id: 'pageload-cold',
          scenario: 'Page load, cold (no HTTP cache) → first positions row, Chromium',
          seedTarget: '< 500 ms',
          goal: '< 150 ms',
          unit: 'ms',
          measured: ours.cold,
          baselineLabel: 'empty static page',
          baseline: base.cold,
          ratio: ratioOf(ours.cold.p99, base.cold.p99),
          met: ours.cold.p95 !== null && ours.cold.p95 < 150,
          notes: `${note}; goal judged on p95`,
        }),
        row({
          id: 'pageload-warm',
          scenario: 'Page load, warm (HTTP cache) → first positions row, Chromium',
          seedTarget: '< 500 ms',
          goal: '< 60 ms',
          unit: 'ms',
          measured: ours.warm,
          baselineLabel: 'empty static page',
          baseline: base.warm,
          ratio: ratioOf(ours.warm.p99, base.warm.p99),
          met: ours.warm.p95 !== null && ours.warm.p95 < 60,
          notes: `${note}; goal judged on p95`,
        }),
      ];
    } finally {
      await browser.close();
      await stopChild(staticServer);
    }
  },
};
