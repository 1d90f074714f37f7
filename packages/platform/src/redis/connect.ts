import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: a plain URL, or a Sentinel group that names the current primary. */
export type RedisTarget = string | { sentinels: string[]; name: string; password?: string };

/** The Redis target from configuration: Sentinels win over a URL; null when neither is set. */
export function redisTarget(config: {
  REDIS_URL?: string;
  REDIS_SENTINELS: string[];
  REDIS_SENTINEL_NAME: string;
}): RedisTarget | null {
  if (config.REDIS_SENTINELS.length)
    return { sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_NAME };
  return config.REDIS_URL ?? null;
}

/**
 * Opens an ioredis connection. In Sentinel mode ioredis asks the Sentinels for the primary and,
 * after a failover, reconnects to the promoted one (and re-subscribes pub/sub channels).
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): Redis {
  const redis =
    typeof target === 'string' ? new Redis(target, options) : sentinelClient(target, options);
  // ioredis retries on its own; say so once per distinct error instead of on every attempt.
  let last = '';
  redis.on('error', (err: Error) => {
    if (err.message === last) return;
    last = err.message;
    process.stderr.write(`[redis] ${err.message} (retrying)\n`);
  });
  redis.on('ready', () => (last = ''));
  return redis;
}

function sentinelClient(target: Exclude<RedisTarget, string>, options: RedisOptions): Redis {
  return new Redis({
    ...options,
    name: target.name,
    password: target.password,
    sentinels: target.sentinels.map((hp) => {
      const i = hp.lastIndexOf(':');
      return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
    }),
    // A read-only error means we still talk to a demoted primary: reconnect to find the new one.
    reconnectOnError: (err) => err.message.startsWith('READONLY'),
  });
}
