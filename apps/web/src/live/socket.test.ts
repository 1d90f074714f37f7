import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket as NodeWebSocket } from 'ws';

// The browser globals LiveSocket uses, on Node: the `ws` client speaks the same WebSocket API.
const g = globalThis as unknown as Record<string, unknown>;
g.window = new EventTarget();
g.navigator ??= { onLine: true };
g.WebSocket = NodeWebSocket;
const { LiveSocket } = await import('./socket');

type Msg = Record<string, unknown>;

/** A scripted server: records every connection and what each client sent. */
async function server() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const conns: Array<{ ws: NodeWebSocket; got: Msg[] }> = [];
  wss.on('connection', (ws) => {
    const c = { ws, got: [] as Msg[] };
    conns.push(c);
    ws.on('message', (m) => c.got.push(JSON.parse(String(m)) as Msg));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    conns,
    close: () => {
      for (const c of conns) c.ws.terminate();
      return new Promise((r) => wss.close(r));
    },
  };
}

async function until<T>(probe: () => T | undefined | false | 0): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const v = probe();
    if (v !== undefined && v !== false && v !== 0) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never held');
}

function harness() {
  const applied: string[] = [];
  const revoked: string[] = [];
  const sink = {
    snapshot: (t: string, d: unknown) => (applied.push(`snap ${t} ${JSON.stringify(d)}`), true),
    delta: (t: string, d: unknown) => (applied.push(`delta ${t} ${JSON.stringify(d)}`), true),
  };
  return {
    applied,
    revoked,
    events: { revoked: (r: string) => revoked.push(r), refused: () => {} },
    sink,
  };
}

let stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const s of stops.reverse()) await s();
  stops = [];
});

describe('LiveSocket (the browser client) against a scripted server', () => {
  it('applies deltas that start at the held seq (coalesced too) and resyncs on a hole', async () => {
    const srv = await server();
    const h = harness();
    const live = new LiveSocket(() => srv.url, h.sink, h.events);
    stops.push(() => live.stop(), srv.close);
    live.start();
    live.retain('fills');
    const c = await until(() => srv.conns[0]?.got.length && srv.conns[0]);
    expect(c.got[0]).toMatchObject({ type: 'subscribe', topics: ['fills'] });
    const send = (m: Msg) => c.ws.send(JSON.stringify(m));
    send({ type: 'snapshot', topic: 'fills', seq: 10, data: [] });
    send({ type: 'delta', topic: 'fills', prev: 10, seq: 13, data: { add: [] } });
    send({ type: 'delta', topic: 'fills', prev: 12, seq: 13, data: { add: [] } }); // overlap
    send({ type: 'delta', topic: 'fills', prev: 20, seq: 21, data: { add: [] } }); // hole
    await until(() => c.got.length >= 3);
    expect(h.applied).toEqual(['snap fills []', 'delta fills {"add":[]}']);
    expect(c.got.slice(1)).toEqual([
      { type: 'unsubscribe', topics: ['fills'] },
      { type: 'subscribe', topics: ['fills'] },
    ]);
  });

  it('after the socket drops, reconnects by itself and resumes from the last seq', async () => {
    const srv = await server();
    const h = harness();
    const live = new LiveSocket(() => srv.url, h.sink, h.events);
    stops.push(() => live.stop(), srv.close);
    live.start();
    live.retain('orders');
    const first = await until(() => srv.conns[0]?.got.length && srv.conns[0]);
    first.ws.send(JSON.stringify({ type: 'snapshot', topic: 'orders', seq: 7, data: [] }));
    await until(() => h.applied.length === 1);
    first.ws.terminate(); // the instance died
    await until(() => live.getState().status === 'reconnecting');
    const second = await until(() => srv.conns[1]?.got.length && srv.conns[1]);
    expect(second.got[0]).toEqual({ type: 'subscribe', topics: ['orders'], since: { orders: 7 } });
  });

  it('moves to a new socket when told to reconnect, and stops for good when revoked', async () => {
    const srv = await server();
    const h = harness();
    const live = new LiveSocket(() => srv.url, h.sink, h.events);
    stops.push(() => live.stop(), srv.close);
    live.start();
    const first = await until(() => srv.conns[0]);
    await until(() => live.getState().status === 'connected');
    first.ws.send(JSON.stringify({ type: 'reconnect', afterMs: 0 }));
    const second = await until(() => srv.conns[1]);
    await until(() => live.getState().status === 'connected');
    second.ws.close(4001, 'logged out elsewhere');
    await until(() => h.revoked.length === 1);
    expect(h.revoked).toEqual(['logged out elsewhere']);
    expect(live.getState().status).toBe('idle');
  });

  it('resyncs a topic whose accepted delta the sink rejects later, and does not call it fresh', async () => {
    const srv = await server();
    const h = harness();
    let reject: (() => void) | undefined;
    const sink = {
      ...h.sink,
      delta: (_t: string, _d: unknown, rejected: () => void) => ((reject = rejected), true),
    };
    const live = new LiveSocket(() => srv.url, sink, h.events);
    stops.push(() => live.stop(), srv.close);
    live.start();
    live.retain('positions');
    const c = await until(() => srv.conns[0]?.got.length && srv.conns[0]);
    c.ws.send(JSON.stringify({ type: 'snapshot', topic: 'positions', seq: 1, data: [] }));
    await until(() => h.applied.length === 1);
    const snapshotAt = live.freshAt('positions')!;
    await new Promise((r) => setTimeout(r, 5));
    const delta = { upsert: [], remove: [] };
    c.ws.send(JSON.stringify({ type: 'delta', topic: 'positions', prev: 1, seq: 2, data: delta }));
    await until(() => reject);
    reject!(); // validated after a frame: malformed
    await until(() => c.got.length >= 3);
    expect(c.got.slice(1)).toEqual([
      { type: 'unsubscribe', topics: ['positions'] },
      { type: 'subscribe', topics: ['positions'] },
    ]);
    expect(live.freshAt('positions')).toBe(snapshotAt); // stale: as of the last valid data
    // A delta on the old seq chain is not applied while the topic waits for its snapshot.
    reject = undefined;
    c.ws.send(JSON.stringify({ type: 'delta', topic: 'positions', prev: 2, seq: 3, data: delta }));
    await new Promise((r) => setTimeout(r, 50));
    expect(reject).toBeUndefined();
  });
});
