// `npm start`: installs what is missing, builds when sources changed, runs the console on the
// embedded defaults (PGlite, in-memory bus and sessions, paper broker, simulated market).
import { spawn, spawnSync } from 'node:child_process';
import { buildIsStale } from './lib/buildState.mjs';
import { ensureNodeDeps } from './lib/nodeDeps.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Quarterdeck needs Node 20.19 or newer (this is ${process.versions.node}).`);
  process.exit(1);
}

ensureNodeDeps();
if (buildIsStale()) {
  console.log('[setup] building (SPA + servers)…');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--enable-source-maps', 'apps/console/dist/main.js'], {
  stdio: 'inherit',
  // Out of the box the demo strategies trade, so the console shows real activity.
  env: { QD_DEMO_STRATEGIES: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
