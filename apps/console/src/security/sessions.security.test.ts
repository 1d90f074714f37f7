import { MemorySessionStore, SessionCipher } from '@qd/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, IP, UA, cookieOf } from './harness';

describe('sessions: cookie, fixation, expiry, device binding', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('sets an HttpOnly, SameSite=Strict, signed cookie holding only an opaque id', async () => {
    const res = await h.loginResponse('viewer');
    const c = res.cookies.find((x) => x.name === 'qd_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.path).toBe('/');
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/_-]+$/); // id.signature
    expect(c.value).not.toContain('viewer');
  });

  it('gives a new session id on login even when the browser presents one (no fixation)', async () => {
    const first = await h.login('viewer');
    const res = await h.loginResponse('viewer', {}, { cookie: first.cookie });
    const second = cookieOf(res)!;
    expect(second).not.toBe(first.cookie);
    expect((await h.request(first, 'GET', '/auth/session')).statusCode).toBe(401);
    expect((await h.request({ cookie: second }, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('ignores a session id planted by an attacker before login', async () => {
    const res = await h.loginResponse('viewer', {}, { cookie: 'qd_session=attacker-chosen-id' });
    expect(cookieOf(res)).not.toContain('attacker-chosen-id');
  });

  it('refuses a tampered cookie (signature no longer matches)', async () => {
    const b = await h.login('viewer');
    const [name, value] = b.cookie.split('=') as [string, string];
    const flipped = value[0] === 'A' ? `B${value.slice(1)}` : `A${value.slice(1)}`;
    const res = await h.request({ ...b, cookie: `${name}=${flipped}` }, 'GET', '/account');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged cookie: an unsigned id, or one signed with another secret', async () => {
    const b = await h.login('viewer');
    const id = b.cookie.split('=')[1]!.split('.')[0]!;
    expect((await h.request({ cookie: `qd_session=${id}` }, 'GET', '/account')).statusCode).toBe(
      401,
    );
    const forged = `qd_session=${id}.${Buffer.from('not-the-signature').toString('base64')}`;
    expect((await h.request({ cookie: forged }, 'GET', '/account')).statusCode).toBe(401);
  });

  it('ends a session after the idle timeout', async () => {
    const b = await h.login('viewer');
    h.clock += 16 * 60_000;
    const res = await h.request(b, 'GET', '/account');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'SESSION_EXPIRED',
      detail: expect.stringMatching(/expired/),
    });
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
  });

  it('re-stores the idle timer at most every 15 s, so a session never outlives the idle timeout', async () => {
    const b = await h.login('viewer');
    h.clock += 10_000; // within the touch interval: not re-stored
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(200);
    h.clock += 15 * 60_000 - 10_000; // 15 min after sign-in, 14:50 after the last request
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
    const c = await h.login('viewer');
    h.clock += 15_000; // due: re-stored
    expect((await h.request(c, 'GET', '/auth/session')).statusCode).toBe(200);
    h.clock += 15 * 60_000 - 1_000; // 15:14 after sign-in, 14:59 after the last request
    expect((await h.request(c, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('ends a session at the absolute timeout even when it is used all the time', async () => {
    const b = await h.login('viewer');
    for (let minutes = 14; minutes <= 238; minutes += 14) {
      h.clock += 14 * 60_000;
      expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(200);
    }
    h.clock += 14 * 60_000; // 252 minutes after sign-in: past the 4-hour limit
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
  });

  it('refuses a stolen cookie used from another device (different user agent) and audits it', async () => {
    const b = await h.login('viewer');
    const res = await h.request({ ...b, ua: 'curl/8.0' }, 'GET', '/account');
    expect(res.statusCode).toBe(401);
    const rows = await h.audits('session.device_mismatch');
    expect(rows.at(-1)).toMatchObject({ outcome: 'denied', userAgent: 'curl/8.0', ip: IP });
    // The owner keeps working.
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('refuses the cookie from another network, but not from the same subnet', async () => {
    const b = await h.login('viewer');
    expect((await h.request({ ...b, ip: '192.0.2.9' }, 'GET', '/auth/session')).statusCode).toBe(
      401,
    );
    expect((await h.request({ ...b, ip: '10.20.30.99' }, 'GET', '/auth/session')).statusCode).toBe(
      200,
    );
  });
});

describe('sessions: address binding honours trusted proxies only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({
      env: { QD_TRUSTED_PROXIES: '127.0.0.1', QD_SESSION_IP_BINDING: 'exact' },
    });
  });
  afterAll(() => h.close());

  it('uses X-Forwarded-For from a trusted proxy as the client address', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { 'user-agent': UA, 'x-forwarded-for': '198.51.100.7' },
      payload: { username: 'viewer', password: 'violet-anchor-drifts-north' },
    });
    const rows = await h.audits('auth.login');
    expect(rows.at(-1)).toMatchObject({ outcome: 'success', ip: '198.51.100.7' });
    const cookie = cookieOf(res)!;
    const via = (xff: string) =>
      h.app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        remoteAddress: '127.0.0.1',
        headers: { 'user-agent': UA, 'x-forwarded-for': xff, cookie },
      });
    expect((await via('198.51.100.7')).statusCode).toBe(200);
    expect((await via('203.0.113.5')).statusCode).toBe(401);
  });

  it('ignores X-Forwarded-For from an untrusted address (cannot spoof its way past binding)', async () => {
    const b = await h.login('viewer', {}, { ip: '10.0.0.5' });
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      remoteAddress: '10.9.9.9',
      headers: { 'user-agent': UA, 'x-forwarded-for': '10.0.0.5', cookie: b.cookie },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('sessions: secure cookies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: { QD_SECURE_COOKIES: 'true' } });
  });
  afterAll(() => h.close());

  it('names the cookie __Host- and marks it Secure, with path / and no Domain', async () => {
    const res = await h.loginResponse('viewer');
    const c = res.cookies.find((x) => x.value)!;
    expect(c.name).toBe('__Host-qd_session');
    expect(c.secure).toBe(true);
    expect(c.path).toBe('/');
    expect(c.domain).toBeUndefined();
    const b = await h.login('viewer');
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(200);
    // The plain name is not accepted in its place.
    const plain = `qd_session=${b.cookie.split('=').slice(1).join('=')}`;
    expect((await h.request({ cookie: plain }, 'GET', '/auth/session')).statusCode).toBe(401);
  });
});

describe('sessions: list, revoke, log out everywhere', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('lists my sessions and marks this device', async () => {
    const a = await h.login('operator');
    const b = await h.login('operator', {}, { ua: 'Other Browser/2.0', ip: '10.1.1.1' });
    const list = (await h.request(a, 'GET', '/auth/sessions')).json() as Array<
      Record<string, unknown>
    >;
    const me = (await h.request(a, 'GET', '/auth/session')).json();
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.find((s) => s.current)!.handle).toBe(me.handle);
    expect(list.map((s) => s.userAgent)).toEqual(expect.arrayContaining([UA, 'Other Browser/2.0']));
    expect(JSON.stringify(list)).not.toContain(a.cookie.split('=')[1]!.split('.')[0]!);
    await h.request(b, 'POST', '/auth/logout-all');
  });

  it('ends another of my sessions by its handle', async () => {
    const a = await h.login('operator');
    const b = await h.login('operator', {}, { ua: 'Phone/1.0' });
    const bHandle = (await h.request(b, 'GET', '/auth/session')).json().handle;
    const res = await h.request(a, 'DELETE', `/auth/sessions/${bHandle}`);
    expect(res.statusCode).toBe(204);
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
    expect((await h.request(a, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it("cannot see or end another user's session (no IDOR)", async () => {
    const mine = await h.login('viewer');
    const theirs = await h.login('researcher');
    const theirHandle = (await h.request(theirs, 'GET', '/auth/session')).json().handle;
    const list = (await h.request(mine, 'GET', '/auth/sessions')).json() as Array<{
      handle: string;
    }>;
    expect(list.map((s) => s.handle)).not.toContain(theirHandle);
    const res = await h.request(mine, 'DELETE', `/auth/sessions/${theirHandle}`);
    expect(res.statusCode).toBe(404);
    expect((await h.request(theirs, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('logs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const a = await h.login('operator');
    const b = await h.login('operator', {}, { ua: 'Tablet/3.0' });
    const other = await h.login('viewer');
    expect((await h.request(a, 'POST', '/auth/logout-all')).statusCode).toBe(204);
    expect((await h.request(a, 'GET', '/auth/session')).statusCode).toBe(401);
    expect((await h.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
    expect((await h.request(other, 'GET', '/auth/session')).statusCode).toBe(200);
  });

  it('logout ends the session and clears the cookie', async () => {
    const a = await h.login('viewer');
    const res = await h.request(a, 'POST', '/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'qd_session')?.value).toBe('');
    expect((await h.request(a, 'GET', '/auth/session')).statusCode).toBe(401);
  });
});

describe('sessions: key rotation keeps people signed in', () => {
  it('a session written under the old key still works after the key ring gains a new first key', async () => {
    const k1 = { kid: 'k1', key: Buffer.alloc(32, 1) };
    const k2 = { kid: 'k2', key: Buffer.alloc(32, 2) };
    const h1 = await Harness.start({ cipher: new SessionCipher([k1]) });
    const store = new MemorySessionStore(() => h1.clock, new SessionCipher([k1]));
    await h1.close();
    const a = await Harness.start({ store, cipher: new SessionCipher([k1]) });
    const b = await a.login('viewer');
    // Without the old key the session cannot be read: treated as absent, not an error.
    const dropped = await Harness.start({
      db: a.handle,
      store: store.withCipher(new SessionCipher([k2])),
      cipher: new SessionCipher([k2]),
    });
    expect((await dropped.request(b, 'GET', '/auth/session')).statusCode).toBe(401);
    const rotated = await Harness.start({
      db: a.handle,
      store: store.withCipher(new SessionCipher([k2, k1])),
      cipher: new SessionCipher([k2, k1]),
    });
    expect((await rotated.request(b, 'GET', '/auth/session')).statusCode).toBe(200);
    await dropped.close();
    await rotated.close();
    await a.close();
  });
});
