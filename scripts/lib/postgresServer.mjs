// Starts a throwaway Postgres server in a temp dir on a free loopback port (tests and bench).
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { findPgBin } from './systemDeps.mjs';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a command, as the `postgres` user when we are root (initdb refuses to run as root). */
function pgRun(bin, args, asPostgres) {
  const [cmd, full] = asPostgres
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Starts Postgres; resolves to { url, stop() }. */
export async function startPostgres() {
  const initdb = findPgBin('initdb');
  const pgCtl = findPgBin('pg_ctl');
  if (!initdb || !pgCtl)
    throw new Error('Postgres server binaries not found (apt-get install postgresql)');
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'qd-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  if (asPostgres) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  pgRun(initdb, ['-D', data, '-U', 'qd', '--auth=trust', '-E', 'UTF8', '--no-sync'], asPostgres);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  pgRun(pgCtl, ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start'], asPostgres);
  const url = `postgres://qd@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    /** Creates a fresh database and returns its URL. */
    createDatabase(name) {
      const psql = findPgBin('psql') ?? 'psql';
      const r = spawnSync(
        psql,
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'qd',
          '-d',
          'postgres',
          '-c',
          `CREATE DATABASE "${name}"`,
        ],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`CREATE DATABASE failed: ${r.stderr}`);
      return `postgres://qd@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        pgRun(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], asPostgres);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
