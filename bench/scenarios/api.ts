import { ask, forkTs, stopChild, waitFor } from '../lib/children';
import { login } from '../lib/login';
import { BENCH_USER_AGENT } from '../lib/userAgent';
import type { Pacing } from '../loadgen/httpLoad';
import { summarize, type Summary } from '../lib/stats';
import { ratioOf, row, type Scenario } from './types';

interface LoadResult {
  samples: number[];
  total: number;
  errors: number;
}

/** Runs autocannon in its own process against one URL at a fixed rate, paced as asked. */
async function load(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
  pacing: Pacing,
): Promise<LoadResult & { latency: Summary }> {
  const gen = forkTs('loadgen/httpLoad.ts');
  try {
    await waitFor(gen, 'ready');
    const r = await ask<LoadResult>(
      gen,
      { type: 'run', url, headers, rate, seconds, connections: 10, pacing },
      'done',
      (seconds + 60) * 1000,
    );
    return { ...r, latency: summarize(r.samples) };
  } finally {
    await stopChild(gen);
  }
}

const PACINGS: Array<{ pacing: Pacing; id: string; scenario: string; how: string }> = [
  {
    pacing: 'even',
    id: 'api-positions',
    scenario: 'API read GET /api/v1/positions at 200 req/s, evenly spaced (autocannon)',
    how: '200 keep-alive connections at one request a second each, started 5 ms apart',
  },
  {
    pacing: 'burst',
    id: 'api-positions-burst',
    scenario:
      "API read, diagnostic: autocannon's overallRate 200 over 10 connections (each second's requests back to back)",
    how: "10 connections; autocannon resets each connection's budget of 20 once a second, so every second starts with a queue ten deep",
  },
];

export const api: Scenario = {
  name: 'api',
  describe:
    'GET /api/v1/positions at 200 req/s (autocannon), evenly spaced and in bursts, vs a bare Fastify hello route',
  needsServer: true,
  async run(ctx) {
    const seconds = ctx.quick ? 2 : 20;
    const rate = 200;
    const hello = forkTs('baselines/helloServer.ts');
    const base = new Map<Pacing, LoadResult & { latency: Summary }>();
    try {
      const { url } = await waitFor<{ url: string }>(hello, 'ready');
      for (const { pacing } of PACINGS) {
        ctx.log(`api: bare Fastify hello route (${pacing})`);
        base.set(pacing, await load(`${url}/hello`, {}, rate, seconds, pacing));
      }
    } finally {
      await stopChild(hello);
    }
    const session = await login(ctx.server.url);
    const rows = [];
    for (const p of PACINGS) {
      ctx.log(`api: GET /api/v1/positions (${p.pacing})`);
      const ours = await load(
        `${ctx.server.url}/api/v1/positions`,
        { cookie: session.cookie, 'user-agent': BENCH_USER_AGENT },
        rate,
        seconds,
        p.pacing,
      );
      if (ours.latency.n === 0)
        throw new Error(`GET /api/v1/positions never answered 200 (${ours.errors} errors)`);
      const b = base.get(p.pacing)!;
      const errorPct = ours.total ? Math.round((ours.errors / ours.total) * 10000) / 100 : 100;
      rows.push(
        row({
          id: p.id,
          scenario: p.scenario,
          seedTarget: 'p99 < 300 ms',
          goal: 'p99 < 20 ms',
          unit: 'ms',
          measured: ours.latency,
          baselineLabel: 'bare Fastify hello',
          baseline: b.latency,
          ratio: ratioOf(ours.latency.p99, b.latency.p99),
          met: ours.latency.p99 !== null && ours.latency.p99 < 20 && errorPct < 1,
          notes: `${seconds} s; ${p.how}; ${ours.total} requests, ${errorPct} % errors (baseline ${b.total} requests)`,
        }),
      );
    }
    return rows;
  },
};
