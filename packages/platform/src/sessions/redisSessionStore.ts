import type { Redis } from 'ioredis';
import { connectRedis, type RedisTarget } from '../redis';
import type { SessionCipher } from './sessionCipher';
import {
  openRecord,
  sealRecord,
  sessionStorageKey,
  type SessionRecord,
  type SessionStore,
} from './sessionStore';

const recordKey = (key: string) => `qd:session:${key}`;
const userKey = (userId: string) => `qd:user-sessions:${userId}`;

/**
 * Redis session store: each session an AES-256-GCM sealed value under a hash of its id, with a
 * TTL, plus a per-user index of those hashes. A Redis dump reveals neither ids nor contents.
 */
export class RedisSessionStore implements SessionStore {
  private readonly redis: Redis;

  constructor(
    target: RedisTarget,
    private readonly cipher: SessionCipher,
  ) {
    this.redis = connectRedis(target, { maxRetriesPerRequest: 3 });
  }

  /** The stored (encrypted) value of a session, as a Redis dump would show it. */
  rawValue(id: string): Promise<string | null> {
    return this.redis.get(recordKey(sessionStorageKey(id)));
  }

  async get(id: string): Promise<SessionRecord | null> {
    const key = sessionStorageKey(id);
    const sealed = await this.redis.get(recordKey(key));
    return sealed ? openRecord(this.cipher, key, sealed) : null;
  }

  async set(record: SessionRecord, ttlSeconds: number): Promise<void> {
    const key = sessionStorageKey(record.id);
    await this.redis
      .multi()
      .set(recordKey(key), sealRecord(this.cipher, key, record), 'EX', ttlSeconds)
      .sadd(userKey(record.userId), key)
      .exec();
  }

  async delete(id: string): Promise<void> {
    const key = sessionStorageKey(id);
    const record = await this.get(id);
    const tx = this.redis.multi().del(recordKey(key));
    if (record) tx.srem(userKey(record.userId), key);
    await tx.exec();
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    const keys = await this.redis.smembers(userKey(userId));
    if (!keys.length) return [];
    const values = await this.redis.mget(keys.map(recordKey));
    const dead = keys.filter((_, i) => values[i] === null);
    // Expired sessions leave their key in the index; prune it as we go.
    if (dead.length) await this.redis.srem(userKey(userId), ...dead);
    const out: SessionRecord[] = [];
    keys.forEach((key, i) => {
      const record = values[i] ? openRecord(this.cipher, key, values[i]) : null;
      if (record) out.push(record);
    });
    return out;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
