import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper without types
import { buildIsStale } from '../../scripts/lib/buildState.mjs';
import { freePort } from '../../scripts/lib/postgresServer.mjs';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1234';

/** A running production console (embedded gateway) started for the bench. */
export interface ConsoleServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** JSON lines of event-loop delay per second, written by lib/lagProbe.mjs inside the console. */
  lagFile: string;
  stop(): Promise<void>;
}

export interface ConsoleOptions {
  databaseUrl?: string;
  redisUrl?: string;
  /** Extra node flags, e.g. --cpu-prof --cpu-prof-dir=… */
  nodeFlags?: string[];
}

/** Runs `npm run build` when the production build is missing or older than its sources. */
export function buildIfNeeded(): void {
  if (!(buildIsStale as () => boolean)()) return;
  console.log('[bench] production build is stale: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** Starts apps/console/dist/main.js on free ports with a temp data dir; resolves once ready. */
export async function startConsole(opts: ConsoleOptions = {}): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qd-bench-'));
  const port = (await freePort()) as number;
  const gatewayPort = (await freePort()) as number;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QD_HOST: '127.0.0.1',
    QD_PORT: String(port),
    QD_GATEWAY_PORT: String(gatewayPort),
    QD_DATA_DIR: dataDir,
    QD_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    // TOTP codes are single-use: a hundred sessions cannot be opened within one 30-second step.
    QD_MFA_REQUIRED_ROLES: 'none',
    // Every bench socket belongs to the one admin user; the per-user cap (an admission policy,
    // default 20 per instance) would refuse the rest. The bench measures the instance's capacity.
    QD_WS_MAX_PER_USER: '5000',
    QD_LOG_LEVEL: 'warn',
    QD_BENCH_LAG_FILE: join(dataDir, 'event-loop-lag.jsonl'),
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.QD_GATEWAY_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.redisUrl) env.REDIS_URL = opts.redisUrl;
  const probe = fileURLToPath(new URL('./lagProbe.mjs', import.meta.url));
  const flags = [...(opts.nodeFlags ?? []), '--import', probe];
  const child = spawn(process.execPath, [...flags, 'apps/console/dist/main.js'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => {
    output += b.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`console exited (${code}) during start-up:\n${output}`)),
    ),
  );
  await Promise.race([waitReady(url), exited]);
  exited.catch(() => undefined);
  return {
    url,
    pid: child.pid!,
    child,
    lagFile: env.QD_BENCH_LAG_FILE!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitReady(url: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`console at ${url} not ready within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
