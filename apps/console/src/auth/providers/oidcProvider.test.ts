import { schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../../scripts/lib/postgresServer.mjs';
import {
  startTestIdp,
  TEST_IDP_CLIENT,
  type TestIdp,
} from '../../../../../scripts/lib/testIdp.mjs';
import { createUser } from '../users';
import { loginAtIdp } from './oidcFlow';
import { auditRows, cookieFrom, startTestConsole, type TestConsole } from './providerTestKit';

type Body = { code?: string; detail?: string; user?: { username: string; role: string } };

// The full authorization-code flow against a real OpenID Provider, over HTTP.
describe('OIDC provider (real oidc-provider)', () => {
  let idp: TestIdp;
  let qd: TestConsole;
  let callback: string;
  let clock = Date.now();

  beforeAll(async () => {
    const port = (await freePort()) as number;
    const base = `http://127.0.0.1:${port}`;
    callback = `${base}/api/v1/auth/oidc/callback`;
    idp = await startTestIdp({
      redirectUris: [callback],
      postLogoutRedirectUris: [`${base}/login?reason=signed-out`],
      accounts: {
        alice: { roles: ['qd-traders'], email: 'alice@example.com' },
        rita: { roles: ['staff'] },
        nora: { roles: ['visitors'] },
        sam: { roles: ['qd-admins'] },
        admin: { roles: ['qd-admins'] },
      },
    });
    qd = await startTestConsole(
      inject('postgresUrl'),
      {
        QD_AUTH_PROVIDERS: 'basic,oidc',
        QD_PUBLIC_URL: base,
        QD_OIDC_ISSUER: idp.issuer,
        QD_OIDC_CLIENT_ID: TEST_IDP_CLIENT.clientId,
        QD_OIDC_CLIENT_SECRET: TEST_IDP_CLIENT.clientSecret,
        QD_OIDC_SCOPES: 'openid profile email offline_access',
        QD_OIDC_ROLE_MAP: 'qd-admins=admin,qd-traders=operator,staff=viewer',
      },
      { port, now: () => new Date(clock) },
    );
    await createUser(qd.handle.db, 'admin', 'local-admin-password-123', 'admin');
  });
  afterAll(async () => {
    await qd?.close();
    await idp?.stop();
  });

  /** Starts a sign-in: the IdP URL and the browser's transaction cookie. */
  async function start(returnTo = '/orders') {
    const res = await fetch(`${qd.base}/api/v1/auth/oidc/start?returnTo=${returnTo}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    return { authUrl: res.headers.get('location')!, tx: cookieFrom(res, 'qd_oidc_tx')! };
  }
  const back = (url: string, cookie: string | null, accept = 'application/json') =>
    fetch(url, { redirect: 'manual', headers: { accept, ...(cookie ? { cookie } : {}) } });
  const users = async () => (await qd.handle.db.select().from(schema.users)).map((u) => u.username);
  const withParam = (url: string, key: string, value: string) => {
    const u = new URL(url);
    u.searchParams.set(key, value);
    return u.toString();
  };

  async function signInAs(login: string) {
    const { authUrl, tx } = await start();
    const res = await back(await loginAtIdp(authUrl, login, callback), tx);
    return { res, cookie: cookieFrom(res, 'qd_session') };
  }
  async function session(cookie: string) {
    const res = await fetch(`${qd.base}/api/v1/auth/session`, { headers: { cookie } });
    return {
      status: res.status,
      body: (await res.json()) as Body & { csrfToken: string },
      /** A rotated session id (privilege change), if the server issued one. */
      cookie: cookieFrom(res, 'qd_session'),
    };
  }

  it('sends the browser to the IdP with PKCE (S256), state and nonce, bound by an HttpOnly cookie', async () => {
    const res = await fetch(`${qd.base}/api/v1/auth/oidc/start`, { redirect: 'manual' });
    const auth = new URL(res.headers.get('location')!);
    expect(auth.origin).toBe(idp.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce'])
      expect(auth.searchParams.get(p)?.length).toBeGreaterThan(20);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('qd_oidc_tx='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    expect(set).toMatch(/Max-Age=600/);
    // The cookie is sealed: neither the state nor the PKCE verifier can be read from it.
    expect(set).not.toContain(auth.searchParams.get('state')!);
  });

  it('signs in on first login: creates and links the user with the mapped role, audited', async () => {
    const { res, cookie } = await signInAs('alice');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/orders');
    const s = await session(cookie!);
    expect(s.body.user).toMatchObject({ username: 'alice', role: 'operator' });
    expect((s.body as { provider?: string }).provider).toBe('oidc');
    const [user] = await qd.handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, 'alice'));
    expect(user!.passwordHash).toBeNull();
    const links = await qd.handle.db.select().from(schema.externalIdentities);
    expect(links).toContainEqual(
      expect.objectContaining({ provider: 'oidc', issuer: idp.issuer, subject: 'alice' }),
    );
    const audit = await auditRows(qd.handle, 'auth.login');
    expect(audit.at(-1)).toMatchObject({ actor: 'alice', outcome: 'success' });
    expect(audit.at(-1)!.detail).toMatchObject({ provider: 'oidc', subject: 'alice' });
  });

  it('links the same identity on the next login, following role changes at the IdP', async () => {
    idp.accounts.set('rita', { roles: ['staff'] });
    const first = await signInAs('rita');
    expect((await session(first.cookie!)).body.user?.role).toBe('viewer');
    idp.accounts.set('rita', { roles: ['staff', 'qd-traders'] });
    const second = await signInAs('rita');
    expect((await session(second.cookie!)).body.user?.role).toBe('operator');
    const ritas = (await users()).filter((u) => u === 'rita');
    expect(ritas).toHaveLength(1);
  });

  it('refuses a state that does not match the browser transaction, creating nothing', async () => {
    const before = await users();
    const { authUrl, tx } = await start();
    const url = withParam(await loginAtIdp(authUrl, 'sam', callback), 'state', 'forged-state');
    const res = await back(url, tx);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.code).toBe('SSO_FAILED');
    expect(body.detail).toMatch(/state does not match/);
    expect(cookieFrom(res, 'qd_session')).toBeNull();
    expect(await users()).toEqual(before);
  });

  it('refuses an ID token whose nonce is not the one this browser asked for', async () => {
    const before = await users();
    const { authUrl, tx } = await start();
    const tampered = withParam(authUrl, 'nonce', 'nonce-of-another-sign-in-0123456789');
    const res = await back(await loginAtIdp(tampered, 'sam', callback), tx);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).detail).toMatch(/nonce does not match/);
    expect(await users()).toEqual(before);
  });

  it('refuses a replayed authorization code (no second session)', async () => {
    const { authUrl, tx } = await start();
    const url = await loginAtIdp(authUrl, 'alice', callback);
    expect((await back(url, tx)).status).toBe(303);
    const replay = await back(url, tx);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as Body).detail).toMatch(/already used|was not issued/);
    expect(cookieFrom(replay, 'qd_session')).toBeNull();
  });

  it('refuses a response that names another issuer', async () => {
    const { authUrl, tx } = await start();
    const url = await loginAtIdp(authUrl, 'alice', callback);
    const res = await back(withParam(url, 'iss', 'https://evil.example'), tx);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).detail).toMatch(/configured issuer/);
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    const { authUrl } = await start();
    const url = await loginAtIdp(authUrl, 'alice', callback);
    const res = await back(url, null);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).detail).toMatch(/no sign-in was started from this browser/);
    const forged = await back(url, 'qd_oidc_tx=eyJhbGciOiJkaXIifQ.forged');
    expect(forged.status).toBe(400);
  });

  it('sends a browser back to the login page with a reason, and audits the failure', async () => {
    const { authUrl, tx } = await start();
    const url = withParam(await loginAtIdp(authUrl, 'alice', callback), 'state', 'x');
    const res = await back(url, tx, 'text/html,application/xhtml+xml');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?reason=sso-failed');
    const audit = await auditRows(qd.handle, 'auth.login');
    expect(audit.at(-1)).toMatchObject({ outcome: 'failure' });
    expect(audit.at(-1)!.detail).toMatchObject({ provider: 'oidc', code: 'SSO_FAILED' });
  });

  it('refuses an account whose claim maps to no role, and creates no user', async () => {
    const { res } = await signInAs('nora');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).detail).toMatch(/no Quarterdeck role/);
    expect(await users()).not.toContain('nora');
  });

  it('never links an IdP account to an existing local user of the same name', async () => {
    const { res } = await signInAs('admin');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).detail).toMatch(/local user named admin already exists/);
    const links = await qd.handle.db.select().from(schema.externalIdentities);
    expect(links.map((l) => l.subject)).not.toContain('admin');
  });

  it('refuses to start against an IdP whose discovery names a different issuer', async () => {
    const spoofed = await startTestConsole(inject('postgresUrl'), {
      QD_AUTH_PROVIDERS: 'oidc',
      QD_PUBLIC_URL: 'http://127.0.0.1:9',
      // Same server, other name: its metadata says it is 127.0.0.1, not localhost.
      QD_OIDC_ISSUER: idp.issuer.replace('127.0.0.1', 'localhost'),
      QD_OIDC_CLIENT_ID: TEST_IDP_CLIENT.clientId,
    });
    try {
      const res = await fetch(`${spoofed.base}/api/v1/auth/oidc/start`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      const problem = (await res.json()) as Body;
      expect(problem.code).toBe('IDP_UNAVAILABLE');
      expect(problem.detail).toMatch(/configured issuer/);
      expect(cookieFrom(res, 'qd_oidc_tx')).toBeNull();
    } finally {
      await spoofed.close();
    }
  });

  it('over HTTPS names the transaction cookie __Host- (Secure, path /)', async () => {
    const secure = await startTestConsole(inject('postgresUrl'), {
      QD_AUTH_PROVIDERS: 'oidc',
      QD_PUBLIC_URL: 'https://console.example',
      QD_OIDC_ISSUER: idp.issuer,
      QD_OIDC_CLIENT_ID: TEST_IDP_CLIENT.clientId,
      QD_SECURE_COOKIES: 'true',
    });
    try {
      const res = await fetch(`${secure.base}/api/v1/auth/oidc/start`, { redirect: 'manual' });
      const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-qd_oidc_tx='))!;
      expect(set).toMatch(/; Secure/);
      expect(set).toMatch(/Path=\/;/);
      expect(set).not.toMatch(/Domain=/);
    } finally {
      await secure.close();
    }
  });

  it('rejects a returnTo that leaves the site', async () => {
    const res = await fetch(`${qd.base}/api/v1/auth/oidc/start?returnTo=//evil.example/x`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).code).toBe('VALIDATION_FAILED');
  });

  it('refreshes expired tokens at the IdP: the role follows, and a disabled account is signed out', async () => {
    idp.accounts.set('rita', { roles: ['staff'] });
    const { cookie } = await signInAs('rita');
    expect((await session(cookie!)).body.user?.role).toBe('viewer');
    idp.accounts.set('rita', { roles: ['qd-admins'] });
    clock += 2 * 60_000; // past the 60 s access-token lifetime
    const promoted = await session(cookie!);
    expect(promoted.body.user?.role).toBe('admin');
    // A privilege change rotates the session id: the old cookie is dead, the new one works.
    expect(promoted.cookie).toBeTruthy();
    expect((await session(cookie!)).status).toBe(401);
    const rotated = promoted.cookie!;
    idp.accounts.delete('rita');
    clock += 2 * 60_000;
    const ended = await session(rotated);
    expect(ended.status).toBe(401);
    expect(ended.body.detail).toMatch(/identity provider ended your sign-in/);
    expect((await session(rotated)).status).toBe(401);
    const refreshes = await auditRows(qd.handle, 'auth.oidc.refresh');
    expect(refreshes.map((r) => r.outcome)).toEqual(['success', 'failure']);
  });

  it('logs out at Quarterdeck and hands the browser the IdP end-session URL', async () => {
    const { cookie } = await signInAs('alice');
    const { body } = await session(cookie!);
    const res = await fetch(`${qd.base}/api/v1/auth/oidc/logout`, {
      method: 'POST',
      headers: { cookie: cookie!, 'x-csrf-token': body.csrfToken },
    });
    expect(res.status).toBe(200);
    const to = new URL(((await res.json()) as { redirectTo: string }).redirectTo);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('id_token_hint')).toBeTruthy();
    expect(to.searchParams.get('post_logout_redirect_uri')).toMatch(/\/login\?reason=signed-out$/);
    expect((await session(cookie!)).status).toBe(401);
  });
});
