// Starts Debian's nginx as a TLS-terminating proxy that verifies client certificates, built from
// deploy/nginx/mtls.conf and mtls-proxy-headers.conf (the production snippets), for tests.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './postgresServer.mjs';

const NGINX = '/usr/sbin/nginx';
const PROD_CA = '/etc/quarterdeck/tls/client-ca.pem';

function waitForPort(port, ms = 10_000) {
  const deadline = Date.now() + ms;
  return new Promise((done, fail) => {
    const attempt = () => {
      const sock = createConnection({ host: '127.0.0.1', port }, () => {
        sock.end();
        done();
      });
      sock.on('error', () => {
        if (Date.now() > deadline) fail(new Error(`nginx did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * nginx on a free port: HTTPS with `cert`/`key`, client certificates verified against `clientCa`,
 * proxying to http://127.0.0.1:`upstreamPort` from `bindAddress` (so the console sees the proxy
 * at an address of its own). Resolves to { url, port, errorLog(), stop() }.
 */
export async function startMtlsNginx({ upstreamPort, cert, key, clientCa, bindAddress }) {
  const dir = mkdtempSync(join(tmpdir(), 'qd-nginx-mtls-'));
  chmodSync(dir, 0o777); // workers run as nobody when we are root
  const temps = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  for (const t of temps) mkdirSync(join(dir, t));
  const serverSnippet = readFileSync(resolve('deploy/nginx/mtls.conf'), 'utf8');
  if (!serverSnippet.includes(PROD_CA))
    throw new Error(`deploy/nginx/mtls.conf no longer names ${PROD_CA}`);
  writeFileSync(join(dir, 'mtls.conf'), serverSnippet.replace(PROD_CA, clientCa));
  const port = await freePort();
  const tempPaths = temps
    .map((t) => `  ${t === 'body' ? 'client_body' : t}_temp_path ${join(dir, t)};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
${tempPaths}
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${cert};
    ssl_certificate_key ${key};
    include ${join(dir, 'mtls.conf')};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_bind ${bindAddress};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      include ${resolve('deploy/nginx/mtls-proxy-headers.conf')};
    }
  }
}
`,
  );
  const child = spawn(
    NGINX,
    ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise((r) => child.once('exit', r));
  await waitForPort(port);
  return {
    url: `https://127.0.0.1:${port}`,
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
