import { existsSync, readFileSync } from 'node:fs';
import { rssBytes } from '../lib/children';
import { login, type BenchSession } from '../lib/login';
import { slope, summarize } from '../lib/stats';
import { BENCH_USER_AGENT } from '../lib/userAgent';
import { openFleet, processesFor } from '../lib/wsLoad';
import { DASHBOARD_TOPICS } from './push';
import { row, type Scenario } from './types';

interface LagLine {
  t: number;
  p50: number;
  p99: number;
  max: number;
}

function lagSince(file: string, since: number): LagLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LagLine)
    .filter((l) => l.t > since);
}

/**
 * What the SPA's activity keepalive sends for a user at the console (`GET /auth/session`, at most
 * once a minute): pushes alone do not refresh the idle timer, so without it every session
 * reaches its idle timeout (15 min by default) and the socket revalidation ends every socket.
 */
async function keepActive(baseUrl: string, sessions: BenchSession[]): Promise<void> {
  await Promise.all(
    sessions.map(async (s) => {
      const res = await fetch(`${baseUrl}/api/v1/auth/session`, {
        headers: { cookie: s.cookie, 'user-agent': BENCH_USER_AGENT },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`session keepalive answered ${res.status}`);
    }),
  );
}

export const soak: Scenario = {
  name: 'soak',
  describe: '30-minute soak with 1,000 clients: RSS and event-loop lag every minute, flat-or-not',
  needsServer: true,
  async run(ctx) {
    const clients = ctx.quick ? 5 : 1000;
    const minutes = ctx.quick ? 3 : 30;
    const intervalMs = ctx.quick ? 2000 : 60_000;
    const sessions = [];
    for (let i = 0; i < Math.min(clients, 100); i++) sessions.push(await login(ctx.server.url));
    const fleet = await openFleet({
      url: `${ctx.server.url.replace('http', 'ws')}/ws`,
      mode: 'console',
      cookies: sessions.map((s) => s.cookie),
      origin: ctx.server.url,
      count: clients,
      topics: DASHBOARD_TOPICS,
      processes: processesFor(clients),
    });
    const samples: Array<{ minute: number; rssMiB: number; lagP99: number; lagMax: number }> = [];
    let dropped = 0;
    try {
      const start = Date.now();
      for (let i = 1; i <= minutes; i++) {
        await keepActive(ctx.server.url, sessions);
        const windowStart = Date.now();
        const m = await fleet.measure(intervalMs);
        dropped += m.dropped;
        const lag = lagSince(ctx.server.lagFile, windowStart);
        const rss = ((await rssBytes(ctx.server.pid)) ?? 0) / 2 ** 20;
        const s = {
          minute: (Date.now() - start) / 60_000,
          rssMiB: Math.round(rss * 10) / 10,
          lagP99: Math.max(0, ...lag.map((l) => l.p99)),
          lagMax: Math.max(0, ...lag.map((l) => l.max)),
        };
        samples.push(s);
        ctx.log(
          `soak: sample ${i}/${minutes}: RSS ${s.rssMiB} MiB, event-loop lag p99 ${s.lagP99} ms (max ${s.lagMax})`,
        );
      }
    } finally {
      await fleet.close();
    }
    // The first sample still includes warm-up; the trend is taken over the rest.
    const steady = samples.length > 2 ? samples.slice(1) : samples;
    const perHour = Math.round(slope(steady.map((s) => [s.minute / 60, s.rssMiB])) * 10) / 10;
    const meanRss = steady.reduce((a, s) => a + s.rssMiB, 0) / steady.length;
    const hours = (steady[steady.length - 1]!.minute - steady[0]!.minute) / 60;
    const growth = perHour * hours;
    const flat = growth < Math.max(5, meanRss * 0.02);
    const lag = summarize(samples.map((s) => s.lagP99));
    const trail = samples.map((s) => s.rssMiB).join(', ');
    return [
      row({
        id: 'soak-rss',
        scenario: `Soak ${minutes} min, ${clients.toLocaleString('en-US')} clients: RSS trend`,
        seedTarget: '—',
        goal: 'flat',
        unit: 'MiB/h',
        value: perHour,
        met: flat && dropped === 0,
        notes: `verdict: ${flat ? 'flat' : 'NOT flat'} (slope ${perHour} MiB/h over ${Math.round(hours * 60)} min after warm-up = ${Math.round(growth * 10) / 10} MiB; flat means < max(5 MiB, 2 % of RSS)); RSS per minute: ${trail} MiB; ${fleet.ok}/${clients} connected, ${dropped} dropped; each session sent the SPA's activity keepalive once a minute`,
      }),
      row({
        id: 'soak-lag',
        scenario: `Soak ${minutes} min, ${clients.toLocaleString('en-US')} clients: event-loop lag (p99 of each minute)`,
        seedTarget: '—',
        goal: 'flat',
        unit: 'ms',
        measured: lag,
        met: null,
        notes: `per-minute event-loop delay p99 from perf_hooks inside the console: ${samples.map((s) => s.lagP99).join(', ')} ms`,
      }),
    ];
  },
};
