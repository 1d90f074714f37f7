// Real processes for the HA tests: a gateway and N console instances (esbuild bundles of the
// production entry points), on one Postgres database and one Redis, behind Debian's nginx.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { bundleServers } from '../../../../scripts/lib/bundleServers.mjs';
import { startNginx } from '../../../../scripts/lib/nginxServer.mjs';
import { freePort } from '../../../../scripts/lib/postgresServer.mjs';

export const ADMIN_PASSWORD = 'ha-admin-password-1234';
/** Sessions are bound to the device: every request of a test "browser" sends the same agent. */
export const HA_USER_AGENT = 'quarterdeck-ha-test/1';
const ROOT = resolve(import.meta.dirname, '../../../..');

/** A new, empty database on the server behind adminUrl (the gateway migrates it). */
async function createDatabase(adminUrl: string): Promise<string> {
  const name = `qd_ha_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface Proc {
  name: string;
  port: number;
  url: string;
  /** Where its Prometheus metrics are served (its own port when QD_METRICS_PORT is set). */
  metricsUrl: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** Spawns a bundled server and waits until `readyPath` answers 200. */
async function spawnServer(
  name: string,
  main: string,
  port: number,
  env: Record<string, string>,
  readyPath: string,
): Promise<Proc> {
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: { ...process.env, ...env, QD_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + String(d)).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + String(d)).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited:\n${out}`);
    const ok = await fetch(url + readyPath).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error(`${name} never became ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const metricsUrl = env.QD_METRICS_PORT ? `http://127.0.0.1:${env.QD_METRICS_PORT}` : url;
  return { name, port, url, metricsUrl, child, exited, output: () => out };
}

export interface Cluster {
  gateway: Proc;
  consoles: Proc[];
  nginx: Awaited<ReturnType<typeof startNginx>>;
  serviceToken: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Gateway + `instances` consoles sharing Postgres and Redis (URL or Sentinels), behind nginx. */
export async function startCluster(opts: {
  postgresAdminUrl: string;
  redis: { REDIS_URL: string } | { REDIS_SENTINELS: string; REDIS_SENTINEL_NAME: string };
  instances: number;
  consoleEnv?: Record<string, string>;
  /** The last instance serves its metrics on a port of its own (QD_METRICS_PORT). */
  privateMetricsOnLast?: boolean;
}): Promise<Cluster> {
  const tag = randomBytes(4).toString('hex');
  const out = join('.tmp', `ha-${tag}`);
  const mains = await bundleServers(
    (app) => join(out, app),
    () => undefined,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'qd-ha-'));
  const databaseUrl = await createDatabase(opts.postgresAdminUrl);
  const serviceToken = randomBytes(24).toString('hex');
  const shared: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    QD_SERVICE_TOKEN: serviceToken,
    QD_DATA_DIR: dataDir,
    ...opts.redis,
  };
  const gatewayPort = await freePort();
  const procs: Proc[] = [];
  let nginx: Cluster['nginx'] | null = null;
  const stop = async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await nginx?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  };
  try {
    const gateway = await spawnServer(
      'gateway',
      mains.gateway,
      gatewayPort,
      { ...shared, QD_GATEWAY_PORT: String(gatewayPort), QD_MARKET_TICK_MS: '100' },
      '/healthz',
    );
    procs.push(gateway);
    const ports = await Promise.all(Array.from({ length: opts.instances }, () => freePort()));
    nginx = await startNginx(ports);
    const metricsPort = opts.privateMetricsOnLast ? String(await freePort()) : null;
    const consoleEnv = (port: number) => ({
      ...(metricsPort && port === ports.at(-1) ? { QD_METRICS_PORT: metricsPort } : {}),
      ...shared,
      QD_PORT: String(port),
      QD_GATEWAY_URL: gateway.url,
      QD_SESSION_SECRET: 's'.repeat(40),
      QD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      QD_ALLOWED_ORIGINS: nginx!.url,
      QD_WEB_ROOT: join(dataDir, 'no-web'),
      QD_WS_MAX_PER_USER: '500',
      QD_DRAIN_MS: '1500',
      // These tests are about failover, not MFA (the security suites cover enrolment).
      QD_MFA_REQUIRED_ROLES: 'none',
      ...opts.consoleEnv,
    });
    // The first instance migrates and seeds; the others then start together.
    const first = await spawnServer(
      'console-1',
      mains.console,
      ports[0]!,
      consoleEnv(ports[0]!),
      '/readyz',
    );
    procs.push(first);
    const rest = await Promise.all(
      ports
        .slice(1)
        .map((p, i) => spawnServer(`console-${i + 2}`, mains.console, p, consoleEnv(p), '/readyz')),
    );
    procs.push(...rest);
    return { gateway, consoles: [first, ...rest], nginx, serviceToken, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Logs in as admin through `base`; returns the cookie and CSRF token. */
export async function login(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': HA_USER_AGENT },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Reads one value of a Prometheus metric from an instance's /metrics. */
export async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}
