import { randomBytes } from 'node:crypto';
import {
  RedisBus,
  RedisSessionStore,
  SessionCipher,
  createLogger,
  redisClient,
  type Redis,
} from '@qd/platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { Harness, PASSWORD, UA } from '../security/harness';
import { MemorySocketQuota, RedisSocketQuota, type SocketQuota } from './socketQuota';

const logger = createLogger('t', 'silent');
const redisClients: Redis[] = [];
const redis = () => {
  const r = redisClient(inject('redisUrl'));
  redisClients.push(r);
  return r;
};
afterAll(async () => {
  for (const r of redisClients) r.disconnect();
});

// The same admission contract, counted in this process or in Redis.
const kinds: Array<[string, (limit: number) => SocketQuota]> = [
  ['memory', (limit) => new MemorySocketQuota(limit)],
  [
    'redis',
    (limit) => new RedisSocketQuota(redis(), limit, `i-${randomBytes(3).toString('hex')}`, logger),
  ],
];

describe.each(kinds)('socket quota contract (%s)', (_name, make) => {
  it('admits up to the limit per user, refuses beyond, and a release frees a place once', async () => {
    const q = make(2);
    const user = `u-${randomBytes(4).toString('hex')}`;
    const a = await q.acquire(user);
    const b = await q.acquire(user);
    expect(a && b).toBeTruthy();
    expect(await q.acquire(user)).toBeNull();
    expect(await q.acquire(`${user}-other`)).not.toBeNull(); // per user
    a!.release();
    a!.release(); // a double release does not free a second place
    expect(await q.acquire(user)).not.toBeNull();
    expect(await q.acquire(user)).toBeNull();
    await q.close();
  });
});

describe('socket quota across instances (real Redis)', () => {
  it('counts one user over two instances; a killed instance stops counting after the TTL', async () => {
    const user = `u-${randomBytes(4).toString('hex')}`;
    const opts = { ttlMs: 1500, refreshMs: 300 };
    const deadConn = redis();
    const doomed = new RedisSocketQuota(deadConn, 3, 'doomed', logger, opts);
    const survivor = new RedisSocketQuota(redis(), 3, 'survivor', logger, opts);
    expect(await doomed.acquire(user)).not.toBeNull();
    expect(await doomed.acquire(user)).not.toBeNull();
    expect(await survivor.acquire(user)).not.toBeNull();
    expect(await survivor.acquire(user)).toBeNull(); // 3 held over the two instances
    // Kill: the instance vanishes without releasing anything (no refresh, no cleanup).
    deadConn.disconnect();
    expect(await survivor.acquire(user)).toBeNull(); // its sockets still count for now
    let freed = null;
    for (let i = 0; i < 100 && !freed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      freed = await survivor.acquire(user);
    }
    expect(freed).not.toBeNull();
    // The dead instance's two entries lapsed; the survivor's own (refreshed) one still counts.
    expect(await survivor.acquire(user)).not.toBeNull();
    expect(await survivor.acquire(user)).toBeNull();
    await survivor.close();
  });
});

describe('per-user socket cap over two console instances (real Redis)', () => {
  let a: Harness;
  let b: Harness;
  let baseA: string;
  let baseB: string;
  const closers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    const cipher = new SessionCipher([{ kid: 'k', key: randomBytes(32) }]);
    const part = () => {
      const bus = new RedisBus(inject('redisUrl'));
      const store = new RedisSessionStore(inject('redisUrl'), cipher);
      closers.push(bus, store);
      return { bus, store, redis: redis(), cipher, env: { QD_WS_MAX_PER_USER: '2' } };
    };
    a = await Harness.start({ ...part(), gateway: true });
    b = await Harness.start({ ...part(), db: a.handle, gatewayUrl: a.gatewayUrl });
    baseA = await a.app.listen({ host: '127.0.0.1', port: 0 });
    baseB = await b.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    for (const c of closers) await c.close();
  });

  async function signIn(base: string) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': UA },
      body: JSON.stringify({ username: 'viewer', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  function socket(base: string, cookie: string) {
    const ws = new WebSocket(base.replace('http', 'ws') + '/ws', {
      headers: { cookie, origin: base, 'user-agent': UA },
    });
    const frames: Array<Record<string, unknown>> = [];
    ws.on('message', (m) => frames.push(JSON.parse(m.toString())));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    const opened = new Promise<void>((r) => ws.on('open', () => r()));
    return { ws, frames, closed, opened };
  }
  const subscribed = async (s: ReturnType<typeof socket>) => {
    await s.opened;
    s.ws.send(JSON.stringify({ type: 'subscribe', topics: ['killswitch'] }));
    for (let i = 0; i < 250 && !s.frames.some((f) => f.type === 'snapshot'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(s.frames.some((f) => f.type === 'snapshot')).toBe(true);
  };

  it('a third socket of the same user is refused with 4029 on either instance; a close frees it', async () => {
    const cookieA = await signIn(baseA);
    const cookieB = await signIn(baseB);
    const one = socket(baseA, cookieA);
    await subscribed(one);
    const two = socket(baseB, cookieB);
    await subscribed(two);
    const three = socket(baseA, cookieA);
    expect(await three.closed).toBe(4029);
    expect(three.frames).toContainEqual(
      expect.objectContaining({ type: 'error', code: 'TOO_MANY_CONNECTIONS' }),
    );
    two.ws.close();
    await two.closed;
    await new Promise((r) => setTimeout(r, 100)); // the release reaches Redis
    const four = socket(baseA, cookieA);
    await subscribed(four);
    one.ws.close();
    four.ws.close();
  });
});
