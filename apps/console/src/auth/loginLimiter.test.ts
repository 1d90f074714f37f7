import {
  MemoryBus,
  MemorySessionStore,
  createLogger,
  loadConfig,
  openDatabase,
  type DatabaseHandle,
} from '@qd/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, type ConsoleServer } from '../server';
import { LoginLimiter } from './loginLimiter';
import { seedAdmin } from './users';

const PASSWORD = 'correct-horse-battery-staple';

describe('LoginLimiter', () => {
  it('blocks a username from one address after the allowed failures', async () => {
    const limiter = new LoginLimiter({ perUserAndAddress: 3, perAddress: 100, blockMinutes: 15 });
    for (let i = 0; i < 2; i++) await limiter.recordFailure('alice', '10.0.0.1');
    expect(await limiter.blockedFor('alice', '10.0.0.1')).toBe(0);
    await limiter.recordFailure('alice', '10.0.0.1');
    expect(await limiter.blockedFor('alice', '10.0.0.1')).toBeGreaterThan(14 * 60_000);
  });

  it('does not let failures from one address lock the user out of another', async () => {
    const limiter = new LoginLimiter({ perUserAndAddress: 3, perAddress: 100, blockMinutes: 15 });
    for (let i = 0; i < 10; i++) await limiter.recordFailure('alice', '10.0.0.66');
    expect(await limiter.blockedFor('alice', '10.0.0.1')).toBe(0);
  });

  it('blocks an address that sprays many usernames', async () => {
    const limiter = new LoginLimiter({ perUserAndAddress: 3, perAddress: 5, blockMinutes: 15 });
    for (let i = 0; i < 5; i++) await limiter.recordFailure(`user${i}`, '10.0.0.66');
    expect(await limiter.blockedFor('someone-else', '10.0.0.66')).toBeGreaterThan(0);
  });

  it('clears the failures of a username and address after a successful sign-in', async () => {
    const limiter = new LoginLimiter({ perUserAndAddress: 3, perAddress: 100, blockMinutes: 15 });
    for (let i = 0; i < 2; i++) await limiter.recordFailure('alice', '10.0.0.1');
    await limiter.recordSuccess('alice', '10.0.0.1');
    await limiter.recordFailure('alice', '10.0.0.1');
    expect(await limiter.blockedFor('alice', '10.0.0.1')).toBe(0);
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
      config: loadConfig({ QD_LOG_LEVEL: 'silent' }),
      db: handle.db,
      bus: new MemoryBus(),
      sessions: new MemorySessionStore(),
      logger: createLogger('t', 'silent'),
      gatewayBaseUrl: 'http://127.0.0.1:9',
      serviceToken: 'x'.repeat(40),
      sessionSecret: 's'.repeat(40),
      loginLimits: { perUserAndAddress: 3, perAddress: 100, blockMinutes: 15 },
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
