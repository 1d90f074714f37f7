// `npm test`: the whole suite from a fresh clone — installs what is missing (npm packages; Debian
// postgresql, redis-server, nginx and chromium as root), then lint, typecheck, unit + integration (Vitest, real
// Postgres), production build, and end-to-end (Playwright driving Debian Chromium).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureNodeDeps } from './lib/nodeDeps.mjs';
import { freePort } from './lib/postgresServer.mjs';
import { ensureSystemDeps } from './lib/systemDeps.mjs';

const started = Date.now();
ensureNodeDeps();
ensureSystemDeps(['postgresql', 'redis-server', 'chromium', 'nginx']);
rmSync('.tmp/results', { recursive: true, force: true });
mkdirSync('.tmp/results', { recursive: true });

const e2ePort = await freePort();
const e2eGatewayPort = await freePort();

const steps = [
  { name: 'lint', cmd: ['npm', 'run', 'lint'] },
  { name: 'typecheck', cmd: ['node', 'scripts/typecheck.mjs'] },
  {
    name: 'unit + integration (vitest)',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=.tmp/results/vitest.json',
    ],
    counts: vitestCounts,
  },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  {
    name: 'end to end (playwright + chromium)',
    cmd: ['npx', 'playwright', 'test'],
    env: {
      QD_E2E_PORT: String(e2ePort),
      QD_E2E_GATEWAY_PORT: String(e2eGatewayPort),
      PLAYWRIGHT_JSON_OUTPUT_NAME: '.tmp/results/playwright.json',
    },
    counts: playwrightCounts,
  },
];

let passed = 0;
let failed = 0;
const failures = [];
for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = r.status === 0;
  console.log(
    `=== ${step.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds}s ===`,
  );
  if (step.counts) {
    const c = step.counts();
    passed += c.passed;
    failed += c.failed;
    if (!ok && c.failed === 0) failed += 1; // a crashed runner counts as a failure
  } else if (!ok) {
    failed += 1;
  }
  if (!ok) failures.push(step.name);
}

console.log(`\nSuite finished in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestCounts() {
  const j = readJson('.tmp/results/vitest.json');
  return { passed: j?.numPassedTests ?? 0, failed: j?.numFailedTests ?? 0 };
}

function playwrightCounts() {
  const j = readJson('.tmp/results/playwright.json');
  const s = j?.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
}
