import type { Logger, Redis } from '@qd/platform';

/** One admitted socket's place in its user's count; release it when the socket closes. */
export interface SocketLease {
  release(): void;
}

/** Per-user socket admission: a lease, or null when the user already holds `limit` sockets. */
export interface SocketQuota {
  readonly limit: number;
  acquire(userId: string): Promise<SocketLease | null>;
  close(): Promise<void>;
}

/** Counts in this process only (one instance, or the fallback while Redis cannot answer). */
export class MemorySocketQuota implements SocketQuota {
  private readonly held = new Map<string, number>();

  constructor(readonly limit: number) {}

  async acquire(userId: string): Promise<SocketLease | null> {
    const n = this.held.get(userId) ?? 0;
    if (n >= this.limit) return null;
    this.held.set(userId, n + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.held.get(userId) ?? 1) - 1;
        if (left > 0) this.held.set(userId, left);
        else this.held.delete(userId);
      },
    };
  }

  /** Sockets counted for a user (tests, metrics). */
  count(userId: string): number {
    return this.held.get(userId) ?? 0;
  }

  async close(): Promise<void> {}
}

// One sorted set per user: member = instance:socket, score = when the entry lapses (Redis time,
// so the instances' clocks do not matter). Lapsed entries are dropped before counting.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1`;
const REFRESH = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;

export interface RedisQuotaOptions {
  /** An entry not refreshed for this long stops counting (a killed instance's sockets). */
  ttlMs: number;
  /** How often this instance refreshes its live entries. */
  refreshMs: number;
}

export const DEFAULT_REDIS_QUOTA: RedisQuotaOptions = { ttlMs: 15_000, refreshMs: 5_000 };

type QuotaRedis = Redis & {
  qdWsAcquire(key: string, member: string, limit: number, ttl: number): Promise<number>;
  qdWsRefresh(key: string, member: string, ttl: number): Promise<number>;
};

/**
 * Counts a user's sockets across every console instance in Redis. Each instance refreshes its
 * entries every `refreshMs`; a killed instance stops refreshing, so its sockets stop counting
 * after `ttlMs`. When Redis cannot answer, admission falls back to the per-instance count (live
 * data stays available through a Redis failover; the limit is then per instance for a while).
 */
export class RedisSocketQuota implements SocketQuota {
  private readonly redis: QuotaRedis;
  private readonly live = new Map<string, string>(); // member → key
  private readonly fallback: MemorySocketQuota;
  private readonly timer: NodeJS.Timeout;
  private n = 0;

  constructor(
    redis: Redis,
    readonly limit: number,
    private readonly instanceId: string,
    private readonly logger: Logger,
    private readonly opts: RedisQuotaOptions = DEFAULT_REDIS_QUOTA,
  ) {
    redis.defineCommand('qdWsAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    redis.defineCommand('qdWsRefresh', { numberOfKeys: 1, lua: REFRESH });
    this.redis = redis as QuotaRedis;
    this.fallback = new MemorySocketQuota(limit);
    this.timer = setInterval(() => void this.refresh(), opts.refreshMs);
    this.timer.unref();
  }

  async acquire(userId: string): Promise<SocketLease | null> {
    const key = `qd:ws:user:${userId}`;
    const member = `${this.instanceId}:${++this.n}`;
    let admitted: number;
    try {
      admitted = await this.redis.qdWsAcquire(key, member, this.limit, this.opts.ttlMs);
    } catch (err) {
      this.logger.warn({ err }, 'socket quota: Redis unavailable, counting on this instance');
      return this.fallback.acquire(userId);
    }
    if (!admitted) return null;
    this.live.set(member, key);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.live.delete(member);
        this.redis.zrem(key, member).catch(() => undefined); // lapses by itself otherwise
      },
    };
  }

  /** Keeps this instance's entries alive (one pipeline for all of them). */
  private async refresh(): Promise<void> {
    if (!this.live.size) return;
    const p = this.redis.pipeline() as unknown as {
      qdWsRefresh(key: string, member: string, ttl: number): void;
      exec(): Promise<unknown>;
    };
    for (const [member, key] of this.live) p.qdWsRefresh(key, member, this.opts.ttlMs);
    await p
      .exec()
      .catch((err: unknown) => this.logger.warn({ err }, 'socket quota refresh failed'));
  }

  /** Stops refreshing and removes this instance's entries (a graceful stop frees them at once). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const entries = [...this.live];
    this.live.clear();
    await Promise.allSettled(entries.map(([member, key]) => this.redis.zrem(key, member)));
  }
}
