import { forkTs, rssBytes, stopChild, waitFor } from '../lib/children';
import { login, type BenchSession } from '../lib/login';
import { summarize, type Summary } from '../lib/stats';
import { openFleet, processesFor } from '../lib/wsLoad';
import { ratioOf, row, type BenchContext, type ResultRow, type Scenario } from './types';

/** The topics the dashboard subscribes to. */
export const DASHBOARD_TOPICS = ['account', 'positions', 'orders', 'fills', 'killswitch'];
const MAX_SESSIONS = 100;

interface StepResult {
  clients: number;
  ok: number;
  failed: number;
  dropped: number;
  latency: Summary;
  rssBefore: number;
  rssAfter: number;
  /** CPU of each load-generator process during the window, % of one core. */
  loadCpu: number[];
}

/** Connects n console clients over real sessions, measures push latency and memory. */
async function consoleStep(
  ctx: BenchContext,
  sessions: BenchSession[],
  n: number,
  windowMs: number,
): Promise<StepResult> {
  while (sessions.length < Math.min(n, MAX_SESSIONS)) sessions.push(await login(ctx.server.url));
  const rssBefore = (await rssBytes(ctx.server.pid)) ?? 0;
  const fleet = await openFleet({
    url: `${ctx.server.url.replace('http', 'ws')}/ws`,
    mode: 'console',
    cookies: sessions.slice(0, Math.min(n, MAX_SESSIONS)).map((s) => s.cookie),
    origin: ctx.server.url,
    count: n,
    topics: DASHBOARD_TOPICS,
    processes: processesFor(n),
  });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const m = await fleet.measure(windowMs);
    // Sampled after the window: the sockets have carried traffic and their buffers exist.
    const rssAfter = (await rssBytes(ctx.server.pid)) ?? 0;
    return {
      clients: n,
      ok: fleet.ok,
      failed: fleet.failed,
      dropped: m.dropped,
      latency: summarize(m.samples),
      rssBefore,
      rssAfter,
      loadCpu: m.cpuPct,
    };
  } finally {
    await fleet.close();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The same against a bare `ws` broadcaster in its own process. */
async function baselineStep(n: number, windowMs: number): Promise<StepResult> {
  const server = forkTs('baselines/wsBroadcast.ts');
  try {
    const { port } = await waitFor<{ port: number }>(server, 'ready');
    const rssBefore = (await rssBytes(server.pid!)) ?? 0;
    const fleet = await openFleet({
      url: `ws://127.0.0.1:${port}`,
      mode: 'bare',
      cookies: [],
      origin: `http://127.0.0.1:${port}`,
      count: n,
      topics: [],
      processes: processesFor(n),
    });
    try {
      await new Promise((r) => setTimeout(r, 2000));
      const m = await fleet.measure(windowMs);
      const rssAfter = (await rssBytes(server.pid!)) ?? 0;
      return {
        clients: n,
        ok: fleet.ok,
        failed: fleet.failed,
        dropped: m.dropped,
        latency: summarize(m.samples),
        rssBefore,
        rssAfter,
        loadCpu: m.cpuPct,
      };
    } finally {
      await fleet.close();
    }
  } finally {
    await stopChild(server);
  }
}

const GOALS: Record<number, string> = {
  1: 'p99 < 10 ms',
  100: 'p99 < 10 ms',
  1000: 'p99 < 50 ms; ≤ 2× bare ws',
  2000: '≤ 2× bare ws',
};

function pushRow(ours: StepResult, base: StepResult): ResultRow {
  const n = ours.clients;
  const p99 = ours.latency.p99;
  const ratio = ratioOf(p99, base.latency.p99);
  // A step where not every client connected measured fewer clients than it claims: never met.
  const met =
    p99 === null || ours.ok < n
      ? false
      : n <= 100
        ? p99 < 10
        : n === 1000
          ? p99 < 50 && ratio !== null && ratio <= 2
          : ratio !== null && ratio <= 2;
  return row({
    id: `push-${n}`,
    scenario: `P&L push, gateway event → WS frame, ${n.toLocaleString('en-US')} client${n === 1 ? '' : 's'}`,
    seedTarget: '< 50 ms',
    goal: GOALS[n] ?? '≤ 2× bare ws',
    unit: 'ms',
    measured: ours.latency,
    baselineLabel: 'bare ws broadcast',
    baseline: base.latency,
    ratio,
    met,
    notes: `${ours.latency.n} frames; clients connected ${ours.ok}/${n} (bare ${base.ok}/${n}); load generator: ${processesFor(n)} process(es) at ${ours.loadCpu.join(' + ')} % CPU (bare run: ${base.loadCpu.join(' + ')} %)`,
  });
}

export const push: Scenario = {
  name: 'push',
  describe: 'P&L push latency at 1/100/1,000/2,000 clients, connected clients, memory per client',
  needsServer: true,
  async run(ctx) {
    const steps = ctx.quick ? [1] : [1, 100, 1000, 2000];
    const windowMs = ctx.quick ? 2500 : 20_000;
    const sessions: BenchSession[] = [];
    const rows: ResultRow[] = [];
    let last: [StepResult, StepResult] | null = null;
    for (const n of steps) {
      ctx.log(`push: ${n} clients (bare ws baseline)`);
      const base = await baselineStep(n, windowMs);
      ctx.log(`push: ${n} clients (console)`);
      const ours = await consoleStep(ctx, sessions, n, windowMs);
      rows.push(pushRow(ours, base));
      last = [ours, base];
    }
    const [ours, base] = last!;
    const n = ours.clients;
    const errors = ours.failed + ours.dropped;
    const errorPct = Math.round((errors / n) * 10000) / 100;
    rows.push(
      row({
        id: 'clients',
        scenario: 'Connected clients per console instance with < 1 % errors',
        seedTarget: '100 concurrent users',
        goal: '≥ 2,000',
        unit: 'clients',
        value: errorPct < 1 ? ours.ok : null,
        baselineLabel: 'bare ws',
        baselineValue: base.ok,
        met: errorPct < 1 && ours.ok >= 2000,
        notes: `tried ${n} (the largest step): ${ours.ok} connected and subscribed, ${ours.failed} failed, ${ours.dropped} dropped = ${errorPct} % errors; ${Math.min(n, MAX_SESSIONS)} real sessions`,
      }),
    );
    // Divided by the clients actually connected, not the ones tried.
    const kb = (s: StepResult) =>
      s.ok ? Math.round(((s.rssAfter - s.rssBefore) / s.ok / 1024) * 10) / 10 : null;
    const perClient = kb(ours);
    rows.push(
      row({
        id: 'memory-per-client',
        scenario: 'Server memory per connected client (RSS growth ÷ clients)',
        seedTarget: '< 25 MB per user',
        goal: '< 100 KB',
        unit: 'KB',
        value: perClient,
        baselineLabel: 'bare ws',
        baselineValue: kb(base),
        ratio: ratioOf(perClient, kb(base)),
        met: perClient !== null && ours.ok === n && perClient < 100,
        notes: `${n} clients: console RSS ${Math.round(ours.rssBefore / 2 ** 20)} → ${Math.round(ours.rssAfter / 2 ** 20)} MiB`,
      }),
    );
    return rows;
  },
};
