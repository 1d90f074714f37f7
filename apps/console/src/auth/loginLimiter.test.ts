import {
  MemoryBus,
  MemorySessionStore,
  createLogger,
  loadConfig,
  openDatabase,
  redisClient,
  type DatabaseHandle,
  type Redis,
} from '@qd/platform';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildConsole, type ConsoleServer } from '../server';
import { LoginLimiter, type LoginLimits } from './loginLimiter';
import { seedAdmin } from './users';

const PASSWORD = 'correct-horse-battery-staple';
const limits = (l: Partial<LoginLimits> = {}): LoginLimits => ({
  perUserAndAddress: 3,
  perAddress: 100,
  blockMinutes: 15,
  delayBaseSeconds: 0,
  ...l,
});

const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

// One behaviour, both stores (Redis: every console instance counts together).
describe.each([
  { name: 'memory', redis: (): Redis | undefined => undefined },
  {
    name: 'redis',
    redis: (): Redis | undefined => {
      const c = redisClient(inject('redisUrl'));
      clients.push(c);
      return c;
    },
  },
])('LoginLimiter ($name)', ({ redis }) => {
  // Fresh usernames per test: the Redis store is shared between runs.
  const user = () => `alice-${randomUUID()}`;

  it('blocks a username from one address after the allowed failures', async () => {
    const limiter = new LoginLimiter(limits(), redis());
    const u = user();
    for (let i = 0; i < 2; i++) await limiter.recordFailure(u, '10.0.0.1');
    expect(await limiter.blockedFor(u, '10.0.0.1')).toBe(0);
    await limiter.recordFailure(u, '10.0.0.1');
    expect(await limiter.blockedFor(u, '10.0.0.1')).toBeGreaterThan(14 * 60_000);
  });

  it('does not let failures from one address lock the user out of another', async () => {
    const limiter = new LoginLimiter(limits(), redis());
    const u = user();
    for (let i = 0; i < 10; i++) await limiter.recordFailure(u, '10.0.0.66');
    expect(await limiter.blockedFor(u, '10.0.0.1')).toBe(0);
  });

  it('blocks an address that sprays many usernames', async () => {
    const limiter = new LoginLimiter(limits({ perAddress: 5 }), redis());
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) await limiter.recordFailure(user(), ip);
    expect(await limiter.blockedFor(user(), ip)).toBeGreaterThan(0);
  });

  it('clears the failures of a username and address after a successful sign-in', async () => {
    const limiter = new LoginLimiter(limits(), redis());
    const u = user();
    for (let i = 0; i < 2; i++) await limiter.recordFailure(u, '10.0.0.1');
    await limiter.recordSuccess(u, '10.0.0.1');
    await limiter.recordFailure(u, '10.0.0.1');
    expect(await limiter.blockedFor(u, '10.0.0.1')).toBe(0);
  });

  it('makes each further failure wait longer before the next attempt (growing delay)', async () => {
    const limiter = new LoginLimiter(
      limits({ perUserAndAddress: 6, delayBaseSeconds: 10 }),
      redis(),
    );
    const u = user();
    await limiter.recordFailure(u, '10.0.0.1');
    expect(await limiter.blockedFor(u, '10.0.0.1')).toBe(0); // one typo costs nothing
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.recordFailure(u, '10.0.0.1');
      waits.push(await limiter.blockedFor(u, '10.0.0.1'));
    }
    expect(waits[0]).toBeGreaterThan(5_000);
    expect(waits[1]).toBeGreaterThan(waits[0]! + 5_000);
    expect(waits[2]).toBeGreaterThan(waits[1]! + 5_000);
    expect(await limiter.blockedFor(u, '10.0.0.2')).toBe(0);
  });
});

describe('sign-in brute force, through the login route', () => {
  let handle: DatabaseHandle;
  let server: ConsoleServer;
  const login = (password: string, remoteAddress: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { username: 'admin', password },
    });

  beforeAll(async () => {
    handle = await openDatabase({ inMemory: true });
    await seedAdmin(handle.db, PASSWORD);
    server = await buildConsole({
      config: loadConfig({ QD_LOG_LEVEL: 'silent', QD_MFA_REQUIRED_ROLES: 'none' }),
      db: handle.db,
      bus: new MemoryBus(),
      sessions: new MemorySessionStore(),
      logger: createLogger('t', 'silent'),
      gatewayBaseUrl: 'http://127.0.0.1:9',
      serviceToken: 'x'.repeat(40),
      sessionSecret: 's'.repeat(40),
      loginLimits: limits(),
    });
  });
  afterAll(async () => {
    await server.close();
    await handle.close();
  });

  it('after the failures, refuses even the right password from that address with a clear 429', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('wrong-password', '10.1.1.1')).statusCode).toBe(401);
    const blocked = await login(PASSWORD, '10.1.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('RATE_LIMITED');
    expect(blocked.json().detail).toMatch(/try again in 15 minutes/i);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('still lets the real user in from their own address', async () => {
    const res = await login(PASSWORD, '10.2.2.2');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('admin');
  });
});
