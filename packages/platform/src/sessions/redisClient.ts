import type { Redis } from 'ioredis';
import { connectRedis, type RedisTarget } from '../redis';

/** A Redis client for shared state (rate limits): fail fast rather than queue forever. */
export function redisClient(target: RedisTarget): Redis {
  return connectRedis(target, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
}
export type { Redis };
