import { SessionCipher } from './sessionCipher';
import {
  openRecord,
  sealRecord,
  sessionStorageKey,
  type SessionRecord,
  type SessionStore,
} from './sessionStore';

interface Entry {
  sealed: string;
  userId: string;
  expiresAt: number;
}

/** In-memory twin of the Redis session store (records kept encrypted); `now` is injectable. */
export class MemorySessionStore implements SessionStore {
  constructor(
    private readonly now: () => number = Date.now,
    private readonly cipher: SessionCipher = SessionCipher.ephemeral(),
    private readonly entries = new Map<string, Entry>(),
  ) {}

  /** The same stored sessions read through another key ring (as after a restart with new keys). */
  withCipher(cipher: SessionCipher): MemorySessionStore {
    return new MemorySessionStore(this.now, cipher, this.entries);
  }

  /** The stored (encrypted) value of a session, as a store dump would show it. */
  rawValue(id: string): string | null {
    return this.entries.get(sessionStorageKey(id))?.sealed ?? null;
  }

  private live(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  async get(id: string): Promise<SessionRecord | null> {
    const key = sessionStorageKey(id);
    const entry = this.live(key);
    return entry ? openRecord(this.cipher, key, entry.sealed) : null;
  }

  async set(record: SessionRecord, ttlSeconds: number): Promise<void> {
    const key = sessionStorageKey(record.id);
    this.entries.set(key, {
      sealed: sealRecord(this.cipher, key, record),
      userId: record.userId,
      expiresAt: this.now() + ttlSeconds * 1000,
    });
  }

  async delete(id: string): Promise<void> {
    this.entries.delete(sessionStorageKey(id));
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    const out: SessionRecord[] = [];
    for (const key of [...this.entries.keys()]) {
      const entry = this.live(key);
      if (!entry || entry.userId !== userId) continue;
      const record = openRecord(this.cipher, key, entry.sealed);
      if (record) out.push(record);
    }
    return out;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
