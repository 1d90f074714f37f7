import { Permission, can, type Role } from '@qd/contracts';
import { schema } from '@qd/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Harness, PASSWORD, ROLES, type Browser } from './harness';

/** State-changing routes that may be called without a session (and so without a CSRF token). */
const PUBLIC_MUTATING = new Set(['POST /api/v1/auth/login']);
const GUARD_CODES = ['FORBIDDEN', 'UNAUTHENTICATED', 'CSRF_FAILED', 'STEP_UP_REQUIRED'];
const concrete = (url: string) =>
  url.replace(/:id\b/g, '00000000-0000-4000-8000-000000000000').replace(/:(\w+)/g, 'x$1');

describe('RBAC: every route declares a permission and is protected', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  /** A fresh session that has just stepped up (password; MFA is off in this harness). */
  async function fresh(role: Role): Promise<Browser> {
    const b = await h.login(role);
    const res = await h.request(b, 'POST', '/auth/step-up', { password: PASSWORD });
    expect(res.statusCode).toBe(200);
    return h.follow(b, res);
  }

  it('registers routes, each with a known permission', () => {
    expect(h.app.apiRoutes.length).toBeGreaterThan(20);
    for (const r of h.app.apiRoutes)
      expect(
        r.permission === 'public' || Permission.safeParse(r.permission).success,
        `${r.method} ${r.url}`,
      ).toBe(true);
  });

  it('lets no state-changing route go without a session and CSRF check, except sign-in', () => {
    const unprotected = h.app.apiRoutes
      .filter((r) => r.mutating && r.permission === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(unprotected.filter((r) => !PUBLIC_MUTATING.has(r))).toEqual([]);
  });

  it(
    'refuses every state-changing route without a CSRF token, or with a wrong one',
    { timeout: 120_000 },
    async () => {
      const routes = h.app.apiRoutes.filter((r) => r.mutating && r.permission !== 'public');
      expect(routes.length).toBeGreaterThan(10);
      for (const r of routes) {
        const role = ROLES.find((x) => can(x, r.permission as Permission));
        expect(role, `no role may call ${r.method} ${r.url}`).toBeDefined();
        const b = await fresh(role!);
        for (const csrf of ['', 'forged-token']) {
          const res = await h.request({ ...b, csrf }, r.method as 'POST', concrete(r.url), {});
          expect(res.json().code, `${r.method} ${r.url} csrf=${csrf}`).toBe('CSRF_FAILED');
        }
      }
    },
  );

  it('refuses every non-public route without a session', async () => {
    for (const r of h.app.apiRoutes.filter((x) => x.permission !== 'public')) {
      const res = await h.request(
        null,
        r.method as 'GET',
        concrete(r.url),
        r.mutating ? {} : undefined,
      );
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it(
    'lets each role through exactly the routes its permissions allow',
    { timeout: 180_000 },
    async () => {
      const routes = h.app.apiRoutes.filter((r) => r.permission !== 'public');
      for (const role of ROLES) {
        let b = await fresh(role);
        for (const r of routes) {
          const res = await h.request(
            b,
            r.method as 'GET',
            concrete(r.url),
            r.mutating ? {} : undefined,
          );
          const code = res.statusCode >= 400 ? res.json().code : 'OK';
          const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${code}`;
          if (can(role, r.permission as Permission)) expect(GUARD_CODES, label).not.toContain(code);
          else expect(code, label).toBe('FORBIDDEN');
          // Logout-like routes end the session: start a new one for the next route.
          if (r.mutating && (await h.request(b, 'GET', '/auth/session')).statusCode !== 200)
            b = await fresh(role);
        }
      }
    },
  );
});

describe('step-up: sensitive actions need a fresh verification, enforced by the server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('marks kill-switch disengage, user administration and API-key creation as step-up', () => {
    const stepUp = h.app.apiRoutes.filter((r) => r.stepUp).map((r) => `${r.method} ${r.url}`);
    expect(stepUp).toEqual(
      expect.arrayContaining([
        'POST /api/v1/kill-switch/disengage',
        'POST /api/v1/admin/users',
        'POST /api/v1/admin/users/:id/role',
        'POST /api/v1/admin/users/:id/mfa-reset',
        'POST /api/v1/admin/users/:id/logout',
        'POST /api/v1/admin/users/:id/disable',
        'POST /api/v1/admin/users/:id/enable',
        'POST /api/v1/admin/users/:id/strategies',
        'POST /api/v1/auth/api-keys',
      ]),
    );
  });

  it('refuses kill-switch disengage without a recent step-up, with STEP_UP_REQUIRED, and audits it', async () => {
    const b = await h.login('admin');
    const res = await h.request(b, 'POST', '/kill-switch/disengage', {
      reason: 'resume',
      confirm: 'RESUME',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('STEP_UP_REQUIRED');
    expect((await h.audits('killswitch.disengage')).at(-1)).toMatchObject({
      outcome: 'denied',
      actor: 'admin',
    });
  });

  it('after a step-up the action passes the guard; five minutes later it needs another', async () => {
    const b = await h.login('admin');
    const old = b.cookie;
    const up = await h.request(b, 'POST', '/auth/step-up', { password: PASSWORD });
    expect(up.statusCode).toBe(200);
    h.follow(b, up);
    expect(b.cookie).not.toBe(old); // new id after the privilege change
    expect((await h.request({ ...b, cookie: old }, 'GET', '/auth/session')).statusCode).toBe(401);
    const body = { reason: 'resume trading', confirm: 'RESUME' };
    const ok = await h.request(b, 'POST', '/kill-switch/disengage', body);
    expect(GUARD_CODES).not.toContain(ok.json().code);
    h.clock += 5 * 60_000 + 1_000;
    const again = await h.request(b, 'POST', '/kill-switch/disengage', body);
    expect(again.json().code).toBe('STEP_UP_REQUIRED');
  });

  it('refuses a step-up with the wrong password, and audits the failure', async () => {
    const b = await h.login('admin');
    const res = await h.request(b, 'POST', '/auth/step-up', { password: 'not-my-password-at-all' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
    expect((await h.audits('auth.step_up')).at(-1)).toMatchObject({
      outcome: 'failure',
      actor: 'admin',
    });
    const still = await h.request(b, 'POST', '/admin/users', {
      username: 'zed',
      role: 'viewer',
      password: PASSWORD,
    });
    expect(still.json().code).toBe('STEP_UP_REQUIRED');
  });

  it('refuses a step-up body with none or several proofs', async () => {
    const b = await h.login('admin');
    expect((await h.request(b, 'POST', '/auth/step-up', {})).statusCode).toBe(400);
    const both = await h.request(b, 'POST', '/auth/step-up', {
      password: PASSWORD,
      totp: '123456',
    });
    expect(both.statusCode).toBe(400);
  });
});

describe('MFA policy: roles that must use MFA can only enrol until they do', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: { QD_MFA_REQUIRED_ROLES: 'operator,admin' } });
  });
  afterAll(() => h.close());

  it('blocks an operator without MFA from everything but enrolment, then lets them in', async () => {
    const b = await h.login('operator');
    const info = (await h.request(b, 'GET', '/auth/session')).json();
    expect(info.mfa.enrolmentRequired).toBe(true);
    const blocked = await h.request(b, 'GET', '/auth/sessions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('MFA_ENROLMENT_REQUIRED');
    await h.enrolTotp(b);
    expect((await h.request(b, 'GET', '/auth/sessions')).statusCode).toBe(200);
    expect((await h.request(b, 'GET', '/auth/session')).json().mfa.enrolmentRequired).toBe(false);
  });

  it('refuses the live feed (WebSocket) until enrolment is done', async () => {
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const b = await h.login('admin', {}, { ip: '127.0.0.1' });
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(base.replace('http', 'ws') + '/ws', {
        headers: { cookie: b.cookie, origin: base, 'user-agent': b.ua },
      });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
    });
    expect(status).toBe(403);
  });

  it('does not ask a viewer to enrol', async () => {
    const b = await h.login('viewer');
    expect((await h.request(b, 'GET', '/auth/sessions')).statusCode).toBe(200);
  });
});

describe('API keys for scripts', () => {
  let h: Harness;
  let op: Browser;
  beforeAll(async () => {
    h = await Harness.start();
    op = await h.login('operator');
    h.follow(op, await h.request(op, 'POST', '/auth/step-up', { password: PASSWORD }));
  });
  afterAll(() => h.close());

  const create = (b: Browser, scopes: string[], expiresInDays = 30) =>
    h.request(b, 'POST', '/auth/api-keys', { name: 'nightly report', scopes, expiresInDays });
  const bearer = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.request({ ua: 'script/1.0', ip: '10.99.0.1' }, method, url, payload, {
      authorization: `Bearer ${token}`,
    });

  it('shows the token once and stores only its hash', async () => {
    const res = await create(op, ['orders:read']);
    expect(res.statusCode).toBe(201);
    const { token, id } = res.json();
    expect(token).toMatch(/^qdk_[0-9a-f]{8}_/);
    const listed = (await h.request(op, 'GET', '/auth/api-keys')).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.find((k: { id: string }) => k.id === id).scopes).toEqual(['orders:read']);
    const rows = await h.handle.db.select().from(schema.apiKeys);
    expect(JSON.stringify(rows)).not.toContain(token.slice(14));
  });

  it('authenticates with Authorization: Bearer within its scopes only', async () => {
    const { token } = (await create(op, ['orders:read', 'killswitch:engage'])).json();
    const read = await bearer(token, 'GET', '/orders');
    expect(GUARD_CODES).not.toContain(read.json().code);
    // State change with a bearer token needs no CSRF token (no ambient credential).
    const engage = await bearer(token, 'POST', '/kill-switch/engage', {});
    expect(engage.json().code).toBe('VALIDATION_FAILED');
    const outOfScope = await bearer(token, 'POST', '/orders', {});
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json().detail).toMatch(/not scoped/);
    expect((await bearer(token, 'GET', '/auth/api-keys')).statusCode).toBe(403);
  });

  it('cannot perform step-up actions, whatever its scopes', async () => {
    const admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
    const { token } = (await create(admin, ['users:write', 'killswitch:disengage'])).json();
    const res = await bearer(token, 'POST', '/kill-switch/disengage', {
      reason: 'x',
      confirm: 'RESUME',
    });
    expect(res.json().code).toBe('STEP_UP_REQUIRED');
  });

  it('cannot grant more than the role has', async () => {
    const res = await create(op, ['users:write']);
    expect(res.statusCode).toBe(403);
  });

  it('stops working when revoked, and when expired', async () => {
    const { token, id } = (await create(op, ['orders:read'], 1)).json();
    const other = (await create(op, ['orders:read'], 1)).json();
    expect((await h.request(op, 'DELETE', `/auth/api-keys/${id}`)).statusCode).toBe(204);
    expect((await bearer(token, 'GET', '/orders')).statusCode).toBe(401);
    h.clock += 86_400_000 + 1000;
    expect((await bearer(other.token, 'GET', '/orders')).statusCode).toBe(401);
  });

  it("cannot revoke another user's key (no IDOR)", async () => {
    const admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
    const { id } = (await create(admin, ['orders:read'])).json();
    const fresh = await h.login('operator');
    expect((await h.request(fresh, 'DELETE', `/auth/api-keys/${id}`)).statusCode).toBe(404);
  });

  it('refuses a malformed or unknown bearer token with 401', async () => {
    expect((await bearer('nonsense', 'GET', '/orders')).statusCode).toBe(401);
    expect((await bearer(`qdk_00000000_${'A'.repeat(43)}`, 'GET', '/orders')).statusCode).toBe(401);
  });
});
