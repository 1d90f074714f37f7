import { schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/auditLog';
import { Harness, PASSWORD, type Browser } from './harness';

const REASON = 'left the desk today';

describe('disabling and enabling users', () => {
  let h: Harness;
  let admin: Browser;
  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
  });
  afterAll(() => h.close());

  it('disables a user: sessions end, sign-in says the account is disabled, API keys are refused', async () => {
    await h.addUser('dora', 'researcher');
    const dora = await h.login('dora');
    h.follow(dora, await h.request(dora, 'POST', '/auth/step-up', { password: PASSWORD }));
    const key = (
      await h.request(dora, 'POST', '/auth/api-keys', {
        name: 'notebook',
        scopes: ['portfolio:read'],
        expiresInDays: 5,
      })
    ).json().token as string;
    const bearer = { authorization: `Bearer ${key}` };
    expect((await h.request(null, 'GET', '/orders', undefined, bearer)).statusCode).toBe(403);
    expect((await h.request(null, 'GET', '/account', undefined, bearer)).statusCode).not.toBe(401);

    const res = await h.request(admin, 'POST', `/admin/users/${h.users.dora}/disable`, {
      reason: REASON,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await h.request(dora, 'GET', '/auth/session')).statusCode).toBe(401);
    const login = await h.loginResponse('dora');
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      detail: 'This account is disabled. Ask an administrator to enable it.',
    });
    const refused = await h.request(null, 'GET', '/account', undefined, bearer);
    expect(refused.statusCode).toBe(401);
    expect((await h.audits('user.disable')).at(-1)).toMatchObject({
      actor: 'admin',
      target: h.users.dora,
      reason: REASON,
      outcome: 'success',
    });
    expect((await h.audits('auth.login')).at(-1)).toMatchObject({
      actor: 'dora',
      outcome: 'failure',
      detail: { code: 'ACCOUNT_DISABLED' },
    });
    // A wrong password still reads as wrong credentials: no account-state oracle for guessers.
    expect((await h.loginResponse('dora', { password: 'not-her-password' })).json().code).toBe(
      'INVALID_CREDENTIALS',
    );

    const enabled = await h.request(admin, 'POST', `/admin/users/${h.users.dora}/enable`, {
      reason: 'back from leave',
    });
    expect(enabled.json().disabled).toBe(false);
    expect((await h.loginResponse('dora')).statusCode).toBe(200);
    expect((await h.request(null, 'GET', '/account', undefined, bearer)).statusCode).not.toBe(401);
  });

  it('needs an administrator with a fresh step-up and a reason', async () => {
    await h.addUser('eli', 'viewer');
    const operator = await h.login('operator');
    const url = `/admin/users/${h.users.eli}/disable`;
    expect((await h.request(operator, 'POST', url, { reason: REASON })).statusCode).toBe(403);
    const stale = await h.login('admin');
    expect((await h.request(stale, 'POST', url, { reason: REASON })).json().code).toBe(
      'STEP_UP_REQUIRED',
    );
    expect((await h.request(admin, 'POST', url, {})).statusCode).toBe(400);
    expect((await h.loginResponse('eli')).statusCode).toBe(200);
  });

  it('will not disable yourself or the last enabled administrator', async () => {
    const self = await h.request(admin, 'POST', `/admin/users/${h.users.admin}/disable`, {
      reason: REASON,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toContain('your own account');
    await h.addUser('root2', 'admin');
    const other = await h.login('root2');
    h.follow(other, await h.request(other, 'POST', '/auth/step-up', { password: PASSWORD }));
    // root2 may disable admin while root2 is enabled; then root2 is the last and stays.
    const first = await h.request(other, 'POST', `/admin/users/${h.users.admin}/disable`, {
      reason: REASON,
    });
    expect(first.statusCode).toBe(200);
    const back = await h.request(other, 'POST', `/admin/users/${h.users.admin}/enable`, {
      reason: 'only a drill',
    });
    expect(back.statusCode).toBe(200);
  });
});

describe('audit and effect commit together (if the audit write fails, the action fails)', () => {
  let h: Harness;
  let admin: Browser;
  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
  });
  afterAll(() => h.close());

  /** Runs `act` while the audit table cannot be written. */
  async function withAuditBroken<T>(act: () => Promise<T>): Promise<T> {
    await h.handle.db.execute('alter table audit_log rename to audit_log_away' as never);
    try {
      return await act();
    } finally {
      await h.handle.db.execute('alter table audit_log_away rename to audit_log' as never);
    }
  }

  const user = async (username: string) =>
    (await h.handle.db.select().from(schema.users).where(eq(schema.users.username, username)))[0];

  it('user creation', async () => {
    const res = await withAuditBroken(() =>
      h.request(admin, 'POST', '/admin/users', {
        username: 'ghost',
        role: 'viewer',
        password: PASSWORD,
      }),
    );
    expect(res.statusCode).toBe(500);
    expect(await user('ghost')).toBeUndefined();
  });

  it('disabling a user', async () => {
    await h.addUser('vic', 'viewer');
    const vic = await h.login('vic');
    const res = await withAuditBroken(() =>
      h.request(admin, 'POST', `/admin/users/${h.users.vic}/disable`, { reason: REASON }),
    );
    expect(res.statusCode).toBe(500);
    expect((await user('vic'))!.disabled).toBe(false);
    expect((await h.request(vic, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('MFA reset', async () => {
    await h.addUser('mo', 'operator');
    const mo = await h.login('mo');
    await h.enrolTotp(mo);
    const res = await withAuditBroken(() =>
      h.request(admin, 'POST', `/admin/users/${h.users.mo}/mfa-reset`, { reason: REASON }),
    );
    expect(res.statusCode).toBe(500);
    expect((await user('mo'))!.totpSecret).not.toBeNull();
    expect((await h.request(mo, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('MFA enrolment', async () => {
    await h.addUser('nia', 'operator');
    const nia = await h.login('nia');
    const start = await h.request(nia, 'POST', '/auth/mfa/totp/enrol');
    const secret = start.json().secret as string;
    const res = await withAuditBroken(() =>
      h.request(nia, 'POST', '/auth/mfa/totp/confirm', { totp: h.code(secret) }),
    );
    expect(res.statusCode).toBe(500);
    expect((await user('nia'))!.totpSecret).toBeNull();
    const codes = await h.handle.db
      .select()
      .from(schema.mfaRecoveryCodes)
      .where(eq(schema.mfaRecoveryCodes.userId, h.users.nia!));
    expect(codes).toHaveLength(0);
  });

  it('API key creation and revocation', async () => {
    const created = await withAuditBroken(() =>
      h.request(admin, 'POST', '/auth/api-keys', {
        name: 'lost',
        scopes: ['portfolio:read'],
        expiresInDays: 1,
      }),
    );
    expect(created.statusCode).toBe(500);
    expect((await h.request(admin, 'GET', '/auth/api-keys')).json()).toEqual([]);

    const key = await h.request(admin, 'POST', '/auth/api-keys', {
      name: 'kept',
      scopes: ['portfolio:read'],
      expiresInDays: 1,
    });
    expect(key.statusCode).toBe(201);
    const revoke = await withAuditBroken(() =>
      h.request(admin, 'DELETE', `/auth/api-keys/${key.json().id}`),
    );
    expect(revoke.statusCode).toBe(500);
    const bearer = { authorization: `Bearer ${key.json().token}` };
    const stillWorks = await h.request(null, 'GET', '/account', undefined, bearer);
    expect(stillWorks.statusCode).not.toBe(401);
  });

  it('leaves the chain intact after the failures', async () => {
    expect(await verifyAuditChain(h.handle.db)).toBeNull();
  });
});

describe('password policy uses a real common-password list', () => {
  let h: Harness;
  let b: Browser;
  beforeAll(async () => {
    h = await Harness.start();
    await h.addUser('polly', 'viewer');
    b = await h.login('polly');
  });
  afterAll(() => h.close());

  it('refuses breached passwords from the 49k list, also with digits tacked on, and the username', async () => {
    for (const weak of [
      'qwerty123456',
      'leavemealone',
      'Sunshine2024!',
      'Dragon12345678',
      'polly-polly-42',
      'x'.repeat(257),
    ]) {
      const res = await h.request(b, 'POST', '/auth/password', {
        currentPassword: PASSWORD,
        newPassword: weak,
      });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().errors[0].path, weak).toBe('newPassword');
    }
    const ok = await h.request(b, 'POST', '/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'harbour-lantern-copper-tide',
    });
    expect(ok.statusCode).toBe(200);
  });
});
