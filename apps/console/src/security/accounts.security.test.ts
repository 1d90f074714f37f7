import { schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, IP, PASSWORD, UA, type Browser } from './harness';

describe('password change and user administration', () => {
  let h: Harness;
  let admin: Browser;
  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
  });
  afterAll(() => h.close());

  it('changes the password: other sessions end, this one continues under a new id', async () => {
    await h.addUser('paula', 'viewer');
    const here = await h.login('paula');
    const there = await h.login('paula', {}, { ua: 'Laptop/1.0' });
    const oldCookie = here.cookie;
    const res = await h.request(here, 'POST', '/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'amber-kettle-sings-at-dawn',
    });
    expect(res.statusCode).toBe(200);
    h.follow(here, res);
    expect(here.cookie).not.toBe(oldCookie);
    expect((await h.request(here, 'GET', '/auth/session')).statusCode).toBe(200);
    expect((await h.request(there, 'GET', '/auth/session')).statusCode).toBe(401);
    expect((await h.loginResponse('paula')).statusCode).toBe(401);
    expect(
      (await h.loginResponse('paula', { password: 'amber-kettle-sings-at-dawn' })).statusCode,
    ).toBe(200);
  });

  it('refuses a wrong current password and a weak new one, naming the field, changing nothing', async () => {
    await h.addUser('petra', 'viewer');
    const b = await h.login('petra');
    const wrong = await h.request(b, 'POST', '/auth/password', {
      currentPassword: 'not-the-password',
      newPassword: 'amber-kettle-sings-at-dawn',
    });
    expect(wrong.statusCode).toBe(401);
    for (const weak of ['short', 'password1234', 'petra-petra-petra', 'abcabcabcabcabc']) {
      const res = await h.request(b, 'POST', '/auth/password', {
        currentPassword: PASSWORD,
        newPassword: weak,
      });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().errors[0].path).toBe('newPassword');
    }
    expect((await h.loginResponse('petra')).statusCode).toBe(200);
  });

  it('lets an administrator create a user (after step-up), and refuses a taken username', async () => {
    const res = await h.request(admin, 'POST', '/admin/users', {
      username: 'nora',
      role: 'researcher',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'nora', role: 'researcher', mfaEnrolled: false });
    const again = await h.request(admin, 'POST', '/admin/users', {
      username: 'nora',
      role: 'viewer',
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('USERNAME_TAKEN');
    expect((await h.loginResponse('nora')).statusCode).toBe(200);
  });

  it('refuses to create a user with a bad username, role or weak password, and creates nothing', async () => {
    const before = (await h.handle.db.select().from(schema.users)).length;
    for (const body of [
      { username: 'Bad Name', role: 'viewer', password: PASSWORD },
      { username: 'okname', role: 'superuser', password: PASSWORD },
      { username: 'okname', role: 'viewer', password: 'okname-is-my-password' },
      { username: 'okname', role: 'viewer', password: PASSWORD, isAdmin: true },
    ])
      expect((await h.request(admin, 'POST', '/admin/users', body)).statusCode).toBe(400);
    expect((await h.handle.db.select().from(schema.users)).length).toBe(before);
  });

  it('lists users for administrators only', async () => {
    const list = (await h.request(admin, 'GET', '/admin/users')).json() as Array<{
      username: string;
    }>;
    expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'viewer']));
    expect(JSON.stringify(list)).not.toMatch(/argon2|password/i);
    const op = await h.login('operator');
    expect((await h.request(op, 'GET', '/admin/users')).statusCode).toBe(403);
  });

  it('changes a role: the user’s sessions end and the next sign-in has the new permissions', async () => {
    await h.addUser('olga', 'operator');
    const olga = await h.login('olga');
    const res = await h.request(admin, 'POST', `/admin/users/${h.users.olga}/role`, {
      role: 'viewer',
      reason: 'left the desk',
    });
    expect(res.statusCode).toBe(200);
    expect((await h.request(olga, 'GET', '/auth/session')).statusCode).toBe(401);
    const again = await h.login('olga');
    expect((await h.request(again, 'GET', '/auth/session')).json().permissions).not.toContain(
      'orders:write',
    );
  });

  it('will not demote the last administrator', async () => {
    const res = await h.request(admin, 'POST', `/admin/users/${h.users.admin}/role`, {
      role: 'viewer',
      reason: 'oops',
    });
    expect(res.statusCode).toBe(403);
    const [row] = await h.handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, h.users.admin!));
    expect(row!.role).toBe('admin');
  });

  it('force-logs a user out everywhere', async () => {
    await h.addUser('fred', 'viewer');
    const f1 = await h.login('fred');
    const f2 = await h.login('fred', {}, { ua: 'Other/1.0' });
    const res = await h.request(admin, 'POST', `/admin/users/${h.users.fred}/logout`, {
      reason: 'suspicious activity',
    });
    expect(res.statusCode).toBe(204);
    for (const b of [f1, f2])
      expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
  });

  it('answers 404 for an unknown user id and 400 for a malformed one', async () => {
    const unknown = await h.request(
      admin,
      'POST',
      `/admin/users/00000000-0000-4000-8000-000000000000/logout`,
      { reason: 'nobody' },
    );
    expect(unknown.statusCode).toBe(404);
    expect(
      (await h.request(admin, 'POST', `/admin/users/not-a-uuid/logout`, { reason: 'x' }))
        .statusCode,
    ).toBe(400);
  });
});

describe('brute force through the API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('locks out guessing from one address with a clear message, while the user signs in from another', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await h.loginResponse('viewer', { password: `guess-number-${i}` }, { ip: '203.0.113.66' }))
          .statusCode,
      ).toBe(401);
    const locked = await h.loginResponse('viewer', {}, { ip: '203.0.113.66' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toMatch(/Too many failed sign-ins.*Try again in \d+ minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    expect((await h.audits('auth.login')).at(-1)).toMatchObject({
      outcome: 'denied',
      actor: 'viewer',
      ip: '203.0.113.66',
    });
    expect((await h.loginResponse('viewer', {}, { ip: IP })).statusCode).toBe(200);
  });

  it('counts wrong TOTP codes as failures too', async () => {
    await h.addUser('tom', 'viewer');
    const b = await h.login('tom');
    await h.enrolTotp(b);
    for (let i = 0; i < 5; i++)
      await h.loginResponse('tom', { totp: '000000' }, { ip: '203.0.113.77' });
    h.nextStep();
    expect(
      (await h.loginResponse('tom', { totp: '000001' }, { ip: '203.0.113.77' })).statusCode,
    ).toBe(429);
  });
});

describe('audit: every auth event is written with who, where, what and which request', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  const last = async (action: string) => (await h.audits(action)).at(-1);
  const common = { ip: IP, userAgent: UA };

  it('sign-in success and failure', async () => {
    await h.loginResponse('viewer');
    expect(await last('auth.login')).toMatchObject({
      ...common,
      actor: 'viewer',
      outcome: 'success',
      target: h.users.viewer,
      requestId: expect.any(String),
    });
    await h.loginResponse('viewer', { password: 'wrong-password-here' });
    expect(await last('auth.login')).toMatchObject({
      ...common,
      actor: 'viewer',
      outcome: 'failure',
      reason: 'Invalid username or password.',
    });
  });

  it('MFA enrolment, step-up success and failure', async () => {
    await h.addUser('mia', 'viewer');
    const b = await h.login('mia');
    const { secret } = await h.enrolTotp(b);
    expect(await last('mfa.enrol_start')).toMatchObject({
      ...common,
      actor: 'mia',
      outcome: 'success',
    });
    expect(await last('mfa.enrol')).toMatchObject({
      ...common,
      actor: 'mia',
      outcome: 'success',
      target: h.users.mia,
    });
    await h.request(b, 'POST', '/auth/step-up', {
      totp: '000000' === h.code(secret) ? '111111' : '000000',
    });
    expect(await last('auth.step_up')).toMatchObject({
      ...common,
      actor: 'mia',
      outcome: 'failure',
    });
    h.nextStep();
    h.follow(b, await h.request(b, 'POST', '/auth/step-up', { totp: h.code(secret) }));
    expect(await last('auth.step_up')).toMatchObject({
      actor: 'mia',
      outcome: 'success',
      detail: { method: 'totp' },
    });
  });

  it('logout, logout everywhere and ending one session', async () => {
    const b1 = await h.login('viewer');
    const b2 = await h.login('viewer', {}, { ua: 'Other/9' });
    const handle2 = (await h.request(b2, 'GET', '/auth/session')).json().handle;
    await h.request(b1, 'DELETE', `/auth/sessions/${handle2}`);
    expect(await last('session.revoke')).toMatchObject({
      ...common,
      actor: 'viewer',
      target: handle2,
      outcome: 'success',
    });
    await h.request(b1, 'POST', '/auth/logout-all');
    expect(await last('auth.logout_all')).toMatchObject({
      ...common,
      actor: 'viewer',
      outcome: 'success',
    });
    const b3 = await h.login('viewer');
    await h.request(b3, 'POST', '/auth/logout');
    expect(await last('auth.logout')).toMatchObject({
      ...common,
      actor: 'viewer',
      outcome: 'success',
    });
  });

  it('refusals: CSRF, permission and step-up denials are audited as denied', async () => {
    const v = await h.login('viewer');
    await h.request({ ...v, csrf: 'wrong' }, 'POST', '/auth/logout');
    expect(await last('auth.logout')).toMatchObject({
      actor: 'viewer',
      outcome: 'denied',
      detail: { code: 'CSRF_FAILED' },
    });
    await h.request(v, 'GET', '/admin/users');
    const denied = (await h.handle.db.select().from(schema.auditLog)).at(-1);
    expect(denied).toMatchObject({
      actor: 'viewer',
      outcome: 'denied',
      detail: { code: 'FORBIDDEN' },
    });
  });

  it('administration: role change with its reason', async () => {
    await h.addUser('carl', 'operator');
    const admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
    await h.request(admin, 'POST', `/admin/users/${h.users.carl}/role`, {
      role: 'researcher',
      reason: 'research rotation',
    });
    expect(await last('user.role_change')).toMatchObject({
      ...common,
      actor: 'admin',
      target: h.users.carl,
      reason: 'research rotation',
      outcome: 'success',
      detail: { from: 'operator', to: 'researcher' },
    });
  });

  it('if the audit write fails, the sign-in fails and no cookie is issued', async () => {
    await h.handle.db.execute('alter table audit_log rename to audit_log_away' as never);
    try {
      const res = await h.loginResponse('viewer');
      expect(res.statusCode).toBe(500);
      expect(res.cookies.filter((c) => c.value)).toHaveLength(0);
    } finally {
      await h.handle.db.execute('alter table audit_log_away rename to audit_log' as never);
    }
  });
});
