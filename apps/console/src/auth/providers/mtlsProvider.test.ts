import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startMtlsNginx } from '../../../../../scripts/lib/nginxMtls.mjs';
// @ts-expect-error plain ESM helper without types
import { ensureSystemDeps } from '../../../../../scripts/lib/systemDeps.mjs';
import { makeTestCerts } from '../../../../../scripts/lib/testCerts.mjs';
import { createUser } from '../users';
import { auditRows, startTestConsole, type TestConsole } from './providerTestKit';

type Reply = { status: number; setCookie: string[]; body: Record<string, unknown> };

const certs = makeTestCerts([
  { name: 'alice', cn: 'alice', email: 'alice@example.com' },
  { name: 'carol', cn: 'carol' },
  { name: 'admin', cn: 'admin' },
  { name: 'mallory', cn: 'admin', rogue: true },
]);
const pem = (name: string) => readFileSync(certs.path(`${name}.pem`));

/** POST /api/v1/auth/mtls/login over HTTPS, optionally presenting a client certificate. */
function mtlsLogin(
  base: string,
  client: string | null,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const url = new URL('/api/v1/auth/mtls/login', base);
  const payload = '{}';
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method: 'POST',
        ca: pem('ca'),
        ...(client ? { cert: pem(client), key: readFileSync(certs.path(`${client}.key`)) } : {}),
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            body = { text };
          }
          done({ status: res.statusCode!, setCookie: res.headers['set-cookie'] ?? [], body });
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

/** The same over plain HTTP, straight to a console (to try forged proxy headers). */
async function plainLogin(base: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/api/v1/auth/mtls/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const forgedHeaders = (name: string) => ({
  'x-ssl-client-verify': 'SUCCESS',
  'x-ssl-client-cert': encodeURIComponent(pem(name).toString()),
});
const username = (r: Reply | { body: Record<string, unknown> }) =>
  (r.body.user as { username?: string } | undefined)?.username;

afterAll(() => certs.remove());

describe('mTLS provider: native HTTPS with client-certificate verification', () => {
  let qd: TestConsole;

  beforeAll(async () => {
    qd = await startTestConsole(inject('postgresUrl'), {
      QD_AUTH_PROVIDERS: 'mtls,basic',
      QD_TLS_CERT: certs.path('server.pem'),
      QD_TLS_KEY: certs.path('server.key'),
      QD_MTLS_CA: certs.path('ca.pem'),
      QD_SECURE_COOKIES: 'true',
    });
    await createUser(qd.handle.db, 'alice', 'alice-password-1234', 'operator');
    await createUser(qd.handle.db, 'admin', 'admin-password-1234', 'admin');
  });
  afterAll(async () => qd?.close());

  it('signs in the user named by a certificate from the configured CA', async () => {
    expect(qd.base).toMatch(/^https:/);
    const r = await mtlsLogin(qd.base, 'alice');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'alice', role: 'operator' });
    expect(r.body.provider).toBe('mtls');
    expect(r.setCookie.join()).toMatch(/qd_session=.*Secure/);
    const audit = await auditRows(qd.handle, 'auth.login');
    expect(audit.at(-1)!.detail).toMatchObject({ provider: 'mtls', via: 'tls' });
  });

  it('refuses a certificate issued by an untrusted CA, even with an existing CN', async () => {
    const r = await mtlsLogin(qd.base, 'mallory');
    expect(r.status).toBe(401);
    expect(r.body.detail).toMatch(/not issued by a trusted CA/);
    expect(r.setCookie).toEqual([]);
    const audit = await auditRows(qd.handle, 'auth.login');
    expect(audit.at(-1)).toMatchObject({ outcome: 'failure' });
  });

  it('refuses a connection without a client certificate', async () => {
    const r = await mtlsLogin(qd.base, null);
    expect(r.status).toBe(401);
    expect(r.body.detail).toMatch(/no client certificate was presented/);
  });

  it('refuses a valid certificate that names no Quarterdeck user', async () => {
    const r = await mtlsLogin(qd.base, 'carol');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('can name the user by the SAN e-mail address instead (QD_MTLS_IDENTITY=san-email)', async () => {
    const byEmail = await startTestConsole(inject('postgresUrl'), {
      QD_AUTH_PROVIDERS: 'mtls',
      QD_TLS_CERT: certs.path('server.pem'),
      QD_TLS_KEY: certs.path('server.key'),
      QD_MTLS_CA: certs.path('ca.pem'),
      QD_MTLS_IDENTITY: 'san-email',
    });
    try {
      await createUser(byEmail.handle.db, 'alice@example.com', 'alice-password-1234', 'viewer');
      expect(username(await mtlsLogin(byEmail.base, 'alice'))).toBe('alice@example.com');
      // carol's certificate has no SAN e-mail: no identity, no session.
      expect((await mtlsLogin(byEmail.base, 'carol')).status).toBe(401);
    } finally {
      await byEmail.close();
    }
  });

  it('ignores proxy headers when no proxy is trusted, and audits the attempt', async () => {
    const r = await mtlsLogin(qd.base, null, forgedHeaders('admin'));
    expect(r.status).toBe(401);
    expect(r.body.detail).toMatch(/not a trusted proxy were ignored/);
    const audit = await auditRows(qd.handle, 'auth.login');
    expect(audit.at(-1)!.detail).toMatchObject({ spoofedHeaders: true });
  });
});

describe('mTLS provider behind real nginx (deploy/nginx/mtls*.conf)', () => {
  let qd: TestConsole;
  let nginx: Awaited<ReturnType<typeof startMtlsNginx>>;

  beforeAll(async () => {
    ensureSystemDeps(['nginx']);
    // nginx connects from 127.0.0.2, the only trusted proxy; tests connect from 127.0.0.1.
    qd = await startTestConsole(inject('postgresUrl'), {
      QD_AUTH_PROVIDERS: 'mtls',
      QD_TRUSTED_PROXIES: '127.0.0.2',
    });
    await createUser(qd.handle.db, 'alice', 'alice-password-1234', 'operator');
    await createUser(qd.handle.db, 'admin', 'admin-password-1234', 'admin');
    nginx = await startMtlsNginx({
      upstreamPort: Number(new URL(qd.base).port),
      cert: certs.path('server.pem'),
      key: certs.path('server.key'),
      clientCa: certs.path('ca.pem'),
      bindAddress: '127.0.0.2',
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await qd?.close();
  });

  it('signs in from the certificate nginx verified and forwarded', async () => {
    const r = await mtlsLogin(nginx.url, 'alice');
    expect(r.status).toBe(200);
    expect(username(r)).toBe('alice');
    const audit = await auditRows(qd.handle, 'auth.login');
    expect(audit.at(-1)!.detail).toMatchObject({ provider: 'mtls', via: 'proxy' });
  });

  it('nginx itself turns away a client without a certificate or with an untrusted one', async () => {
    for (const client of [null, 'mallory']) {
      const r = await mtlsLogin(nginx.url, client);
      expect(r.status).toBe(400);
      expect(r.setCookie).toEqual([]);
    }
  });

  it('a client cannot smuggle its own certificate header through nginx', async () => {
    const r = await mtlsLogin(nginx.url, 'alice', forgedHeaders('admin'));
    expect(r.status).toBe(200);
    expect(username(r)).toBe('alice');
  });

  it('ignores the same headers sent straight to the console from an untrusted address', async () => {
    const r = await plainLogin(qd.base, forgedHeaders('admin'));
    expect(r.status).toBe(401);
    expect(r.body.detail).toMatch(/not a trusted proxy were ignored/);
  });
});
