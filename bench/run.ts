// `npm run bench [-- <scenario…>] [--postgres] [--redis] [--quick] [--cpu-prof]`: runs the
// scenarios against the production build, appends to bench/results/<date>.json and regenerates
// the table in docs/BENCHMARKS.md.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from './lib/runner';
import { SCENARIOS } from './scenarios';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
if (flags.has('--help') || unknown.length) {
  if (unknown.length) console.error(`unknown scenario(s): ${unknown.join(', ')}`);
  console.log('usage: npm run bench -- [scenario…] [--postgres] [--redis] [--quick] [--cpu-prof]');
  for (const s of SCENARIOS) console.log(`  ${s.name.padEnd(10)} ${s.describe}`);
  process.exit(unknown.length ? 1 : 0);
}
const scratch = flags.has('--quick') || flags.has('--cpu-prof');
let cpuProfDir: string | undefined;
if (flags.has('--cpu-prof')) {
  cpuProfDir = join('bench', 'results', 'profiles');
  mkdirSync(cpuProfDir, { recursive: true });
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
