// `npm run bench [-- <scenario…>] [--postgres] [--redis] [--quick] [--cpu-prof]`: runs the
// scenarios against the production build, appends to bench/results/<date>.json and regenerates
// the table in docs/BENCHMARKS.md.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from './lib/runner';
import { renderTable, writeTable, type ResultsFile } from './lib/report';
import { KNOWN_ROWS, SCENARIOS } from './scenarios';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
if (flags.has('--help') || unknown.length) {
  if (unknown.length) console.error(`unknown scenario(s): ${unknown.join(', ')}`);
  console.log(
    'usage: npm run bench -- [scenario…] [--postgres] [--redis] [--quick] [--cpu-prof] | --table',
  );
  for (const s of SCENARIOS) console.log(`  ${s.name.padEnd(10)} ${s.describe}`);
  process.exit(unknown.length ? 1 : 0);
}
const scratch = flags.has('--quick') || flags.has('--cpu-prof');
let cpuProfDir: string | undefined;
if (flags.has('--cpu-prof')) {
  cpuProfDir = join('bench', 'results', 'profiles');
  mkdirSync(cpuProfDir, { recursive: true });
}
if (flags.has('--table')) {
  // Regenerates the doc's table from the newest recorded results without measuring anything.
  const latest = readdirSync('bench/results')
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort()
    .pop();
  if (!latest) throw new Error('no results in bench/results');
  const file = JSON.parse(readFileSync(join('bench/results', latest), 'utf8')) as ResultsFile;
  writeTable('docs/BENCHMARKS.md', renderTable(file, KNOWN_ROWS));
  console.log(`[bench] table regenerated from bench/results/${latest}`);
  process.exit(0);
}
const run = await runBench({
  scenarios: names.length ? names : SCENARIOS.filter((s) => s.inDefaultRun).map((s) => s.name),
  postgres: flags.has('--postgres'),
  redis: flags.has('--redis'),
  quick: flags.has('--quick'),
  // Quick and profiled runs are not publishable figures: they stay out of the table.
  resultsDir: scratch ? '.tmp/bench-results' : 'bench/results',
  docPath: scratch ? null : 'docs/BENCHMARKS.md',
  cpuProfDir,
});
console.log(
  `[bench] ${run.rows.length} rows; met ${run.rows.filter((r) => r.met).length}, missed ${run.rows.filter((r) => r.met === false).length}`,
);
process.exit(0);
