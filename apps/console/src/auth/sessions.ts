import { randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS, type Role, type SessionInfo } from '@qd/contracts';
import type { SessionRecord, SessionStore } from '@qd/platform';

export const SESSION_COOKIE = 'qd_session';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteMinutes: number;
}

/** Creates, loads (enforcing idle and absolute timeouts) and destroys server-side sessions. */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly policy: SessionPolicy,
    private readonly now: () => Date,
  ) {}

  /** A new session with a fresh random id (never reuses one: no fixation). */
  async create(
    user: { id: string; username: string; role: string },
    ip: string,
    userAgent: string,
    extra: Pick<SessionRecord, 'provider' | 'oidc'> = {},
  ): Promise<SessionRecord> {
    const t = this.now().getTime();
    const record: SessionRecord = {
      id: randomBytes(32).toString('base64url'),
      userId: user.id,
      username: user.username,
      role: user.role,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: t,
      lastSeenAt: t,
      userAgent,
      ip,
      ...extra,
    };
    await this.store.set(record, this.policy.idleMinutes * 60);
    return record;
  }

  /** Stores a changed record (same id) for what is left of its idle and absolute time. */
  async save(record: SessionRecord): Promise<void> {
    const t = this.now().getTime();
    const absoluteEnd = record.createdAt + this.policy.absoluteMinutes * 60_000;
    const ttl = Math.ceil(Math.min(this.policy.idleMinutes * 60_000, absoluteEnd - t) / 1000);
    if (ttl > 0) await this.store.set(record, ttl);
  }

  /** Loads a live session and refreshes its idle timer; null when missing or expired. */
  async touch(id: string): Promise<SessionRecord | null> {
    const record = await this.store.get(id);
    if (!record) return null;
    const t = this.now().getTime();
    const absoluteEnd = record.createdAt + this.policy.absoluteMinutes * 60_000;
    if (t >= absoluteEnd || t - record.lastSeenAt >= this.policy.idleMinutes * 60_000) {
      await this.store.delete(id);
      return null;
    }
    record.lastSeenAt = t;
    const ttl = Math.ceil(Math.min(this.policy.idleMinutes * 60_000, absoluteEnd - t) / 1000);
    await this.store.set(record, ttl);
    return record;
  }

  destroy(id: string): Promise<void> {
    return this.store.delete(id);
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
    };
  }
}
