import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTable, writeTable, type ResultsFile } from './lib/report';
import { runBench } from './lib/runner';
import { percentile, slope, summarize } from './lib/stats';
import { KNOWN_ROWS } from './scenarios';
import type { ResultRow } from './scenarios/types';

const dir = mkdtempSync(join(tmpdir(), 'qd-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench statistics', () => {
  it('takes nearest-rank percentiles and least-squares slopes', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([], 99)).toBeNull();
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, p50: 2, max: 3 });
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
  });
});

describe('bench harness smoke', () => {
  it('runs the bundle and push scenarios against the production console and records well-formed results', async () => {
    const run = await runBench({
      scenarios: ['bundle', 'push'],
      postgres: false,
      redis: false,
      quick: true,
      resultsDir: dir,
      docPath: null,
    });
    expect(run.rows.map((r) => r.id)).toEqual([
      'bundle-login',
      'bundle-dashboard',
      'push-1',
      'clients',
      'memory-per-client',
    ]);
    const [login, dashboard, push] = run.rows as [ResultRow, ResultRow, ResultRow];
    expect(login.value).toBeGreaterThan(0);
    expect(dashboard.value).toBeGreaterThan(login.value!); // the dashboard adds AG Grid
    expect(push.measured!.n).toBeGreaterThan(0);
    expect(push.baseline!.n).toBeGreaterThan(0);
    expect(push.measured!.p50!).toBeLessThanOrEqual(push.measured!.p99!);
    expect(push.ratio).not.toBeNull();
    expect(run.rows[3]!.value).toBe(1); // the one client connected, subscribed and stayed
    expect(run.machine.cores).toBeGreaterThan(0);

    const file = JSON.parse(readFileSync(run.resultsPath, 'utf8')) as ResultsFile;
    expect(file.runs).toHaveLength(1);
    expect(file.runs[0]!.rows).toHaveLength(5);

    // The table renders from a non-quick run; rows not measured say so.
    const doc = join(dir, 'BENCHMARKS.md');
    writeFileSync(
      doc,
      '# B\n\n<!-- bench:table:start -->\nSTALE-TABLE-CONTENT\n<!-- bench:table:end -->\ntail\n',
    );
    const full = {
      ...file,
      runs: [{ ...file.runs[0]!, options: { ...file.runs[0]!.options, quick: false } }],
    };
    writeTable(doc, renderTable(full, KNOWN_ROWS));
    const text = readFileSync(doc, 'utf8');
    expect(text).not.toContain('STALE-TABLE-CONTENT');
    expect(text).toContain('tail');
    expect(text).toMatch(
      /\| P&L push, gateway event → WS frame, 1 client \| < 50 ms \| p99 < 10 ms \|/,
    );
    expect(text).toMatch(/1,000 clients .*not run this time/);
  }, 240_000);
});
