import { resolve } from 'node:path';
import { KNOWN_ROWS, SCENARIOS } from '../scenarios';
import type { BenchContext, ResultRow } from '../scenarios/types';
import { buildIfNeeded, startConsole, type ConsoleServer } from './consoleServer';
import { machineFacts } from './machine';
import { appendRun, renderTable, writeTable, type BenchRun } from './report';
import { startPostgres } from '../../scripts/lib/postgresServer.mjs';
import { startRedis } from '../../scripts/lib/redisServer.mjs';

export interface RunOptions {
  scenarios: string[];
  postgres: boolean;
  redis: boolean;
  quick: boolean;
  resultsDir: string;
  /** Where to regenerate the table; null to skip (the smoke test). */
  docPath: string | null;
  cpuProfDir?: string;
}

interface Stoppable {
  url: string;
  stop(): void;
}

/** Builds if needed, starts the servers, runs the scenarios in order, records the run. */
export async function runBench(o: RunOptions): Promise<BenchRun & { resultsPath: string }> {
  const startedAt = new Date().toISOString();
  const machine = machineFacts();
  buildIfNeeded();
  const stops: Array<() => void | Promise<void>> = [];
  const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
  const rows: ResultRow[] = [];
  try {
    let databaseUrl: string | undefined;
    let redisUrl: string | undefined;
    if (o.postgres) {
      const pg = (await startPostgres()) as Stoppable;
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    if (o.redis) {
      const redis = (await startRedis()) as Stoppable;
      stops.push(() => redis.stop());
      redisUrl = redis.url;
    }
    let server: ConsoleServer | null = null;
    for (const name of o.scenarios) {
      const scenario = SCENARIOS.find((s) => s.name === name)!;
      if (scenario.needsServer && !server) {
        log('starting the production console');
        server = await startConsole({
          databaseUrl,
          redisUrl,
          nodeFlags: o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(o.cpuProfDir)}`] : [],
        });
        const s = server;
        stops.unshift(() => s.stop());
      }
      const ctx: BenchContext = { server: server!, quick: o.quick, log };
      log(`scenario ${name}`);
      const got = await scenario.run(ctx);
      for (const r of got)
        log(
          `  ${r.id}: ${r.measured ? `p50 ${r.measured.p50} p95 ${r.measured.p95} p99 ${r.measured.p99}` : `value ${r.value}`} ${r.unit}; baseline ${r.baseline?.p99 ?? r.baselineValue ?? '—'}; met ${r.met}`,
        );
      rows.push(...got);
    }
  } finally {
    for (const stop of stops) await stop();
  }
  const run: BenchRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    scenarios: o.scenarios,
    options: { postgres: o.postgres, redis: o.redis, quick: o.quick },
    machine,
    rows,
  };
  const { path, file } = appendRun(o.resultsDir, run);
  log(`results appended to ${path}`);
  if (o.docPath) {
    writeTable(o.docPath, renderTable(file, KNOWN_ROWS));
    log(`table regenerated in ${o.docPath}`);
  }
  return { ...run, resultsPath: path };
}
