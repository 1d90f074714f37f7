import { ConfigError, loadConfig } from '@qd/platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDevUsers } from './dev';
import { auditRows, cookieFrom, startTestConsole, type TestConsole } from './providerTestKit';

const json = { 'content-type': 'application/json' };

describe('provider configuration', () => {
  it('refuses dev without the explicit QD_DEV_LOGIN switch', () => {
    expect(() => loadConfig({ QD_AUTH_PROVIDERS: 'dev' })).toThrow(/QD_DEV_LOGIN=true/);
  });

  it('refuses dev when bound to a non-loopback address, even when switched on', () => {
    const env = { QD_AUTH_PROVIDERS: 'dev', QD_DEV_LOGIN: 'true', QD_HOST: '0.0.0.0' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/loopback \(is 0\.0\.0\.0\)/);
    expect(loadConfig({ ...env, QD_HOST: '127.0.0.1' }).QD_AUTH_PROVIDERS).toEqual(['dev']);
    expect(() =>
      loadConfig({ ...env, QD_HOST: '127.0.0.1', QD_TRUSTED_PROXIES: '10.0.0.5' }),
    ).toThrow(/behind a proxy/);
  });

  it('names the variables oidc and mtls need, and rejects unknown providers and bad role maps', () => {
    expect(() => loadConfig({ QD_AUTH_PROVIDERS: 'oidc' })).toThrow(
      /QD_OIDC_ISSUER[\s\S]*QD_OIDC_CLIENT_ID[\s\S]*QD_PUBLIC_URL/,
    );
    expect(() => loadConfig({ QD_AUTH_PROVIDERS: 'mtls' })).toThrow(
      /QD_MTLS_CA.*QD_TRUSTED_PROXIES/,
    );
    expect(() => loadConfig({ QD_AUTH_PROVIDERS: 'basic,saml' })).toThrow(/QD_AUTH_PROVIDERS/);
    expect(() => loadConfig({ QD_OIDC_ROLE_MAP: 'admins=root' })).toThrow(/QD_OIDC_ROLE_MAP/);
    expect(
      loadConfig({ QD_OIDC_ROLE_MAP: 'qd-admins=admin, ops=operator' }).QD_OIDC_ROLE_MAP,
    ).toEqual({ 'qd-admins': 'admin', ops: 'operator' });
    expect(() => loadConfig({ QD_TLS_CERT: '/x.pem' })).toThrow(/set both or neither/);
  });
});

describe('dev provider and provider list', () => {
  let dev: TestConsole;
  let basicOnly: TestConsole;

  beforeAll(async () => {
    const url = inject('postgresUrl');
    [dev, basicOnly] = await Promise.all([
      startTestConsole(url, { QD_AUTH_PROVIDERS: 'dev', QD_DEV_LOGIN: 'true' }),
      startTestConsole(url, { QD_AUTH_PROVIDERS: 'basic' }),
    ]);
  });
  afterAll(async () => {
    await dev?.close();
    await basicOnly?.close();
  });

  it('lists the enabled providers (and the dev roles) for the login page, without a session', async () => {
    const res = await fetch(`${dev.base}/api/v1/auth/providers`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      providers: ['dev'],
      devRoles: ['viewer', 'researcher', 'operator', 'admin'],
    });
    expect(await (await fetch(`${basicOnly.base}/api/v1/auth/providers`)).json()).toEqual({
      providers: ['basic'],
    });
  });

  it('signs in with one click as the seeded user of the chosen role, and audits it', async () => {
    const res = await fetch(`${dev.base}/api/v1/auth/dev/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ role: 'operator' }),
    });
    expect(res.status).toBe(200);
    const info = (await res.json()) as {
      user: { username: string; role: string };
      provider: string;
    };
    expect(info.user).toMatchObject({ username: 'dev-operator', role: 'operator' });
    expect(info.provider).toBe('dev');
    // The MFA policy (operator and admin by default) applies to every provider.
    expect((info as unknown as { mfa: { enrolmentRequired: boolean } }).mfa.enrolmentRequired).toBe(
      true,
    );
    const cookie = cookieFrom(res, 'qd_session')!;
    const session = await fetch(`${dev.base}/api/v1/auth/session`, { headers: { cookie } });
    expect(((await session.json()) as { user: { role: string } }).user.role).toBe('operator');
    const audit = await auditRows(dev.handle, 'auth.login');
    expect(audit.at(-1)).toMatchObject({
      actor: 'dev-operator',
      outcome: 'success',
      detail: { provider: 'dev' },
    });
  });

  it('refuses a request that came through a proxy, and audits it', async () => {
    const res = await fetch(`${dev.base}/api/v1/auth/dev/login`, {
      method: 'POST',
      headers: { ...json, 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/not through a proxy/);
    expect(cookieFrom(res, 'qd_session')).toBeNull();
    const audit = await auditRows(dev.handle, 'auth.login');
    expect(audit.at(-1)).toMatchObject({ actor: 'dev-admin', outcome: 'failure' });
  });

  it('cannot be triggered by a cross-site form (CORS-safelisted content types are refused)', async () => {
    for (const [type, payload] of [
      ['text/plain', '{"role":"admin"}'],
      ['application/x-www-form-urlencoded', 'role=admin'],
    ]) {
      const res = await fetch(`${dev.base}/api/v1/auth/dev/login`, {
        method: 'POST',
        headers: { 'content-type': type! },
        body: payload,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(cookieFrom(res, 'qd_session')).toBeNull();
    }
  });

  it('rejects an unknown role with a 400 naming the field, and creates no session', async () => {
    const res = await fetch(`${dev.base}/api/v1/auth/dev/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ role: 'root' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('role');
    expect(cookieFrom(res, 'qd_session')).toBeNull();
  });

  it('has no dev route when dev is not enabled', async () => {
    const res = await fetch(`${basicOnly.base}/api/v1/auth/dev/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(res.status).toBe(404);
  });

  it('refuses password sign-in when basic is not among the providers', async () => {
    const res = await fetch(`${dev.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'dev-admin', password: 'anything-at-all' }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('PROVIDER_DISABLED');
  });

  it('never lets a passwordless (dev) user sign in with a password', async () => {
    await seedDevUsers(basicOnly.handle.db);
    const res = await fetch(`${basicOnly.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'dev-admin', password: 'x'.repeat(12) }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('INVALID_CREDENTIALS');
  });
});
