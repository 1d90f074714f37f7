import { chromium, type Browser, type BrowserContext } from 'playwright';
import type { BenchSession } from './login';
import { BENCH_USER_AGENT } from './userAgent';

export const CHROMIUM = process.env.QD_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, as the end-to-end tests run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (empty HTTP cache) already holding a real session cookie. */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  session: BenchSession,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    userAgent: BENCH_USER_AGENT,
  });
  const cookies = session.cookie.split('; ').map((kv) => {
    const i = kv.indexOf('=');
    return { name: kv.slice(0, i), value: kv.slice(i + 1), url: baseUrl };
  });
  await context.addCookies(cookies);
  return context;
}

/**
 * Init script: records, in ms since navigation start, when the first element matching the selector
 * is in the DOM and the following frame has been produced (window.__qdSeen).
 */
export function markFirst(selector: string): string {
  return `(() => {
    const sel = ${JSON.stringify(selector)};
    const done = () => requestAnimationFrame(() => setTimeout(() => { window.__qdSeen = performance.now(); }, 0));
    const check = () => { if (window.__qdSeen === undefined && !window.__qdPending && document.querySelector(sel)) { window.__qdPending = true; obs.disconnect(); done(); } };
    const obs = new MutationObserver(check);
    obs.observe(document, { childList: true, subtree: true });
  })();`;
}
