import { schema, type DatabaseHandle } from '@qd/platform';
import { databaseTargets } from '@qd/platform/testing';
import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { verifyAuditChain } from './audit/auditLog';
import { installGuard } from './http/guard';
import { TEST_PASSWORD as PASSWORD, startConsoleKit, type ConsoleKit } from './consoleTestKit';

type Body = Record<string, string> & { errors?: unknown };
const body = async (r: Response): Promise<Body> => (await r.json()) as Body;
const order = { symbol: 'AAPL', side: 'buy', qty: '3', type: 'market', tif: 'day' };

// The whole server side as `npm start` runs it (gateway embedded, called in process), end to end
// over real HTTP and WebSocket, on each database engine.
describe.each(databaseTargets(inject('postgresUrl')))('console + gateway on $name', (target) => {
  let handle: DatabaseHandle;
  let base: string;
  let kit: ConsoleKit;

  beforeAll(async () => {
    // MFA policy off here: these tests are about trading and sessions (the security suite
    // covers MFA).
    kit = await startConsoleKit({
      open: () => target.open(),
      gateway: 'embedded', // as `npm start` runs it
      env: { QD_MARKET_TICK_MS: '100', QD_MFA_REQUIRED_ROLES: 'none' },
      admin: PASSWORD,
      users: { vera: 'viewer' },
    });
    ({ handle, base } = kit);
  });
  afterAll(async () => {
    await kit?.close();
  });

  async function login(username = 'admin', password = PASSWORD) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return {
      res,
      cookie,
      csrf: res.ok ? ((await body(res)) as { csrfToken: string }).csrfToken : '',
    };
  }
  const post = (path: string, body: unknown, h: Record<string, string> = {}) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...h },
      body: JSON.stringify(body),
    });
  const orderCount = async () => (await handle.db.select().from(schema.orders)).length;

  it('logs in with a session cookie that is signed, HttpOnly and SameSite=Strict', async () => {
    const { res } = await login();
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^qd_session=[^;]+\.[^;]+;/); // value.signature
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong password with the same message as an unknown user, and audits both', async () => {
    const wrong = await login('admin', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.res.status).toBe(401);
    const a = await body(wrong.res);
    const b = await body(unknown.res);
    expect(a.code).toBe('INVALID_CREDENTIALS');
    expect(a.detail).toBe(b.detail);
    const failures = await handle.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.outcome, 'failure'));
    expect(failures.map((f) => f.actor)).toEqual(expect.arrayContaining(['admin', 'nobody']));
  });

  it('gives a new session id on every login (no fixation)', async () => {
    const first = await login();
    const second = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie2 = second.headers.get('set-cookie')!.split(';')[0];
    expect(cookie2).not.toBe(first.cookie);
    const old = await fetch(`${base}/api/v1/auth/session`, { headers: { cookie: first.cookie } });
    expect(old.status).toBe(401);
  });

  it('refuses a tampered cookie', async () => {
    const { cookie } = await login();
    const tampered = cookie.slice(0, -2) + (cookie.endsWith('A') ? 'BB' : 'AA');
    expect((await fetch(`${base}/api/v1/account`, { headers: { cookie: tampered } })).status).toBe(
      401,
    );
  });

  it('places an order through the gateway and returns the same order for a retry', async () => {
    const { cookie, csrf } = await login();
    const h = { cookie, 'x-csrf-token': csrf };
    const first = await post('/orders', order, h);
    expect(first.status).toBe(201);
    const again = await post('/orders', order, h);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect((await body(again)).id).toBe((await body(first)).id);
  });

  it('without a CSRF token, or with a wrong one, refuses and places nothing', async () => {
    const { cookie } = await login();
    const before = await orderCount();
    expect((await post('/orders', order, { cookie })).status).toBe(403);
    const wrong = await post('/orders', order, { cookie, 'x-csrf-token': 'forged' });
    expect((await body(wrong)).code).toBe('CSRF_FAILED');
    expect(await orderCount()).toBe(before);
  });

  it('without a session, refuses with 401', async () => {
    const res = await post('/orders', order);
    expect(res.status).toBe(401);
    expect((await body(res)).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['an unknown order type', { ...order, type: 'iceberg' }, 'type'],
    ['a zero quantity', { ...order, qty: '0' }, 'qty'],
    ['a fractional quantity', { ...order, qty: '1.5' }, 'qty'],
    ['a limit order without a price', { ...order, type: 'limit' }, 'limitPrice'],
    ['an unknown field', { ...order, leverage: 10 }, 'body'],
  ])(
    'rejects %s with a problem naming the field, and writes nothing',
    async (_name, payload, field) => {
      const { cookie, csrf } = await login();
      const before = await orderCount();
      const res = await post('/orders', payload, { cookie, 'x-csrf-token': csrf });
      expect(res.status).toBe(400);
      const problem = await body(res);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(problem.errors)).toContain(field);
      expect(await orderCount()).toBe(before);
    },
  );

  it('rejects malformed JSON with MALFORMED_JSON', async () => {
    const { cookie, csrf } = await login();
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: '{"symbol":',
    });
    expect(res.status).toBe(400);
    expect((await body(res)).code).toBe('MALFORMED_JSON');
  });

  it('lets a viewer read but not trade or engage the kill switch', async () => {
    const { cookie, csrf } = await login('vera');
    expect((await fetch(`${base}/api/v1/positions`, { headers: { cookie } })).status).toBe(200);
    const before = await orderCount();
    expect((await post('/orders', order, { cookie, 'x-csrf-token': csrf })).status).toBe(403);
    expect(
      (
        await post(
          '/kill-switch/engage',
          { reason: 'viewer should not do this' },
          { cookie, 'x-csrf-token': csrf },
        )
      ).status,
    ).toBe(403);
    expect(await orderCount()).toBe(before);
  });

  it('keeps an intact audit hash chain, and detects a tampered row', async () => {
    expect(await verifyAuditChain(handle.db)).toBeNull();
    const [row] = await handle.db.select().from(schema.auditLog).limit(1);
    await handle.db.execute(sql`update audit_log set actor = 'mallory' where id = ${row!.id}`);
    expect(await verifyAuditChain(handle.db)).toBe(row!.id);
    await handle.db.execute(sql`update audit_log set actor = ${row!.actor} where id = ${row!.id}`);
    expect(await verifyAuditChain(handle.db)).toBeNull();
  });

  describe('WebSocket', () => {
    const wsUrl = () => base.replace('http', 'ws') + '/ws';
    const open = (headers: Record<string, string>) =>
      new Promise<{ ws: WebSocket; frames: Array<Record<string, unknown>> }>((resolve, reject) => {
        // Same user agent as fetch's: sessions are bound to the device that signed in.
        const ws = new WebSocket(wsUrl(), { headers: { 'user-agent': 'node', ...headers } });
        const frames: Array<Record<string, unknown>> = [];
        ws.on('message', (m) => frames.push(JSON.parse(m.toString())));
        ws.on('open', () => resolve({ ws, frames }));
        ws.on('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
      });
    const until = async (
      frames: Array<Record<string, unknown>>,
      pred: (f: Record<string, unknown>) => boolean,
    ) => {
      for (let i = 0; i < 100; i++) {
        const hit = frames.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('frame never arrived');
    };

    it('refuses an upgrade without a session (401) or from a foreign Origin (403)', async () => {
      await expect(open({ origin: base })).rejects.toThrow('401');
      const { cookie } = await login();
      await expect(open({ cookie, origin: 'https://evil.example' })).rejects.toThrow('403');
    });

    it('sends a snapshot, then deltas with increasing seq as orders fill', async () => {
      const { cookie, csrf } = await login();
      const { ws, frames } = await open({ cookie, origin: base });
      ws.send(JSON.stringify({ type: 'subscribe', topics: ['fills', 'positions', 'prices:AAPL'] }));
      const snap = await until(frames, (f) => f.type === 'snapshot' && f.topic === 'fills');
      await post('/orders', { ...order, qty: '7' }, { cookie, 'x-csrf-token': csrf });
      const delta = await until(frames, (f) => f.type === 'delta' && f.topic === 'fills');
      expect(delta.seq as number).toBeGreaterThan(snap.seq as number);
      expect(JSON.stringify(delta.data)).toContain('"qty":"7"');
      await until(frames, (f) => f.type === 'delta' && f.topic === 'prices:AAPL');
      ws.close();
    });

    it('refuses a topic the role may not read, and an unknown topic', async () => {
      const { cookie } = await login();
      const { ws, frames } = await open({ cookie, origin: base });
      ws.send(JSON.stringify({ type: 'subscribe', topics: ['secrets'] }));
      const err = await until(frames, (f) => f.type === 'error');
      expect(err.code).toBe('VALIDATION_FAILED');
      ws.close();
    });

    it('tells an open socket its session was revoked on logout, and closes it', async () => {
      const { cookie, csrf } = await login();
      const { ws, frames } = await open({ cookie, origin: base });
      const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
      await post('/auth/logout', {}, { cookie, 'x-csrf-token': csrf });
      expect(await closed).toBe(4001);
      expect(frames.some((f) => f.type === 'revoked')).toBe(true);
    });
  });
});

describe('route permissions', () => {
  it('refuses to register an /api route that declares no permission', async () => {
    const app = Fastify();
    installGuard(app, {} as never);
    expect(() => app.get('/api/v1/oops', async () => 'x')).toThrow(/declares no permission/);
  });
});
