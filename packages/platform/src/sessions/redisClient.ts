import { Redis } from 'ioredis';

/** A Redis client for shared state (rate limits): fail fast rather than queue forever. */
export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
}
export type { Redis };
