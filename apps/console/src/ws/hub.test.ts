import { WS_CLOSE } from '@qd/contracts';
import { MemoryBus, RedisBus, createLogger, type Bus } from '@qd/platform';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Revocations } from '../auth/revocation';
import { NO_METRICS, type HubMetrics } from './hubMetrics';
import {
  ScriptedSource,
  connect,
  eventually,
  replayFrames,
  session,
  startHub,
  type Frame,
} from './hubHarness';

const fill = (id: string) => ({ id, symbol: 'AAPL', qty: '1', price: '1', ts: id });
const pos = (symbol: string, pad = '') => ({ symbol, qty: '1', note: pad });

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup(
  opts: Parameters<typeof startHub>[2] = {},
  bus: Bus = new MemoryBus(),
  metrics?: HubMetrics,
) {
  const source = new ScriptedSource(bus);
  source.set('fills', []);
  source.set('positions', []);
  source.set('prices:AAPL', { last: '0' });
  const h = await startHub(bus, source, opts, metrics);
  cleanups.push(() => h.stop());
  return { ...h, source, bus };
}

const deltas = (frames: Frame[], topic: string) =>
  frames.filter((f) => f.type === 'delta' && f.topic === topic);

describe('hub: seq, resume and gaps', () => {
  it('sends a snapshot, then a gapless chain of deltas ending at the source state', async () => {
    const { url, source } = await setup({ maxRate: 1000 });
    const c = await connect(url);
    c.send({ type: 'subscribe', topics: ['fills'] });
    await c.until((f) => f.type === 'snapshot');
    for (let i = 0; i < 30; i++) await source.publish('fills', { add: [fill(`f${i}`)] });
    const final = source.state.get('fills')!;
    await c.until((f) => f.type === 'delta' && f.seq === final.seq);
    expect(replayFrames('fills', c.frames)).toEqual(final);
  });

  it('on resume, replays exactly the missed deltas (no snapshot) when they are buffered', async () => {
    const { url, source } = await setup({ maxRate: 1000, replay: 50 });
    const a = await connect(url);
    a.send({ type: 'subscribe', topics: ['fills'] });
    await a.until((f) => f.type === 'snapshot');
    const held = await source.publish('fills', { add: [fill('a')] });
    await a.until((f) => f.seq === held);
    a.ws.close();
    const missed: number[] = [];
    for (let i = 0; i < 5; i++)
      missed.push(await source.publish('fills', { add: [fill(`m${i}`)] }));
    const b = await connect(url);
    b.send({ type: 'subscribe', topics: ['fills'], since: { fills: held } });
    await b.until((f) => f.seq === missed.at(-1));
    expect(b.frames.map((f) => f.type)).toEqual(Array(5).fill('delta'));
    expect(b.frames.map((f) => [f.prev, f.seq])).toEqual(missed.map((s) => [s - 1, s]));
  });

  it('sends nothing for a topic the client is already current on', async () => {
    const { url, source } = await setup({ maxRate: 1000 });
    const a = await connect(url);
    a.send({ type: 'subscribe', topics: ['fills'] });
    const snap = await a.until((f) => f.type === 'snapshot');
    a.send({ type: 'subscribe', topics: ['prices:AAPL'], since: {} });
    a.send({ type: 'subscribe', topics: ['fills'], since: { fills: snap.seq } });
    const next = await source.publish('fills', { add: [fill('n')] });
    await a.until((f) => f.seq === next);
    expect(a.frames.filter((f) => f.topic === 'fills').map((f) => f.type)).toEqual([
      'snapshot',
      'delta',
    ]);
  });

  it('sends a snapshot when the gap is older than the replay buffer, or ahead of this instance', async () => {
    const { url, source } = await setup({ maxRate: 1000, replay: 3 });
    const a = await connect(url);
    a.send({ type: 'subscribe', topics: ['fills'] });
    const snap = await a.until((f) => f.type === 'snapshot');
    for (let i = 0; i < 20; i++) await source.publish('fills', { add: [fill(`g${i}`)] });
    const now = source.state.get('fills')!;
    await a.until((f) => f.seq === now.seq);
    const b = await connect(url);
    b.send({ type: 'subscribe', topics: ['fills'], since: { fills: snap.seq as number } });
    b.send({ type: 'subscribe', topics: ['prices:AAPL'], since: { 'prices:AAPL': 999_999 } });
    const old = await b.until((f) => f.topic === 'fills');
    expect(old).toMatchObject({ type: 'snapshot', seq: now.seq });
    expect(old.data).toEqual(now.data);
    expect(await b.until((f) => f.topic === 'prices:AAPL')).toMatchObject({ type: 'snapshot' });
  });

  it('re-reads a topic after a hole in the gateway seqs and sends snapshots, never a silent hole', async () => {
    const { url, source } = await setup({ maxRate: 1000 });
    const a = await connect(url);
    a.send({ type: 'subscribe', topics: ['fills'] });
    await a.until((f) => f.type === 'snapshot');
    await source.publish('fills', { add: [fill('1')] });
    const after = await source.publish('fills', { add: [fill('lost')] }, 1); // one event lost
    await a.until((f) => f.type === 'snapshot' && f.seq === after);
    const last = await source.publish('fills', { add: [fill('3')] });
    await a.until((f) => f.seq === last);
    expect(replayFrames('fills', a.frames)).toEqual(source.state.get('fills'));
  });
});

describe('hub: coalescing and backpressure', () => {
  it('coalesces a burst per client: latest value wins for state topics, all fills kept', async () => {
    const { url, source } = await setup({ maxRate: 2 });
    const c = await connect(url);
    c.send({ type: 'subscribe', topics: ['prices:AAPL', 'fills'] });
    await c.until((f) => f.topic === 'fills' && f.type === 'snapshot');
    await c.until((f) => f.topic === 'prices:AAPL' && f.type === 'snapshot');
    let last = 0;
    for (let i = 1; i <= 50; i++) {
      last = await source.publish('prices:AAPL', { last: String(i) });
      await source.publish('fills', { add: [fill(`c${i}`)] });
    }
    await c.until((f) => f.topic === 'prices:AAPL' && f.seq === last);
    const fillsSeq = source.state.get('fills')!.seq;
    await c.until((f) => f.topic === 'fills' && f.seq === fillsSeq);
    expect(deltas(c.frames, 'prices:AAPL').length).toBeLessThan(10);
    expect(deltas(c.frames, 'prices:AAPL').at(-1)!.data).toEqual({ last: '50' });
    expect(deltas(c.frames, 'fills').length).toBeLessThan(10);
    expect(replayFrames('fills', c.frames)).toEqual(source.state.get('fills'));
  });

  it('rate-limits per topic: a fill is not held behind another topic’s coalescing window', async () => {
    const { url, source } = await setup({ maxRate: 2 });
    const c = await connect(url);
    c.send({ type: 'subscribe', topics: ['positions', 'fills'] });
    await c.until((f) => f.topic === 'fills' && f.type === 'snapshot');
    await c.until((f) => f.topic === 'positions' && f.type === 'snapshot');
    const first = await source.publish('positions', { upsert: [pos('AAPL')], remove: [] });
    await c.until((f) => f.topic === 'positions' && f.seq === first);
    // positions has used its slot: this change waits; the fill's topic is idle and goes at once
    const held = await source.publish('positions', { upsert: [pos('MSFT')], remove: [] });
    const fillSeq = await source.publish('fills', { add: [fill('x1')] });
    await c.until((f) => f.topic === 'positions' && f.seq === held);
    const at = (topic: string, seq: number) =>
      c.frames.findIndex((f) => f.topic === topic && f.seq === seq);
    expect(at('fills', fillSeq)).toBeGreaterThan(-1);
    expect(at('fills', fillSeq)).toBeLessThan(at('positions', held));
  });

  it('writes a fill before the next turn of the event loop; a mark waits for the next turn', async () => {
    let sent = 0;
    const { url, source } = await setup({}, new MemoryBus(), {
      ...NO_METRICS,
      sent: (n) => (sent += n),
    });
    const c = await connect(url);
    c.send({ type: 'subscribe', topics: ['positions', 'fills'] });
    await c.until((f) => f.topic === 'fills' && f.type === 'snapshot');
    await c.until((f) => f.topic === 'positions' && f.type === 'snapshot');
    // Sent frames counted at the first check phase after the publish: the hub's next-turn flush
    // is queued behind this probe, a microtask flush has already run.
    const sentByNextTurn = (publish: () => Promise<number>) =>
      new Promise<number>((resolve) => {
        const before = sent;
        void publish();
        setImmediate(() => resolve(sent - before));
      });
    expect(await sentByNextTurn(() => source.publish('fills', { add: [fill('u1')] }))).toBe(1);
    expect(
      await sentByNextTurn(() =>
        source.publish('positions', { upsert: [pos('AAPL')], remove: [] }),
      ),
    ).toBe(0);
    await c.until((f) => f.topic === 'positions' && f.type === 'delta');
    expect(deltas(c.frames, 'fills').map((f) => f.data)).toEqual([{ add: [fill('u1')] }]);
  });

  it('a stalled socket is conflated within bounded memory and cut off; a healthy one gets a gapless chain in order', async () => {
    const maxBuffered = 64 * 1024;
    const { url, source, hub } = await setup({
      maxRate: 1000,
      maxBuffered,
      slowCutoffMs: 300,
      heartbeatMs: 60_000,
    });
    const healthy = await connect(url, 'h');
    const stalled = await connect(url, 's');
    for (const c of [healthy, stalled]) {
      c.send({ type: 'subscribe', topics: ['positions'] });
      await c.until((f) => f.type === 'snapshot');
    }
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const pad = 'x'.repeat(48 * 1024);
    let maxHeld = 0;
    let maxQueued = 0;
    // Until the kernel buffers are full and the cut-off hits (how much that takes varies by host).
    for (let i = 0; i < 1500 && hub.connectedClients === 2; i++) {
      await source.publish('positions', { upsert: [pos(`S${i % 7}`, pad)], remove: [] });
      await new Promise((r) => setImmediate(r));
      maxHeld = Math.max(maxHeld, hub.heldItems());
      maxQueued = Math.max(maxQueued, hub.stats().bufferedBytes);
    }
    await eventually(() => hub.connectedClients === 1);
    // Bounded: at most one pending item per client and topic; unsent bytes at most the
    // threshold plus the frames of one flush (a snapshot and a delta) per socket.
    expect(maxHeld).toBeLessThanOrEqual(2);
    expect(maxQueued).toBeLessThan(maxBuffered + 2 * (8 * pad.length + 64 * 1024));
    const final = source.state.get('positions')!;
    await healthy.until((f) => f.seq === final.seq);
    expect(replayFrames('positions', healthy.frames)).toEqual(final);
    const seqs = deltas(healthy.frames, 'positions').map((f) => f.seq as number);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });
});

describe('hub: admission, heartbeat, drain', () => {
  it('closes a socket over the per-user or per-instance limit with a clear reason', async () => {
    const { url } = await setup({ maxPerUser: 2, maxClients: 3 });
    await connect(url, 'ann');
    await connect(url, 'ann');
    const third = await connect(url, 'ann');
    expect(await third.closed).toMatchObject({ code: WS_CLOSE.userLimit });
    expect(third.frames[0]).toMatchObject({ type: 'error', code: 'TOO_MANY_CONNECTIONS' });
    await connect(url, 'bob');
    const full = await connect(url, 'cat');
    expect(await full.closed).toMatchObject({ code: WS_CLOSE.capacity });
    expect(full.frames[0]).toMatchObject({ code: 'AT_CAPACITY' });
  });

  it('drops a socket that stops answering pings', async () => {
    const { url, hub } = await setup({ heartbeatMs: 100 });
    const quiet = await connect(url);
    await eventually(() => hub.connectedClients === 1);
    (quiet.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(() => hub.connectedClients === 0);
  });

  it('drains: each client is told to reconnect within the window, new sockets are refused', async () => {
    const { url, hub } = await setup();
    const clients = await Promise.all([connect(url), connect(url), connect(url)]);
    const drained = hub.drain(2000);
    const frames = await Promise.all(clients.map((c) => c.until((f) => f.type === 'reconnect')));
    for (const f of frames) expect(f.afterMs as number).toBeLessThanOrEqual(1600);
    const late = await connect(url);
    expect(await late.closed).toMatchObject({ code: WS_CLOSE.draining });
    for (const c of clients) c.ws.close();
    await drained;
    expect(hub.connectedClients).toBe(0);
  });
});

describe.each([
  { name: 'memory', bus: () => [new MemoryBus()].flatMap((b) => [b, b]) },
  {
    name: 'redis',
    bus: () => [new RedisBus(inject('redisUrl')), new RedisBus(inject('redisUrl'))],
  },
])('hub: revocation across instances ($name bus)', ({ bus }) => {
  it('a logout on one instance closes the session’s socket held by another', async () => {
    const [busA, busB] = bus();
    const a = await setup({}, busA);
    const b = await setup({}, busB);
    const logger = createLogger('t', 'silent');
    const revA = new Revocations(busA!, a.hub, logger);
    const revB = new Revocations(busB!, b.hub, logger);
    await revA.start();
    await revB.start();
    cleanups.push(async () => {
      await revA.close();
      await revB.close();
      await busA!.close();
      if (busB !== busA) await busB!.close();
    });
    const victim = await connect(b.url, 'u9', 'sess-9');
    const bystander = await connect(b.url, 'u8', 'sess-8');
    await revA.publish([session('u9', 'admin', 'sess-9').handle], 'logged out');
    expect(await victim.closed).toMatchObject({ code: WS_CLOSE.revoked });
    expect(victim.frames).toContainEqual({ type: 'revoked', reason: 'logged out' });
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
  });
});

describe('hub: job topics', () => {
  it('forgets a job topic when its last subscriber leaves and reads it afresh for the next', async () => {
    const { url, source, hub } = await setup({ maxRate: 1000 });
    const job = { id: 'twap-1', status: 'running', stepsDone: 1 };
    source.set('jobs:twap-1', job);
    const a = await connect(url);
    a.send({ type: 'subscribe', topics: ['jobs:twap-1'] });
    await a.until((f) => f.type === 'snapshot');
    await source.publish('jobs:twap-1', { ...job, stepsDone: 2 });
    await a.until((f) => f.type === 'delta');
    a.send({ type: 'unsubscribe', topics: ['jobs:twap-1'] });
    await eventually(() => hub.store.seq('jobs:twap-1') === undefined);
    // Changes nobody here watches are not held...
    await source.publish('jobs:twap-1', { ...job, stepsDone: 3 });
    // ...and the next subscriber gets the gateway's current state.
    const b = await connect(url);
    b.send({ type: 'subscribe', topics: ['jobs:twap-1'] });
    const snap = await b.until((f) => f.type === 'snapshot');
    expect(snap).toMatchObject({
      seq: source.state.get('jobs:twap-1')!.seq,
      data: { stepsDone: 3 },
    });
  });
});
