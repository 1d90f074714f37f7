import type { SessionRecord, SessionStore } from './sessionStore';

/** In-memory twin of the Redis session store; `now` is injectable for tests. */
export class MemorySessionStore implements SessionStore {
  private readonly records = new Map<string, { record: SessionRecord; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(id: string): Promise<SessionRecord | null> {
    const entry = this.records.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.records.delete(id);
      return null;
    }
    return structuredClone(entry.record);
  }

  async set(record: SessionRecord, ttlSeconds: number): Promise<void> {
    this.records.set(record.id, {
      record: structuredClone(record),
      expiresAt: this.now() + ttlSeconds * 1000,
    });
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
  }

  async listByUser(userId: string): Promise<string[]> {
    const now = this.now();
    return [...this.records.values()]
      .filter((e) => e.record.userId === userId && e.expiresAt > now)
      .map((e) => e.record.id);
  }

  async close(): Promise<void> {
    this.records.clear();
  }
}
