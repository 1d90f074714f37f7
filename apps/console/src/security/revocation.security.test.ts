import {
  RedisBus,
  RedisSessionStore,
  SessionCipher,
  type Bus,
  type SessionStore,
} from '@qd/platform';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { Harness, PASSWORD, UA } from './harness';

/** Two console instances sharing real Redis (bus and sessions) and one database and gateway. */
describe('revocation reaches open sockets on every console instance (Redis bus)', () => {
  let a: Harness;
  let b: Harness;
  let baseA: string;
  let baseB: string;
  const closers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    const cipher = new SessionCipher([{ kid: 'k', key: randomBytes(32) }]);
    const part = (): { bus: Bus; store: SessionStore } => {
      const bus = new RedisBus(inject('redisUrl'));
      const store = new RedisSessionStore(inject('redisUrl'), cipher);
      closers.push(bus, store);
      return { bus, store };
    };
    a = await Harness.start({ ...part(), cipher, gateway: true });
    b = await Harness.start({ ...part(), cipher, db: a.handle, gatewayUrl: a.gatewayUrl });
    baseA = await a.app.listen({ host: '127.0.0.1', port: 0 });
    baseB = await b.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    for (const c of closers) await c.close();
  });

  async function signIn(base: string, username: string) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': UA },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }
  const post = (
    base: string,
    path: string,
    s: { cookie: string; csrf: string },
    body: unknown = {},
  ) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': UA,
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
      },
      body: JSON.stringify(body),
    });
  function socket(base: string, cookie: string) {
    return new Promise<{ frames: Array<Record<string, unknown>>; closed: Promise<number> }>(
      (resolve, reject) => {
        const ws = new WebSocket(base.replace('http', 'ws') + '/ws', {
          headers: { cookie, origin: base, 'user-agent': UA },
        });
        const frames: Array<Record<string, unknown>> = [];
        ws.on('message', (m) => frames.push(JSON.parse(m.toString())));
        const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
        ws.on('open', () => resolve({ frames, closed }));
        ws.on('unexpected-response', (_q, res) => reject(new Error(String(res.statusCode))));
      },
    );
  }

  it('a session from one instance is valid on the other (shared, encrypted store)', async () => {
    const s = await signIn(baseA, 'viewer');
    const res = await fetch(`${baseB}/api/v1/auth/session`, {
      headers: { cookie: s.cookie, 'user-agent': UA },
    });
    expect(res.status).toBe(200);
  });

  it('logout on instance A closes the socket open on instance B with `revoked`', async () => {
    const s = await signIn(baseA, 'viewer');
    const ws = await socket(baseB, s.cookie);
    expect((await post(baseA, '/auth/logout', s)).status).toBe(204);
    expect(await ws.closed).toBe(4001);
    expect(ws.frames.find((f) => f.type === 'revoked')).toMatchObject({ reason: 'logged out' });
  });

  it('a password change closes the sockets of the user’s other sessions, on any instance', async () => {
    await a.addUser('pat', 'viewer');
    const phone = await signIn(baseA, 'pat');
    const desk = await signIn(baseB, 'pat');
    const ws = await socket(baseB, phone.cookie);
    const res = await post(baseB, '/auth/password', desk, {
      currentPassword: PASSWORD,
      newPassword: 'a-brand-new-passphrase-42',
    });
    expect(res.status).toBe(200);
    expect(await ws.closed).toBe(4001);
    expect(ws.frames.find((f) => f.type === 'revoked')).toMatchObject({
      reason: 'password changed',
    });
  });

  it('an administrator’s role change signs the user out and closes their sockets', async () => {
    await a.addUser('ray', 'operator');
    const ray = await signIn(baseA, 'ray');
    const ws = await socket(baseA, ray.cookie);
    const admin = await signIn(baseB, 'admin');
    const up = await post(baseB, '/auth/step-up', admin, { password: PASSWORD });
    const stepped = { cookie: up.headers.get('set-cookie')!.split(';')[0]!, csrf: admin.csrf };
    const res = await post(baseB, `/admin/users/${a.users.ray}/role`, stepped, {
      role: 'viewer',
      reason: 'moved desks',
    });
    expect(res.status).toBe(200);
    expect(await ws.closed).toBe(4001);
    const after = await fetch(`${baseA}/api/v1/auth/session`, {
      headers: { cookie: ray.cookie, 'user-agent': UA },
    });
    expect(after.status).toBe(401);
  });
});
