// Installs npm dependencies when node_modules is missing or older than the lock file.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Runs `npm ci` when needed; the browser is Debian's, so Playwright never downloads one. */
export function ensureNodeDeps(log = console.log) {
  const marker = 'node_modules/.package-lock.json';
  const fresh =
    existsSync(marker) && statSync(marker).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  log('[setup] npm ci');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) throw new Error('npm ci failed');
}
