import { createHash } from 'node:crypto';
import type { SessionCipher } from './sessionCipher';

/** What the server keeps about a session; the cookie holds only the (signed) id. */
export interface SessionRecord {
  /** Secret bearer id (in the cookie); changes on login, MFA and privilege change. */
  id: string;
  /** Public, stable handle of the session (lists, revocation); survives id rotation. */
  handle: string;
  userId: string;
  username: string;
  role: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  ip: string;
  /** When the user last proved a second factor (login or step-up); null when never. */
  mfaAt: number | null;
  /** When the user last re-authenticated for a sensitive action (step-up); null when never. */
  stepUpAt: number | null;
  /** The role requires MFA and the user has not enrolled: only enrolment is allowed. */
  mfaEnrolmentRequired: boolean;
  /**
   * The user has TOTP but signed in through a provider that proved no second factor: only the
   * TOTP step (and logout) is allowed until they pass it.
   */
  mfaVerificationRequired?: boolean;
  /** Strategies the user is limited to (null or absent: all). Changing it ends the sessions. */
  strategyScope?: string[] | null;
  /** How the user signed in (basic when absent). */
  provider?: 'dev' | 'basic' | 'oidc' | 'mtls';
  /** OIDC tokens of the session: refresh on expiry, id_token_hint for RP-initiated logout. */
  oidc?: { idToken: string; refreshToken?: string; expiresAt?: number };
}

/** Server-side session storage (memory by default, Redis in production); encrypted at rest. */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | null>;
  /** Stores the record; it disappears after ttlSeconds unless set again. */
  set(record: SessionRecord, ttlSeconds: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** The user's live sessions. */
  listByUser(userId: string): Promise<SessionRecord[]>;
  close(): Promise<void>;
}

/** Storage key of a session: a hash of its id, so a store dump does not reveal bearer ids. */
export function sessionStorageKey(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** Encrypts a record bound to its storage key. */
export function sealRecord(cipher: SessionCipher, key: string, record: SessionRecord): string {
  return cipher.seal(JSON.stringify(record), key);
}

/** Decrypts a record; null when it cannot be opened (unknown key id, tampered, wrong slot). */
export function openRecord(
  cipher: SessionCipher,
  key: string,
  sealed: string,
): SessionRecord | null {
  const json = cipher.open(sealed, key);
  if (json === null) return null;
  const record = JSON.parse(json) as SessionRecord;
  return sessionStorageKey(record.id) === key ? record : null;
}
