// Runs the production build for the end-to-end suite on a fresh data dir that is removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const dataDir = mkdtempSync(join(tmpdir(), 'qd-e2e-'));
// a viewer to sign in as (the admin is seeded by the console itself)
const seed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/e2e-seed.ts'], {
  stdio: 'inherit',
  env: { ...process.env, QD_DATA_DIR: dataDir },
});
if (seed.status !== 0) {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(seed.status ?? 1);
}
const child = spawn(process.execPath, ['--enable-source-maps', 'apps/console/dist/main.js'], {
  stdio: 'inherit',
  env: { ...process.env, QD_DATA_DIR: dataDir },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
