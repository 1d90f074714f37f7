/** What the server keeps about a session; the cookie holds only the id. */
export interface SessionRecord {
  id: string;
  userId: string;
  username: string;
  role: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  ip: string;
  /** How the user signed in (basic when absent). */
  provider?: 'dev' | 'basic' | 'oidc' | 'mtls';
  /** OIDC tokens of the session: refresh on expiry, id_token_hint for RP-initiated logout. */
  oidc?: { idToken: string; refreshToken?: string; expiresAt?: number };
}

/** Server-side session storage (memory by default, Redis in production). */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | null>;
  /** Stores the record; it disappears after ttlSeconds unless set again. */
  set(record: SessionRecord, ttlSeconds: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ids of the user's live sessions. */
  listByUser(userId: string): Promise<string[]>;
  close(): Promise<void>;
}
