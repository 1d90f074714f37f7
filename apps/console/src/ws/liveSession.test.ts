import { SystemStatus, WS_CLOSE } from '@qd/contracts';
import { schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Harness, PASSWORD, UA } from '../security/harness';

// Open sockets against the sessions behind them, and the console-owned `system` topic.
let h: Harness;
let base: string;

beforeAll(async () => {
  h = await Harness.start({ gateway: true });
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await h?.close();
});

async function signIn(username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': UA },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

type Frame = Record<string, unknown>;
async function socket(cookie: string) {
  const ws = new WebSocket(base.replace('http', 'ws') + '/ws', {
    headers: { cookie, origin: base, 'user-agent': UA },
  });
  const frames: Frame[] = [];
  ws.on('message', (m) => frames.push(JSON.parse(m.toString())));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((r, j) => {
    ws.on('open', () => r());
    ws.on('unexpected-response', (_q, res) => j(new Error(String(res.statusCode))));
  });
  const until = async (pred: (f: Frame) => boolean, from = 0) => {
    for (let i = 0; i < 250; i++) {
      const f = frames.slice(from).find(pred);
      if (f) return f;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no such frame; got ${JSON.stringify(frames.slice(from))}`);
  };
  const send = (m: unknown) => ws.send(JSON.stringify(m));
  return { ws, frames, closed, until, send };
}

describe('revalidation of open sockets', () => {
  it('a socket whose session timed out while idle gets `revoked`; a live one stays', async () => {
    const stale = await socket(await signIn('viewer'));
    await h.addUser('viewer2', 'viewer');
    // The other user's session is refreshed by a request just before the check.
    const freshCookie = await signIn('viewer2');
    const fresh = await socket(freshCookie);
    h.clock += 14 * 60_000;
    await fetch(`${base}/api/v1/auth/session`, {
      headers: { cookie: freshCookie, 'user-agent': UA },
    });
    h.clock += 2 * 60_000; // viewer: 16 min idle (limit 15); viewer2: 2 min
    expect(await h.server.sessionWatch.check()).toBe(1);
    expect(await stale.until((f) => f.type === 'revoked')).toMatchObject({
      reason: 'session expired or ended',
    });
    expect(await stale.closed).toBe(WS_CLOSE.revoked);
    fresh.send({ type: 'ping' });
    await fresh.until((f) => f.type === 'pong');
    fresh.ws.close();
  });

  it('a socket whose session reached its absolute timeout gets `revoked`, though never idle', async () => {
    await h.addUser('marathon', 'viewer');
    const cookie = await signIn('marathon');
    const s = await socket(cookie);
    // Busy all along: a request every 14 minutes keeps the idle timer fresh for 238 minutes.
    for (let t = 0; t < 17; t++) {
      h.clock += 14 * 60_000;
      const res = await fetch(`${base}/api/v1/auth/session`, {
        headers: { cookie, 'user-agent': UA },
      });
      expect(res.status).toBe(200);
    }
    expect(await h.server.sessionWatch.check()).toBe(0);
    h.clock += 3 * 60_000; // 241 minutes old (limit 240), idle only 3
    expect(await h.server.sessionWatch.check()).toBe(1);
    expect(await s.closed).toBe(WS_CLOSE.revoked);
  });

  it('a socket whose user’s role changed (no revocation announced) gets `revoked`', async () => {
    const id = await h.addUser('shifty', 'operator');
    const s = await socket(await signIn('shifty'));
    expect(await h.server.sessionWatch.check()).toBe(0);
    await h.handle.db.update(schema.users).set({ role: 'viewer' }).where(eq(schema.users.id, id));
    expect(await h.server.sessionWatch.check()).toBe(1);
    expect(await s.until((f) => f.type === 'revoked')).toMatchObject({
      reason: 'role changed: sign in again',
    });
    expect(await s.closed).toBe(WS_CLOSE.revoked);
  });

  it('a disabled user’s socket gets `revoked`', async () => {
    const id = await h.addUser('leaver', 'viewer');
    const s = await socket(await signIn('leaver'));
    await h.handle.db.update(schema.users).set({ disabled: true }).where(eq(schema.users.id, id));
    expect(await h.server.sessionWatch.check()).toBe(1);
    expect(await s.closed).toBe(WS_CLOSE.revoked);
  });
});

describe('console-owned and new topics over the socket', () => {
  it('`system` is this instance’s view: snapshot, then deltas; a resume always gets a snapshot', async () => {
    const s = await socket(await signIn('viewer'));
    s.send({ type: 'subscribe', topics: ['system'] });
    const snap = await s.until((f) => f.type === 'snapshot' && f.topic === 'system');
    const status = SystemStatus.parse(snap.data);
    expect(status).toMatchObject({
      instanceId: h.server.system.instanceId,
      gateway: { ok: true },
      database: { ok: true },
      bus: { ok: true, kind: 'memory' },
    });
    await h.server.system.sample();
    const delta = await s.until((f) => f.type === 'delta' && f.topic === 'system');
    expect(delta.prev).toBe(snap.seq);
    expect(SystemStatus.parse(delta.data).connectedClients).toBeGreaterThanOrEqual(1);
    // A resume with the current seq (as if from another instance with the same number).
    const from = s.frames.length;
    s.send({ type: 'subscribe', topics: ['system'], since: { system: delta.seq } });
    await s.until((f) => f.type === 'snapshot' && f.topic === 'system', from);
    s.ws.close();
  });

  it('serves pnl, alerts and jobs:{id} snapshots; an unknown job is NOT_FOUND; viewers may read them', async () => {
    const s = await socket(await signIn('viewer'));
    s.send({ type: 'subscribe', topics: ['pnl', 'alerts', 'jobs:no-such-job'] });
    for (const topic of ['pnl', 'alerts'])
      expect((await s.until((f) => f.type === 'snapshot' && f.topic === topic)).data).toEqual(
        expect.any(Array),
      );
    expect(await s.until((f) => f.type === 'error')).toMatchObject({
      code: 'NOT_FOUND',
      topic: 'jobs:no-such-job',
    });
    s.ws.close();
  });
});
