import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { redisTarget } from './connect';

describe('redisTarget', () => {
  it('is null without Redis, the URL with REDIS_URL, and the Sentinel group when both are set', () => {
    expect(redisTarget(loadConfig({}))).toBeNull();
    expect(redisTarget(loadConfig({ REDIS_URL: 'redis://r:6379' }))).toBe('redis://r:6379');
    expect(
      redisTarget(
        loadConfig({ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: 's1:26379, s2:26379,s3:26379' }),
      ),
    ).toEqual({ sentinels: ['s1:26379', 's2:26379', 's3:26379'], name: 'quarterdeck' });
  });

  it('refuses a Sentinel list that is not host:port entries, naming the variable', () => {
    expect(() => loadConfig({ REDIS_SENTINELS: 's1,s2:26379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_SENTINELS: 's1' })).toThrow(/REDIS_SENTINELS/);
  });
});
