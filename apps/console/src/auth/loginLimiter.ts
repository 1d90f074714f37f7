import type { Redis } from '@qd/platform';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed attempts for one username from one address before that pair is blocked. */
  perUserAndAddress: number;
  /** Failed attempts from one address (any usernames) before the address is blocked. */
  perAddress: number;
  blockMinutes: number;
  /**
   * Growing delay: after the 2nd failure of a pair it must wait base·2^(n-2) s (capped at 60 s)
   * before trying again. 0 turns delays off (tests that type several wrong passwords quickly).
   */
  delayBaseSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUserAndAddress: 5,
  perAddress: 50,
  blockMinutes: 15,
  delayBaseSeconds: 1,
};

const MAX_DELAY_SECONDS = 60;

/**
 * Brute-force limits on sign-in (memory, or Redis so every console instance shares them).
 * Failures are counted per username *and address*, plus per address: guessing from one machine
 * is slowed, then blocked, but an attacker elsewhere cannot lock the real user out of their own
 * address.
 */
export class LoginLimiter {
  private readonly pair: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly delay: RateLimiterAbstract;

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    redis?: Redis,
  ) {
    const window = limits.blockMinutes * 60;
    const make = (keyPrefix: string, points: number, duration: number, blockDuration: number) =>
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `qd:${keyPrefix}`,
            points,
            duration,
            blockDuration,
          })
        : new RateLimiterMemory({ keyPrefix, points, duration, blockDuration });
    this.pair = make('login_pair', limits.perUserAndAddress, window, window);
    this.address = make('login_ip', limits.perAddress, 60 * 60, window);
    this.delay = make('login_delay', 1, 1, 0);
  }

  private static pairKey(username: string, ip: string): string {
    return `${username.toLowerCase()}|${ip}`;
  }

  /** Milliseconds until this username may try again from this address; 0 when allowed. */
  async blockedFor(username: string, ip: string): Promise<number> {
    const key = LoginLimiter.pairKey(username, ip);
    const [pair, addr, delay] = await Promise.all([
      this.pair.get(key),
      this.address.get(ip),
      this.delay.get(key),
    ]);
    const over = (res: RateLimiterRes | null, points: number) =>
      res && res.consumedPoints > points ? res.msBeforeNext : 0;
    return Math.max(
      over(pair, this.limits.perUserAndAddress - 1),
      over(addr, this.limits.perAddress - 1),
      over(delay, 1),
    );
  }

  /** Counts a failed attempt against the pair and the address, and sets the growing delay. */
  async recordFailure(username: string, ip: string): Promise<void> {
    const key = LoginLimiter.pairKey(username, ip);
    // consume() rejects once the limit is reached; the block it sets is what we want.
    const [pair] = await Promise.allSettled([this.pair.consume(key), this.address.consume(ip)]);
    const failures =
      pair.status === 'fulfilled'
        ? pair.value.consumedPoints
        : ((pair.reason as RateLimiterRes).consumedPoints ?? 0);
    if (
      this.limits.delayBaseSeconds > 0 &&
      failures >= 2 &&
      failures < this.limits.perUserAndAddress
    ) {
      const seconds = Math.min(
        this.limits.delayBaseSeconds * 2 ** (failures - 2),
        MAX_DELAY_SECONDS,
      );
      await this.delay.block(key, seconds);
    }
  }

  /** A successful sign-in clears the pair's failures. */
  async recordSuccess(username: string, ip: string): Promise<void> {
    const key = LoginLimiter.pairKey(username, ip);
    await Promise.all([this.pair.delete(key), this.delay.delete(key)]);
  }
}
