import type { Redis } from 'ioredis';
import { connectRedis, type RedisTarget } from '../redis';
import type { SessionRecord, SessionStore } from './sessionStore';

const sessionKey = (id: string) => `qd:session:${id}`;
const userKey = (userId: string) => `qd:user-sessions:${userId}`;

/** Redis session store: each session a key with a TTL, plus a per-user index of session ids. */
export class RedisSessionStore implements SessionStore {
  private readonly redis: Redis;

  constructor(target: RedisTarget) {
    this.redis = connectRedis(target, { maxRetriesPerRequest: 3 });
  }

  async get(id: string): Promise<SessionRecord | null> {
    const raw = await this.redis.get(sessionKey(id));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async set(record: SessionRecord, ttlSeconds: number): Promise<void> {
    await this.redis
      .multi()
      .set(sessionKey(record.id), JSON.stringify(record), 'EX', ttlSeconds)
      .sadd(userKey(record.userId), record.id)
      .exec();
  }

  async delete(id: string): Promise<void> {
    const record = await this.get(id);
    const tx = this.redis.multi().del(sessionKey(id));
    if (record) tx.srem(userKey(record.userId), id);
    await tx.exec();
  }

  async listByUser(userId: string): Promise<string[]> {
    const ids = await this.redis.smembers(userKey(userId));
    if (!ids.length) return [];
    const alive = await this.redis.mget(ids.map(sessionKey));
    const dead = ids.filter((_, i) => alive[i] === null);
    // Expired sessions leave their id in the index; prune it as we go.
    if (dead.length) await this.redis.srem(userKey(userId), ...dead);
    return ids.filter((_, i) => alive[i] !== null);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
