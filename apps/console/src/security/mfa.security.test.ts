import { schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, PASSWORD } from './harness';

describe('MFA: TOTP enrolment, sign-in, replay, recovery codes, step-up', () => {
  let h: Harness;
  let secret: string;
  let recoveryCodes: string[];
  beforeAll(async () => {
    h = await Harness.start();
    await h.addUser('tess', 'operator');
    const b = await h.login('tess');
    ({ secret, recoveryCodes } = await h.enrolTotp(b));
  });
  afterAll(() => h.close());

  it('starts enrolment with an otpauth URI and a QR code as an SVG data URL (no script needed)', async () => {
    await h.addUser('quinn', 'viewer');
    const b = await h.login('quinn');
    const res = await h.request(b, 'POST', '/auth/mfa/totp/enrol');
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e.otpauthUri).toMatch(/^otpauth:\/\/totp\/Quarterdeck:quinn\?/);
    expect(e.otpauthUri).toContain(`secret=${e.secret}`);
    expect(e.qrSvgDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(e.qrSvgDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
  });

  it('refuses to confirm enrolment with a wrong code, and changes nothing', async () => {
    await h.addUser('uma', 'viewer');
    const b = await h.login('uma');
    await h.request(b, 'POST', '/auth/mfa/totp/enrol');
    const res = await h.request(b, 'POST', '/auth/mfa/totp/confirm', { totp: '000000' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('MFA_INVALID');
    expect((await h.request(b, 'GET', '/auth/mfa')).json().enrolled).toBe(false);
  });

  it('gives ten recovery codes once and keeps only their hashes; the secret is sealed at rest', async () => {
    expect(recoveryCodes).toHaveLength(10);
    const [user] = await h.handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, 'tess'));
    expect(user!.totpSecret).toMatch(/^v1\./);
    expect(user!.totpSecret).not.toContain(secret);
    const rows = await h.handle.db
      .select()
      .from(schema.mfaRecoveryCodes)
      .where(eq(schema.mfaRecoveryCodes.userId, user!.id));
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r.codeHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(rows)).not.toContain(recoveryCodes[0]!.replace('-', ''));
  });

  it('asks for the code after a correct password (MFA_REQUIRED), and refuses a wrong code', async () => {
    const need = await h.loginResponse('tess');
    expect(need.statusCode).toBe(401);
    expect(need.json().code).toBe('MFA_REQUIRED');
    expect(need.cookies.filter((c) => c.value)).toHaveLength(0);
    h.nextStep();
    const wrong = await h.loginResponse('tess', {
      totp: '123456' === h.code(secret) ? '654321' : '123456',
    });
    expect(wrong.json().code).toBe('MFA_INVALID');
  });

  it('refuses a wrong password even with a valid code (no factor skipping)', async () => {
    h.nextStep();
    const res = await h.loginResponse('tess', {
      password: 'wrong-password-entirely',
      totp: h.code(secret),
    });
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('accepts a TOTP code once: the same code replayed is refused', async () => {
    h.nextStep();
    const code = h.code(secret);
    const first = await h.loginResponse('tess', { totp: code });
    expect(first.statusCode).toBe(200);
    expect(first.json().mfa.verified).toBe(true);
    const replay = await h.loginResponse('tess', { totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('MFA_INVALID');
  });

  it('refuses an older code after a newer one was used (no going back in time)', async () => {
    h.nextStep();
    const older = h.code(secret);
    h.nextStep();
    expect((await h.loginResponse('tess', { totp: h.code(secret) })).statusCode).toBe(200);
    expect((await h.loginResponse('tess', { totp: older })).statusCode).toBe(401);
  });

  it('accepts a recovery code once; reusing it is refused', async () => {
    const code = recoveryCodes[0]!;
    expect((await h.loginResponse('tess', { recoveryCode: code })).statusCode).toBe(200);
    const reuse = await h.loginResponse('tess', { recoveryCode: code });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('MFA_INVALID');
    expect(
      (await h.loginResponse('tess', { recoveryCode: recoveryCodes[1]!.toUpperCase() })).statusCode,
    ).toBe(200);
  });

  it('steps up with a fresh TOTP code, not with the password, and rotates the session id', async () => {
    h.nextStep();
    const b = await h.login('tess', { totp: h.code(secret) });
    h.clock += 6 * 60_000; // the sign-in verification is now too old for step-up
    const viaPassword = await h.request(b, 'POST', '/auth/step-up', { password: PASSWORD });
    expect(viaPassword.statusCode).toBe(400);
    h.nextStep();
    const old = b.cookie;
    const res = await h.request(b, 'POST', '/auth/step-up', { totp: h.code(secret) });
    expect(res.statusCode).toBe(200);
    h.follow(b, res);
    expect(b.cookie).not.toBe(old);
    expect(new Date(res.json().mfa.stepUpUntil).getTime()).toBeGreaterThan(h.clock + 4 * 60_000);
    const replay = await h.request(b, 'POST', '/auth/step-up', { totp: h.code(secret) });
    expect(replay.json().code).toBe('MFA_INVALID');
  });

  it('an administrator reset removes the factor and ends the user’s sessions', async () => {
    await h.addUser('rita', 'operator');
    const rita = await h.login('rita');
    await h.enrolTotp(rita);
    const admin = await h.login('admin');
    h.follow(admin, await h.request(admin, 'POST', '/auth/step-up', { password: PASSWORD }));
    const res = await h.request(admin, 'POST', `/admin/users/${h.users.rita}/mfa-reset`, {
      reason: 'lost phone',
    });
    expect(res.statusCode).toBe(204);
    expect((await h.request(rita, 'GET', '/auth/session')).statusCode).toBe(401);
    expect((await h.loginResponse('rita')).statusCode).toBe(200); // no code asked any more
    expect((await h.audits('user.mfa_reset')).at(-1)).toMatchObject({
      reason: 'lost phone',
      target: h.users.rita,
    });
  });

  it('refuses to enrol twice', async () => {
    h.nextStep();
    const b = await h.login('tess', { totp: h.code(secret) });
    const res = await h.request(b, 'POST', '/auth/mfa/totp/enrol');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MFA_ALREADY_ENROLLED');
  });
});

describe('MFA: key rotation', () => {
  it('re-seals a TOTP secret with the new key at the next verification, so the old key can go', async () => {
    const { SessionCipher } = await import('@qd/platform');
    const k1 = { kid: 'k1', key: Buffer.alloc(32, 7) };
    const k2 = { kid: 'k2', key: Buffer.alloc(32, 8) };
    const before = await Harness.start({ cipher: new SessionCipher([k1]) });
    const b = await before.login('viewer');
    const { secret } = await before.enrolTotp(b);
    await before.server.close();
    const after = await Harness.start({ db: before.handle, cipher: new SessionCipher([k2, k1]) });
    after.clock = before.clock;
    after.nextStep();
    expect((await after.loginResponse('viewer', { totp: after.code(secret) })).statusCode).toBe(
      200,
    );
    const [user] = await after.handle.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, 'viewer'));
    expect(user!.totpSecret).toMatch(/^v1\.k2\./);
    await after.close();
    await before.handle.close();
  });
});
