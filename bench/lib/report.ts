import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ResultRow } from '../scenarios/types';
import type { MachineFacts } from './machine';

/** One `npm run bench` invocation as stored in bench/results/<date>.json. */
export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  scenarios: string[];
  options: { postgres: boolean; redis: boolean; quick: boolean };
  machine: MachineFacts;
  rows: ResultRow[];
}
export interface ResultsFile {
  date: string;
  runs: BenchRun[];
}

/** Appends a run to the day's results file and returns the file's contents. */
export function appendRun(dir: string, run: BenchRun): { path: string; file: ResultsFile } {
  const date = run.startedAt.slice(0, 10);
  const path = join(dir, `${date}.json`);
  const file: ResultsFile = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile)
    : { date, runs: [] };
  file.runs.push(run);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return { path, file };
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

function runLabel(run: BenchRun, index: number): string {
  return `run ${index + 1} (${run.startedAt.slice(11, 16)} UTC)`;
}

/** The markdown table: the newest measurement of each row in the day's file. */
export function renderTable(file: ResultsFile, known: ResultRow[]): string {
  const latest = new Map<string, { row: ResultRow; run: number }>();
  file.runs.forEach((run, i) => {
    if (run.options.quick) return;
    for (const r of run.rows) latest.set(r.id, { row: r, run: i });
  });
  const lines = [
    '| scenario | seed target | our goal | p50 | p95 | p99 / value | baseline (p99 / value) | ratio | goal met | run | notes |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const ids = [
    ...known.map((k) => k.id),
    ...[...latest.keys()].filter((id) => !known.some((k) => k.id === id)),
  ];
  for (const id of ids) {
    const hit = latest.get(id);
    const k = known.find((x) => x.id === id);
    if (!hit) {
      lines.push(
        `| ${k!.scenario} | ${k!.seedTarget} | ${k!.goal} | — | — | — | — | — | not run this time | — | ${k!.notes} |`,
      );
      continue;
    }
    const r = hit.row;
    const u = r.unit === 'ms' ? ' ms' : ` ${r.unit}`;
    const main = r.measured ? `${fmt(r.measured.p99)}${u}` : `${fmt(r.value)}${u}`;
    const base = r.baselineLabel
      ? `${r.baselineLabel}: ${r.baseline ? fmt(r.baseline.p99) : fmt(r.baselineValue)}${u}`
      : '—';
    const met = r.met === null ? 'n/a' : r.met ? 'yes' : '**no**';
    lines.push(
      `| ${r.scenario} | ${r.seedTarget} | ${r.goal} | ${r.measured ? fmt(r.measured.p50) : '—'} | ${r.measured ? fmt(r.measured.p95) : '—'} | ${main} | ${base} | ${fmt(r.ratio)} | ${met} | ${hit.run + 1} | ${r.notes.replaceAll('|', '/')} |`,
    );
  }
  const runs = file.runs
    .map((run, i) => ({ run, i }))
    .filter(({ run }) => !run.options.quick)
    .map(({ run, i }) => {
      const m = run.machine;
      const backends = `${run.options.postgres ? 'Postgres' : 'PGlite'}, ${run.options.redis ? 'Redis' : 'in-memory bus/sessions'}`;
      return `- ${runLabel(run, i)}: scenarios ${run.scenarios.join(', ')}; ${backends}; ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, commit ${m.commit}${m.dirty ? ' (+ uncommitted changes)' : ''}, load average at start ${m.loadAverage1m}`;
    });
  return [
    `Results of ${file.date} (bench/results/${file.date}.json): the newest measurement of each row.`,
    '',
    ...lines,
    '',
    ...runs,
    '',
    ...history(file, ids),
  ].join('\n');
}

/** Every run of the day side by side (p99 or value per row), for before/after comparisons. */
function history(file: ResultsFile, ids: string[]): string[] {
  const runs = file.runs.map((run, i) => ({ run, i })).filter(({ run }) => !run.options.quick);
  if (runs.length < 2) return [];
  const head = `| row | ${runs.map(({ run, i }) => runLabel(run, i)).join(' | ')} |`;
  const sep = `|---|${runs.map(() => '---|').join('')}`;
  const body = ids
    .filter((id) => runs.some(({ run }) => run.rows.some((r) => r.id === id)))
    .map((id) => {
      const cells = runs.map(({ run }) => {
        const r = run.rows.find((x) => x.id === id);
        if (!r) return '';
        return r.measured ? `p99 ${fmt(r.measured.p99)} ${r.unit}` : `${fmt(r.value)} ${r.unit}`;
      });
      return `| ${id} | ${cells.join(' | ')} |`;
    });
  return ['Every run of the day (p99 or value):', '', head, sep, ...body];
}

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/** Replaces the generated block of docs/BENCHMARKS.md (between the markers). */
export function writeTable(docPath: string, table: string): void {
  const doc = existsSync(docPath)
    ? readFileSync(docPath, 'utf8')
    : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${docPath} lacks the ${START} … ${END} markers`);
  const next = `${doc.slice(0, a + START.length)}\n${table}\n${doc.slice(b)}`;
  mkdirSync(dirname(docPath), { recursive: true });
  writeFileSync(docPath, next);
}
