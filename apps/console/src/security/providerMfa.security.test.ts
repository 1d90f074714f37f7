import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDevUsers } from '../auth/providers/dev';
import { Harness, UA, cookieOf, type Browser } from './harness';
import { firstFrames } from './wsProbe';

// A provider that proves no second factor (dev here; OIDC and mTLS end in the same startSession)
// must not let a user with TOTP skip it, and the MFA-required policy applies to its users too.
const LOCAL = { ip: '127.0.0.1' };

describe('TOTP after a provider sign-in', () => {
  let h: Harness;
  let base: string;
  let secret: string;
  let recoveryCodes: string[];

  async function devLogin(role: string): Promise<Browser> {
    const res = await h.request(LOCAL, 'POST', '/auth/dev/login', { role });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: cookieOf(res)!, csrf: res.json().csrfToken, ua: UA, ip: LOCAL.ip };
  }

  beforeAll(async () => {
    h = await Harness.start({
      env: {
        QD_AUTH_PROVIDERS: 'basic,dev',
        QD_DEV_LOGIN: 'true',
        QD_MFA_REQUIRED_ROLES: 'operator',
      },
      gateway: true,
    });
    await seedDevUsers(h.handle.db);
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(() => h.close());

  it('applies the MFA-required policy to provider users: enrol before anything else', async () => {
    const b = await devLogin('operator');
    const session = (await h.request(b, 'GET', '/auth/session')).json();
    expect(session.mfa).toMatchObject({ enrolmentRequired: true, verificationRequired: false });
    expect((await h.request(b, 'GET', '/account')).json().code).toBe('MFA_ENROLMENT_REQUIRED');
    ({ secret, recoveryCodes } = await h.enrolTotp(b));
    expect((await h.request(b, 'GET', '/account')).statusCode).toBe(200);
  });

  it('a user with TOTP who signs in through a provider gets only the code step', async () => {
    h.nextStep();
    const b = await devLogin('operator');
    const session = (await h.request(b, 'GET', '/auth/session')).json();
    expect(session.mfa).toMatchObject({ verified: false, verificationRequired: true });
    for (const [method, url] of [
      ['GET', '/account'],
      ['GET', '/orders'],
      ['POST', '/auth/step-up'],
      ['GET', '/auth/api-keys'],
    ] as const) {
      const res = await h.request(
        b,
        method,
        url,
        method === 'POST' ? { totp: '000000' } : undefined,
      );
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('MFA_VERIFICATION_REQUIRED');
    }
    await expect(firstFrames(base, b, ['account'])).rejects.toThrow(/upgrade refused: 403/);

    const wrong = await h.request(b, 'POST', '/auth/mfa/verify', { totp: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('MFA_INVALID');
    expect((await h.audits('auth.mfa_verify')).at(-1)).toMatchObject({
      actor: 'dev-operator',
      outcome: 'failure',
      detail: { method: 'totp', provider: 'dev' },
    });

    const old = b.cookie;
    const ok = await h.request(b, 'POST', '/auth/mfa/verify', { totp: h.code(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mfa).toMatchObject({ verified: true, verificationRequired: false });
    h.follow(b, ok);
    expect(b.cookie).not.toBe(old); // a new id after the second factor
    expect((await h.request({ ...b, cookie: old }, 'GET', '/account')).statusCode).toBe(401);
    expect((await h.request(b, 'GET', '/account')).statusCode).toBe(200);
    expect((await firstFrames(base, b, ['account'])).account?.type).toBe('snapshot');
    expect((await h.audits('auth.mfa_verify')).at(-1)).toMatchObject({ outcome: 'success' });
  });

  it('refuses a replayed code and accepts a recovery code once', async () => {
    const b = await devLogin('operator');
    // Same time step as the code just used: a replay.
    const replay = await h.request(b, 'POST', '/auth/mfa/verify', { totp: h.code(secret) });
    expect(replay.json().code).toBe('MFA_INVALID');
    const code = recoveryCodes[0]!;
    expect(
      (await h.request(b, 'POST', '/auth/mfa/verify', { recoveryCode: code })).statusCode,
    ).toBe(200);
    const again = await devLogin('operator');
    expect(
      (await h.request(again, 'POST', '/auth/mfa/verify', { recoveryCode: code })).statusCode,
    ).toBe(401);
  });

  it('leaves a provider user without TOTP (and outside the policy) alone, and refuses a verify there', async () => {
    const b = await devLogin('viewer');
    expect((await h.request(b, 'GET', '/account')).statusCode).toBe(200);
    const res = await h.request(b, 'POST', '/auth/mfa/verify', { totp: '123456' });
    expect(res.statusCode).toBe(400);
  });
});
