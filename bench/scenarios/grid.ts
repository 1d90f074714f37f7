import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium, signedInContext } from '../lib/browser';
import { login } from '../lib/login';
import { summarize } from '../lib/stats';
import { mainThreadFrames } from '../lib/trace';
import { startTopicTap } from '../lib/wsTap';
import { FIRST_ROW } from './pageload';
import { row, type Scenario } from './types';

const ROWS = 1000;

/** 1,000 synthetic positions (valid per the contracts) with prices moved by `step`. */
export function syntheticPositions(step: number): unknown[] {
  const now = new Date().toISOString();
  return Array.from({ length: ROWS }, (_, i) => {
    const last = 100 + (i % 50) + Math.sin(step + i) * 2;
    const qty = 10 + (i % 90);
    const avg = 100 + (i % 50);
    const pnl = (last - avg) * qty;
    return {
      symbol: `S${String(i).padStart(4, '0')}`,
      qty: String(qty),
      avgPrice: avg.toFixed(2),
      lastPrice: last.toFixed(2),
      marketValue: (last * qty).toFixed(2),
      costBasis: (avg * qty).toFixed(2),
      unrealizedPnl: pnl.toFixed(2),
      unrealizedPnlPct: ((pnl / (avg * qty)) * 100).toFixed(2),
      realizedPnl: '0',
      dayPnl: pnl.toFixed(2),
      updatedAt: now,
    };
  });
}

export const grid: Scenario = {
  name: 'grid',
  describe:
    'positions grid with 1,000 rows at 10 updates/s in Chromium: main-thread work per frame',
  needsServer: true,
  async run(ctx) {
    const seconds = ctx.quick ? 2 : 10;
    const session = await login(ctx.server.url);
    const browser = await launchChromium();
    let cleanup = async () => {};
    try {
      // The real socket to the real console, except that the positions topic is replaced by
      // 1,000 synthetic rows (the paper account cannot hold 1,000 positions): a pass-through on
      // the loopback network, so frames reach the page over a real socket.
      let seq = 1;
      const tap = await startTopicTap(ctx.server.url, 'positions', () =>
        JSON.stringify({
          type: 'snapshot',
          topic: 'positions',
          seq: (seq = 1),
          data: syntheticPositions(0),
        }),
      );
      cleanup = () => tap.close();
      const context = await signedInContext(browser, tap.url, session);
      const page = await context.newPage();
      await page.goto(`${tap.url}/`);
      await page.locator(FIRST_ROW).first().waitFor();
      const send = (step: number) =>
        tap.send(
          JSON.stringify({
            type: 'delta',
            topic: 'positions',
            prev: seq, // the client applies a delta only on top of the seq it holds
            seq: ++seq,
            data: { upsert: syntheticPositions(step), remove: [] },
          }),
        );
      // Warm up for a second, then trace while updates keep coming at 10/s.
      let step = 0;
      const timer = setInterval(() => send(++step), 100);
      await new Promise((r) => setTimeout(r, 1000));
      await browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-devtools.timeline.frame',
          'toplevel',
          // QD_BENCH_JS_SAMPLES=1: JS samples in the kept trace (for profiling; adds overhead)
          ...(process.env.QD_BENCH_JS_SAMPLES ? ['disabled-by-default-v8.cpu_profiler'] : []),
        ],
      });
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const trace = await browser.stopTracing();
      clearInterval(timer);
      const shown = (
        await page.getByTestId('positions-grid').locator('.num').first().textContent()
      )?.trim();
      mkdirSync('.tmp', { recursive: true });
      writeFileSync('.tmp/bench-grid-trace.json', trace); // for DevTools' Performance panel
      const frames = mainThreadFrames(JSON.parse(trace.toString('utf8')));
      const work = summarize(frames.work);
      return [
        row({
          id: 'grid-1000',
          scenario: 'Grid: 1,000 positions rows at 10 updates/s (every row each update), Chromium',
          seedTarget: '100 rows < 100 ms',
          goal: 'frame p95 < 8 ms',
          unit: 'ms',
          measured: work,
          met: work.p95 !== null && work.p95 < 8,
          notes: `${seconds} s traced, ${frames.count} frames, ${step} updates sent; main-thread task time per frame (renderer tasks grouped by the frame they precede); grid showed ${shown ?? '?'} rows at the end; the positions topic is replaced with synthetic rows by a loopback pass-through in front of the console (bench/lib/wsTap.ts), everything else is the real socket`,
        }),
      ];
    } finally {
      await browser.close();
      await cleanup();
    }
  },
};
