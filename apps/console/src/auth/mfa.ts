import { randomBytes } from 'node:crypto';
import type { MfaStatus, TotpEnrolment } from '@qd/contracts';
import { AppError, SessionCipher, schema, type Database, type Tx } from '@qd/platform';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { hashPassword, verifyPassword } from './passwords';

const PERIOD = 30;
const RECOVERY_CODES = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpFor = (secret: Secret, username: string) =>
  new TOTP({
    issuer: 'Quarterdeck',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret,
  });

function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normalizeRecovery = (code: string) => code.toLowerCase().replace('-', '');

/**
 * TOTP (RFC 6238) with secrets sealed at rest by the session key ring, replay protection (each
 * time step is accepted once, atomically in the database) and one-time recovery codes (argon2id).
 */
export class Mfa {
  constructor(
    private readonly db: Database,
    private readonly cipher: SessionCipher,
    private readonly now: () => Date,
  ) {}

  private async user(userId: string) {
    const [u] = await this.db.select().from(schema.users).where(eq(schema.users.id, userId));
    if (!u) throw new AppError('NOT_FOUND', 'No such user');
    return u;
  }

  /** True when the user has confirmed a TOTP enrolment. */
  async enrolled(userId: string): Promise<boolean> {
    return (await this.user(userId)).totpSecret !== null;
  }

  async status(userId: string, required: boolean): Promise<MfaStatus> {
    const u = await this.user(userId);
    const codes = await this.db
      .select({ id: schema.mfaRecoveryCodes.id })
      .from(schema.mfaRecoveryCodes)
      .where(
        and(eq(schema.mfaRecoveryCodes.userId, userId), isNull(schema.mfaRecoveryCodes.usedAt)),
      );
    return { enrolled: u.totpSecret !== null, required, recoveryCodesLeft: codes.length };
  }

  /** Starts (or restarts) enrolment: a new pending secret, as URI and QR code. */
  async startEnrolment(userId: string): Promise<TotpEnrolment> {
    const u = await this.user(userId);
    if (u.totpSecret)
      throw new AppError('MFA_ALREADY_ENROLLED', 'Two-factor authentication is already set up');
    const secret = new Secret({ size: 20 });
    await this.db
      .update(schema.users)
      .set({ totpPendingSecret: this.cipher.seal(secret.base32, `totp:${userId}`) })
      .where(eq(schema.users.id, userId));
    const uri = totpFor(secret, u.username).toString();
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return {
      otpauthUri: uri,
      secret: secret.base32,
      qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /**
   * Confirms enrolment with a first code; returns the recovery codes (shown once). `persist` runs
   * the writes in a transaction (the caller's, to audit in it; by default a plain one).
   */
  async confirmEnrolment(
    userId: string,
    code: string,
    persist: (write: (tx: Tx) => Promise<void>) => Promise<void> = (w) => this.db.transaction(w),
  ): Promise<string[]> {
    const u = await this.user(userId);
    if (u.totpSecret)
      throw new AppError('MFA_ALREADY_ENROLLED', 'Two-factor authentication is already set up');
    const base32 = u.totpPendingSecret && this.cipher.open(u.totpPendingSecret, `totp:${userId}`);
    if (!base32) throw new AppError('NOT_FOUND', 'Start the enrolment first');
    const step = this.matchingStep(Secret.fromBase32(base32), u.username, code);
    if (step === null)
      throw new AppError(
        'MFA_INVALID',
        'That code is not valid: check the time on your device and try the current code',
      );
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    const hashes = await Promise.all(codes.map((c) => hashPassword(normalizeRecovery(c))));
    await persist(async (tx) => {
      await tx
        .update(schema.users)
        .set({
          totpSecret: u.totpPendingSecret,
          totpPendingSecret: null,
          totpLastStep: step,
          mfaEnrolledAt: this.now().toISOString(),
        })
        .where(eq(schema.users.id, userId));
      await tx.delete(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.userId, userId));
      await tx
        .insert(schema.mfaRecoveryCodes)
        .values(hashes.map((codeHash) => ({ userId, codeHash })));
    });
    return codes;
  }

  /** The time step a code belongs to (±1 step of drift), or null when it matches none. */
  private matchingStep(secret: Secret, username: string, code: string): number | null {
    const t = this.now().getTime();
    const delta = totpFor(secret, username).validate({ token: code, timestamp: t, window: 1 });
    return delta === null ? null : Math.floor(t / 1000 / PERIOD) + delta;
  }

  /** Verifies a TOTP code; a code (time step) already accepted is refused (replay). */
  async verifyTotp(userId: string, code: string): Promise<boolean> {
    const u = await this.user(userId);
    const base32 = u.totpSecret && this.cipher.open(u.totpSecret, `totp:${userId}`);
    if (!base32) return false;
    const step = this.matchingStep(Secret.fromBase32(base32), u.username, code);
    if (step === null) return false;
    // A secret sealed with a retired key is re-sealed with the current one (key rotation).
    const resealed =
      SessionCipher.kidOf(u.totpSecret!) === this.cipher.currentKid
        ? {}
        : { totpSecret: this.cipher.seal(base32, `totp:${userId}`) };
    const won = await this.db
      .update(schema.users)
      .set({ totpLastStep: step, ...resealed })
      .where(
        and(
          eq(schema.users.id, userId),
          or(isNull(schema.users.totpLastStep), lt(schema.users.totpLastStep, step)),
        ),
      )
      .returning({ id: schema.users.id });
    return won.length === 1;
  }

  /** Uses a recovery code once; false when unknown or already used. */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const rows = await this.db
      .select()
      .from(schema.mfaRecoveryCodes)
      .where(
        and(eq(schema.mfaRecoveryCodes.userId, userId), isNull(schema.mfaRecoveryCodes.usedAt)),
      );
    for (const row of rows) {
      if (!(await verifyPassword(row.codeHash, normalizeRecovery(code)))) continue;
      const used = await this.db
        .update(schema.mfaRecoveryCodes)
        .set({ usedAt: this.now().toISOString() })
        .where(and(eq(schema.mfaRecoveryCodes.id, row.id), isNull(schema.mfaRecoveryCodes.usedAt)))
        .returning({ id: schema.mfaRecoveryCodes.id });
      return used.length === 1;
    }
    return false;
  }

  /** Removes the user's second factor (administrator reset) in the caller's transaction. */
  async reset(userId: string, tx: Tx): Promise<void> {
    await tx
      .update(schema.users)
      .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, mfaEnrolledAt: null })
      .where(eq(schema.users.id, userId));
    await tx.delete(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.userId, userId));
  }
}
