// Installs the Debian packages a suite needs (as root, via apt-get) when they are missing.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Debian packages and the file whose presence proves each is installed. */
export const SYSTEM_DEPS = {
  postgresql: () => findPgBin('initdb') !== null,
  chromium: () => existsSync('/usr/bin/chromium'),
  'redis-server': () => existsSync('/usr/bin/redis-server'),
  nginx: () => existsSync('/usr/sbin/nginx'),
};

/** Path of a Postgres server binary (initdb, pg_ctl, postgres), or null. */
export function findPgBin(name) {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const p = `${root}/${v}/bin/${name}`;
    if (existsSync(p)) return p;
  }
  return null;
}

let updated = false;

/** Ensures each named package is present; throws with a clear message when it cannot be. */
export function ensureSystemDeps(names, log = console.log) {
  const missing = names.filter((n) => !SYSTEM_DEPS[n]());
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    log(`[setup] apt-get update`);
    run('apt-get', ['update', '-qq'], env);
    updated = true;
  }
  log(`[setup] apt-get install ${missing.join(' ')}`);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env);
  const still = missing.filter((n) => !SYSTEM_DEPS[n]());
  if (still.length) throw new Error(`apt-get did not provide: ${still.join(', ')}`);
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}
