import { randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS, type Role, type SessionInfo, type SessionSummary } from '@qd/contracts';
import type { SessionRecord, SessionStore } from '@qd/platform';
import { sameClientAddress, type IpBinding } from './deviceBinding';

/** Cookie name: `__Host-` (Secure, host-only, path /) whenever cookies are Secure. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-qd_session' : 'qd_session';
}

/** Step-up (a fresh second factor) is valid this long for sensitive actions. */
export const STEP_UP_MAX_AGE_MS = 5 * 60_000;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteMinutes: number;
  ipBinding: IpBinding;
}

/** Who is asking: the client as seen through trusted proxies only. */
export interface ClientContext {
  ip: string;
  userAgent: string;
}

export type SessionLoad =
  { ok: true; session: SessionRecord } | { ok: false; reason: 'missing' | 'expired' | 'device' };

/**
 * A request refreshes the stored idle timer only when it is at least this old: at 200 requests a
 * second one session would otherwise re-seal and re-store its record on every request. The cost
 * is a tolerance: a session ends idle between `idleMinutes` minus this and `idleMinutes` after
 * its last request (never later). The record itself is still read on every request, so
 * revocation stays immediate.
 */
export const SESSION_TOUCH_INTERVAL_MS = 15_000;

/** An expired session stays readable this long, to answer SESSION_EXPIRED rather than "no session". */
const EXPIRED_GRACE_SECONDS = 300;

const token = () => randomBytes(32).toString('base64url');

/** Creates, loads (timeouts, device binding), rotates, lists and ends server-side sessions. */
export class Sessions {
  /** Name of the session cookie (`__Host-` prefixed when Secure). */
  readonly cookieName: string;

  constructor(
    private readonly store: SessionStore,
    private readonly policy: SessionPolicy,
    private readonly now: () => Date,
    readonly secureCookies = false,
  ) {
    this.cookieName = sessionCookieName(secureCookies);
  }

  /** Cookie attributes: HttpOnly, SameSite=Strict, path /, Secure when configured, signed. */
  get cookieOptions() {
    return {
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: this.secureCookies,
      signed: true,
    };
  }

  /** Store TTL: the time left plus a grace period, so an expired session reads as expired. */
  private ttlSeconds(r: SessionRecord): number {
    const t = this.now().getTime();
    const absoluteEnd = r.createdAt + this.policy.absoluteMinutes * 60_000;
    const left = Math.min(this.policy.idleMinutes * 60_000, absoluteEnd - t);
    return Math.max(1, Math.ceil(left / 1000)) + EXPIRED_GRACE_SECONDS;
  }

  /** A new session with fresh random id, handle and CSRF token (never reuses one: no fixation). */
  async create(
    user: { id: string; username: string; role: string },
    client: ClientContext,
    mfa: { verified: boolean; enrolmentRequired: boolean; verificationRequired?: boolean },
    extra: Pick<SessionRecord, 'provider' | 'oidc' | 'strategyScope'> = {},
  ): Promise<SessionRecord> {
    const t = this.now().getTime();
    const record: SessionRecord = {
      id: token(),
      handle: randomBytes(12).toString('base64url'),
      userId: user.id,
      username: user.username,
      role: user.role,
      csrfToken: token(),
      createdAt: t,
      lastSeenAt: t,
      userAgent: client.userAgent,
      ip: client.ip,
      mfaAt: mfa.verified ? t : null,
      stepUpAt: mfa.verified ? t : null,
      mfaEnrolmentRequired: mfa.enrolmentRequired,
      ...(mfa.verificationRequired ? { mfaVerificationRequired: true } : {}),
      ...extra,
    };
    await this.store.set(record, this.ttlSeconds(record));
    return record;
  }

  /** Stores a changed record (same id) for what is left of its idle and absolute time. */
  async save(record: SessionRecord): Promise<void> {
    await this.store.set(record, this.ttlSeconds(record));
  }

  /**
   * Replaces the session's id (after MFA, step-up or a privilege change), keeping its handle and
   * CSRF token (other open tabs keep working); the old id stops working at once.
   */
  async rotate(r: SessionRecord, changes: Partial<SessionRecord> = {}): Promise<SessionRecord> {
    const next: SessionRecord = { ...r, ...changes, id: token() };
    await this.store.set(next, this.ttlSeconds(next));
    await this.store.delete(r.id);
    return next;
  }

  /** Loads a live session for this client; refreshes its idle timer when due (see above). */
  async load(id: string, client: ClientContext): Promise<SessionLoad> {
    const record = await this.store.get(id);
    if (!record) return { ok: false, reason: 'missing' };
    const t = this.now().getTime();
    if (this.expired(record)) {
      await this.store.delete(id);
      return { ok: false, reason: 'expired' };
    }
    if (
      record.userAgent !== client.userAgent ||
      !sameClientAddress(record.ip, client.ip, this.policy.ipBinding)
    )
      return { ok: false, reason: 'device' };
    if (t - record.lastSeenAt >= SESSION_TOUCH_INTERVAL_MS || t < record.lastSeenAt) {
      record.lastSeenAt = t;
      await this.store.set(record, this.ttlSeconds(record));
    }
    return { ok: true, session: record };
  }

  /** True past the idle or the absolute timeout. */
  private expired(r: SessionRecord): boolean {
    const t = this.now().getTime();
    return (
      t >= r.createdAt + this.policy.absoluteMinutes * 60_000 ||
      t - r.lastSeenAt >= this.policy.idleMinutes * 60_000
    );
  }

  destroy(id: string): Promise<void> {
    return this.store.delete(id);
  }

  /** The user's live sessions, newest first; `current` marks the asking session. */
  async list(userId: string, currentHandle: string | null): Promise<SessionSummary[]> {
    const records = await this.store.listByUser(userId);
    return records
      .filter((r) => !this.expired(r))
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((r) => ({
        handle: r.handle,
        createdAt: new Date(r.createdAt).toISOString(),
        lastSeenAt: new Date(r.lastSeenAt).toISOString(),
        userAgent: r.userAgent,
        ip: r.ip,
        current: r.handle === currentHandle,
        mfa: r.mfaAt !== null,
      }));
  }

  /** The user's sessions that have not timed out, by handle (open sockets are checked on it). */
  async liveByHandle(userId: string): Promise<Map<string, SessionRecord>> {
    const records = await this.store.listByUser(userId);
    return new Map(records.filter((r) => !this.expired(r)).map((r) => [r.handle, r]));
  }

  /** Ends the user's sessions (all, or one handle, or all but one); returns the ended handles. */
  async endForUser(
    userId: string,
    which: { handle?: string; except?: string } = {},
  ): Promise<string[]> {
    const ended: string[] = [];
    for (const r of await this.store.listByUser(userId)) {
      if (which.handle !== undefined && r.handle !== which.handle) continue;
      if (which.except !== undefined && r.handle === which.except) continue;
      await this.store.delete(r.id);
      ended.push(r.handle);
    }
    return ended;
  }

  /** True when the session proved a second factor within the step-up window. */
  steppedUp(r: SessionRecord): boolean {
    return r.stepUpAt !== null && this.now().getTime() - r.stepUpAt < STEP_UP_MAX_AGE_MS;
  }

  /** What the browser may know about its session. */
  info(r: SessionRecord): SessionInfo {
    const role = r.role as Role;
    return {
      user: { id: r.userId, username: r.username, role },
      provider: r.provider ?? 'basic',
      permissions: [...ROLE_PERMISSIONS[role]],
      csrfToken: r.csrfToken,
      expiresAt: new Date(r.createdAt + this.policy.absoluteMinutes * 60_000).toISOString(),
      idleExpiresAt: new Date(r.lastSeenAt + this.policy.idleMinutes * 60_000).toISOString(),
      handle: r.handle,
      strategyScope: r.strategyScope ?? null,
      mfa: {
        verified: r.mfaAt !== null,
        enrolmentRequired: r.mfaEnrolmentRequired,
        verificationRequired: r.mfaVerificationRequired === true,
        stepUpUntil:
          r.stepUpAt === null ? null : new Date(r.stepUpAt + STEP_UP_MAX_AGE_MS).toISOString(),
      },
    };
  }
}
