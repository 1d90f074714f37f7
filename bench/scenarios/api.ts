import { ask, forkTs, stopChild, waitFor } from '../lib/children';
import { login } from '../lib/login';
import { BENCH_USER_AGENT } from '../lib/userAgent';
import { summarize, type Summary } from '../lib/stats';
import { ratioOf, row, type Scenario } from './types';

interface LoadResult {
  samples: number[];
  total: number;
  errors: number;
}

/** Runs autocannon in its own process against one URL at a fixed rate. */
async function load(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<LoadResult & { latency: Summary }> {
  const gen = forkTs('loadgen/httpLoad.ts');
  try {
    await waitFor(gen, 'ready');
    const r = await ask<LoadResult>(
      gen,
      { type: 'run', url, headers, rate, seconds, connections: 10 },
      'done',
      (seconds + 60) * 1000,
    );
    return { ...r, latency: summarize(r.samples) };
  } finally {
    await stopChild(gen);
  }
}

export const api: Scenario = {
  name: 'api',
  describe: 'GET /api/v1/positions at 200 req/s (autocannon) vs a bare Fastify hello route',
  needsServer: true,
  async run(ctx) {
    const seconds = ctx.quick ? 2 : 20;
    const rate = 200;
    const hello = forkTs('baselines/helloServer.ts');
    let base;
    try {
      const { url } = await waitFor<{ url: string }>(hello, 'ready');
      ctx.log('api: bare Fastify hello route');
      base = await load(`${url}/hello`, {}, rate, seconds);
    } finally {
      await stopChild(hello);
    }
    const session = await login(ctx.server.url);
    ctx.log('api: GET /api/v1/positions');
    const ours = await load(
      `${ctx.server.url}/api/v1/positions`,
      { cookie: session.cookie, 'user-agent': BENCH_USER_AGENT },
      rate,
      seconds,
    );
    const ratio = ratioOf(ours.latency.p99, base.latency.p99);
    const errorPct = ours.total ? Math.round((ours.errors / ours.total) * 10000) / 100 : 100;
    return [
      row({
        id: 'api-positions',
        scenario: 'API read GET /api/v1/positions at 200 req/s (autocannon, 10 connections)',
        seedTarget: 'p99 < 300 ms',
        goal: 'p99 < 20 ms',
        unit: 'ms',
        measured: ours.latency,
        baselineLabel: 'bare Fastify hello',
        baseline: base.latency,
        ratio,
        met: ours.latency.p99 !== null && ours.latency.p99 < 20 && errorPct < 1,
        notes: `${seconds} s; ${ours.total} requests, ${errorPct} % errors (baseline ${base.total} requests)`,
      }),
    ];
  },
};
