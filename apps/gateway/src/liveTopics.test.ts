import { Alert, GATEWAY_EVENTS_CHANNEL, Job, PnlPoint, type GatewayEvent } from '@qd/contracts';
import {
  MemoryBus,
  createLogger,
  loadConfig,
  openDatabase,
  type DatabaseHandle,
} from '@qd/platform';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Alerts, AlertWatch, BROKER_ALERT_GAP_MS } from './alerts';
import { buildGateway, type Gateway } from './index';
import { Publisher } from './publisher';

// The gateway's sources for the pnl, alerts and jobs:{id} topics, on a clock the test moves.
const TOKEN = 'test-service-token-0123456789-abcdefghij';
const auth = { authorization: `Bearer ${TOKEN}`, 'x-qd-actor': 'olga' };
const config = loadConfig({
  QD_MARKET_TICK_MS: '60000',
  QD_LOG_LEVEL: 'silent',
  QD_DEMO_STRATEGIES: 'false',
});

let handle: DatabaseHandle | null = null;
const gateways: Gateway[] = [];
let clock: number;
let events: GatewayEvent[];
let bus: MemoryBus;

async function start(reuse?: DatabaseHandle): Promise<Gateway> {
  handle = reuse ?? (await openDatabase({ inMemory: true }));
  bus = new MemoryBus();
  events = [];
  await bus.subscribe(GATEWAY_EVENTS_CHANNEL, (m) => events.push(JSON.parse(m)));
  const gw = await buildGateway({
    config,
    db: handle.db,
    bus,
    logger: createLogger('t', 'silent'),
    serviceToken: TOKEN,
    now: () => new Date(clock),
  });
  await gw.start();
  gateways.push(gw);
  return gw;
}
afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close();
  await handle?.close();
  handle = null;
});

const call = (gw: Gateway, method: string, url: string, payload?: object) =>
  gw.app.inject({ method: method as 'POST', url, headers: auth, ...(payload ? { payload } : {}) });
const snapshot = async (gw: Gateway, topic: string) =>
  (await call(gw, 'GET', `/v1/snapshot/${topic}`)).json() as GatewayEvent;
const on = (topic: string) => events.filter((e) => e.topic === topic);

describe('alerts', () => {
  it('raises kill-switch and breaker alerts as deltas, and the snapshot survives a restart', async () => {
    clock = Date.parse('2026-03-02T15:00:00Z');
    const gw = await start();
    expect((await snapshot(gw, 'alerts')).data).toEqual([]);
    await call(gw, 'POST', '/v1/kill-switch/engage', { reason: 'halt for the alert test' });
    clock += 1000;
    await call(gw, 'POST', '/v1/kill-switch/disengage', {
      reason: 'resume after the alert test',
      confirm: 'RESUME',
    });
    clock += 1000;
    await call(gw, 'POST', '/v1/breaker/trip', { reason: 'operator saw bad fills' });
    const deltas = on('alerts');
    expect(deltas.map((e) => (e.data as { add: Alert[] }).add[0]!.kind)).toEqual([
      'kill_switch_engaged',
      'kill_switch_disengaged',
      'breaker_tripped',
    ]);
    for (const e of deltas) z.object({ add: z.array(Alert) }).parse(e.data);
    // seqs chain: each delta is the one after the last
    for (let i = 1; i < deltas.length; i++) expect(deltas[i]!.seq).toBe(deltas[i - 1]!.seq + 1);
    const snap = await snapshot(gw, 'alerts');
    expect(snap.seq).toBe(deltas.at(-1)!.seq);
    const alerts = z.array(Alert).parse(snap.data);
    expect(alerts.map((a) => a.kind)).toEqual([
      'breaker_tripped',
      'kill_switch_disengaged',
      'kill_switch_engaged',
    ]);
    expect(alerts[0]).toMatchObject({ severity: 'critical', actor: 'olga', source: 'system' });

    // A new gateway process on the same database serves the same recent alerts.
    const kept = handle!;
    await gw.close();
    gateways.length = 0;
    const again = await start(kept);
    const after = z.array(Alert).parse((await snapshot(again, 'alerts')).data);
    expect(after.map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it('raises stale and fresh market data once per change, broker errors at most once a minute', async () => {
    clock = Date.parse('2026-03-02T15:00:00Z');
    const gw = await start();
    const alerts = new Alerts(
      handle!.db,
      new Publisher(bus),
      () => new Date(clock),
      createLogger('t', 'silent'),
    );
    const watch = new AlertWatch(alerts, () => clock);
    await watch.marketData(100, 5000); // fresh at start: nothing to say
    await watch.marketData(9000, 5000);
    await watch.marketData(12_000, 5000); // still stale: no second alert
    await watch.marketData(50, 5000);
    watch.brokerError('boom');
    clock += 1000;
    watch.brokerError('boom again');
    clock += BROKER_ALERT_GAP_MS;
    watch.brokerError('later');
    await new Promise((r) => setTimeout(r, 50));
    const kinds = z
      .array(Alert)
      .parse((await snapshot(gw, 'alerts')).data)
      .map((a) => a.kind);
    expect(kinds.sort()).toEqual(
      ['market_data_stale', 'market_data_fresh', 'broker_error', 'broker_error'].sort(),
    );
  });
});

describe('pnl', () => {
  it('publishes a point when the account moves, at most once a second; the snapshot holds them', async () => {
    const t0 = (clock = Date.parse('2026-03-02T15:00:00Z'));
    const gw = await start();
    const day = gw.engine.account.tradingDay;
    const first = await gw.pnl.sample(gw.engine.accountSnapshot(), day, clock);
    expect(first).not.toBeNull();
    // unchanged account: no point, however long it has been
    expect(await gw.pnl.sample(gw.engine.accountSnapshot(), day, clock + 5000)).toBeNull();
    await call(gw, 'POST', '/v1/orders', {
      order: { symbol: 'AAPL', side: 'buy', qty: '10', type: 'market', tif: 'day' },
      clientOrderId: 'pnl-test-order-1',
    });
    clock += 60_000;
    await gw.engine.tick(10); // the market moves the position's value
    const moved = gw.engine.accountSnapshot();
    expect(await gw.pnl.sample(moved, day, t0 + 200)).toBeNull(); // < 1 s after the last point
    const second = await gw.pnl.sample(moved, day, clock);
    expect(second).not.toBeNull();
    const deltas = on('pnl');
    expect(deltas).toHaveLength(2);
    const snap = await snapshot(gw, 'pnl');
    expect(snap.seq).toBe(deltas[1]!.seq);
    expect(z.array(PnlPoint).parse(snap.data)).toEqual([first, second]);
    // a new trading day starts an empty series
    await gw.pnl.sample(moved, '2099-01-01', clock + 2000);
    expect(gw.pnl.points()).toHaveLength(1);
  });
});

describe('jobs:{id}', () => {
  const req = {
    symbol: 'AAPL',
    side: 'buy',
    qty: '100',
    durationMin: 5,
    intervalS: 30,
    reason: 'work into a position',
  };

  it('a TWAP parent is a job: snapshot of its progress, a delta on each change', async () => {
    clock = Date.parse('2026-03-02T15:00:00Z');
    const gw = await start();
    const twap = (await call(gw, 'POST', '/v1/twap', req)).json() as { id: string };
    const topic = `jobs:${twap.id}`;
    const snap = await snapshot(gw, topic);
    expect(Job.parse(snap.data)).toMatchObject({
      id: twap.id,
      kind: 'twap',
      status: 'running',
      stepsDone: 1,
      stepsTotal: 10,
      progress: 0.1,
    });
    clock += 30_000;
    await gw.engine.tick(10);
    await gw.twap.step();
    await gw.twap.step(); // nothing new: no delta
    await call(gw, 'POST', `/v1/twap/${twap.id}/cancel`);
    const deltas = on(topic).map((e) => Job.parse(e.data));
    expect(deltas.map((j) => [j.status, j.stepsDone])).toEqual([
      ['running', 1],
      ['running', 2],
      ['canceled', 2],
    ]);
    expect(deltas.at(-1)!.twap!.filledQty).toBe('20');
    const last = await snapshot(gw, topic);
    expect(last.seq).toBe(on(topic).at(-1)!.seq);
    expect(Job.parse(last.data).status).toBe('canceled');
  });

  it('an unknown job is a 404, and a malformed topic a 400', async () => {
    clock = Date.parse('2026-03-02T15:00:00Z');
    const gw = await start();
    const missing = await call(gw, 'GET', '/v1/snapshot/jobs:no-such-job');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
    expect((await call(gw, 'GET', '/v1/snapshot/jobs:bad%20id')).statusCode).toBe(400);
  });
});
