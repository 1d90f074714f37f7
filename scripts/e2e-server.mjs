// Runs the production build for the end-to-end suite on a fresh data dir that is removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const dataDir = mkdtempSync(join(tmpdir(), 'qd-e2e-'));
const child = spawn(process.execPath, ['--enable-source-maps', 'apps/console/dist/main.js'], {
  stdio: 'inherit',
  // Explicit MFA policy for the suite: operators must enrol (e2e/mfa covers it); the admin the
  // older tests sign in as does not, and steps up with the password. The product default
  // (operator,admin) is unchanged.
  env: { QD_MFA_REQUIRED_ROLES: 'operator', ...process.env, QD_DATA_DIR: dataDir },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
