import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed attempts for one username from one address before that pair is blocked. */
  perUserAndAddress: number;
  /** Failed attempts from one address (any usernames) before the address is blocked. */
  perAddress: number;
  blockMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUserAndAddress: 5,
  perAddress: 50,
  blockMinutes: 15,
};

/**
 * Brute-force limits on sign-in. Failures are counted per username *and address*, plus per
 * address: guessing from one machine gets blocked, but an attacker elsewhere cannot lock the
 * real user out of their own address. (Memory store; the Redis twin comes with scale-out.)
 */
export class LoginLimiter {
  private readonly pair: RateLimiterMemory;
  private readonly address: RateLimiterMemory;

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    const window = limits.blockMinutes * 60;
    this.pair = new RateLimiterMemory({
      keyPrefix: 'login_pair',
      points: limits.perUserAndAddress,
      duration: window,
      blockDuration: window,
    });
    this.address = new RateLimiterMemory({
      keyPrefix: 'login_ip',
      points: limits.perAddress,
      duration: 60 * 60,
      blockDuration: window,
    });
  }

  private static pairKey(username: string, ip: string): string {
    return `${username.toLowerCase()}|${ip}`;
  }

  /** Milliseconds until this username may try again from this address; 0 when allowed. */
  async blockedFor(username: string, ip: string): Promise<number> {
    const [pair, addr] = await Promise.all([
      this.pair.get(LoginLimiter.pairKey(username, ip)),
      this.address.get(ip),
    ]);
    const over = (res: typeof pair, points: number) =>
      res && res.consumedPoints > points ? res.msBeforeNext : 0;
    return Math.max(
      over(pair, this.limits.perUserAndAddress - 1),
      over(addr, this.limits.perAddress - 1),
    );
  }

  /** Counts a failed attempt against the pair and the address. */
  async recordFailure(username: string, ip: string): Promise<void> {
    // consume() rejects once the limit is reached; the block it sets is what we want.
    await Promise.allSettled([
      this.pair.consume(LoginLimiter.pairKey(username, ip)),
      this.address.consume(ip),
    ]);
  }

  /** A successful sign-in clears the pair's failures. */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.pair.delete(LoginLimiter.pairKey(username, ip));
  }
}
