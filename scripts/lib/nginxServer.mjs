// Starts Debian's nginx with deploy/nginx/quarterdeck.conf in front of given console ports
// (tests): the deploy config itself, with its upstream servers and listen port substituted.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './postgresServer.mjs';
import { waitForPort } from './redisServer.mjs';

export const NGINX_BIN = '/usr/sbin/nginx';

/** The deploy config with `upstreams` (ports on 127.0.0.1) and `port` substituted. */
export function nginxSiteConfig(upstreams, port) {
  const site = readFileSync(resolve('deploy/nginx/quarterdeck.conf'), 'utf8');
  const servers = upstreams
    .map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`)
    .join('\n');
  let replaced = false;
  const out = site
    .replace(/(?:^\s*server\s+[\w.-]+:\d+[^;\n]*;\n)+/m, () => {
      replaced = true;
      return `${servers}\n`;
    })
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  if (!replaced || !out.includes(`listen 127.0.0.1:${port};`))
    throw new Error(
      'deploy/nginx/quarterdeck.conf no longer has the expected upstream/listen lines',
    );
  return out;
}

/** Starts nginx on a free port; resolves to { url, port, stop() }. */
export async function startNginx(upstreams) {
  const dir = mkdtempSync(join(tmpdir(), 'qd-nginx-'));
  chmodSync(dir, 0o777); // workers run as nobody when we are root
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const port = await freePort();
  writeFileSync(join(dir, 'quarterdeck.conf'), nginxSiteConfig(upstreams, port));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map(
      (k, i) => `  ${k}_temp_path ${join(dir, ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'][i])};`,
    )
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 2048; }
http {
  access_log off;
${temp}
  include ${join(dir, 'quarterdeck.conf')};
}
`,
  );
  const child = spawn(
    NGINX_BIN,
    ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise((r) => child.once('exit', r));
  await waitForPort(port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    errorLog: () => readFileSync(join(dir, 'error.log'), 'utf8'),
    async stop() {
      child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
