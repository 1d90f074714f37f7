import { GATEWAY_EVENTS_CHANNEL, type GatewayEvent, type Order } from '@qd/contracts';
import {
  MemoryBus,
  createLogger,
  loadConfig,
  openDatabase,
  schema,
  type DatabaseHandle,
} from '@qd/platform';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, type Gateway } from './index';

const TOKEN = 'test-service-token-0123456789-abcdefghij';
const auth = { authorization: `Bearer ${TOKEN}`, 'x-qd-actor': 'alice' };
const config = loadConfig({ QD_MARKET_TICK_MS: '60000', QD_LOG_LEVEL: 'silent' });

let handle: DatabaseHandle;
let gw: Gateway;
let bus: MemoryBus;
let events: GatewayEvent[];

async function fresh(readKillSwitch?: Parameters<typeof buildGateway>[0]['readKillSwitch']) {
  await gw?.close();
  for (const t of [
    schema.fills,
    schema.orders,
    schema.positions,
    schema.killSwitchEvents,
    schema.accounts,
  ])
    await handle.db.delete(t);
  bus = new MemoryBus();
  events = [];
  await bus.subscribe(GATEWAY_EVENTS_CHANNEL, (m) => events.push(JSON.parse(m)));
  gw = await buildGateway({
    config,
    db: handle.db,
    bus,
    logger: createLogger('t', 'silent'),
    serviceToken: TOKEN,
    readKillSwitch,
  });
  await gw.start();
}

const place = (order: object, id = `id-${Math.random().toString(36).slice(2, 12)}`) =>
  gw.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: auth,
    payload: { order, clientOrderId: id },
  });

beforeAll(async () => {
  handle = await openDatabase({ inMemory: true });
});
afterEach(async () => {
  await gw?.close();
});
afterAll(async () => {
  await handle.close();
});

describe('gateway', () => {
  it('refuses callers without the service credential', async () => {
    await fresh();
    const res = await gw.app.inject({ method: 'GET', url: '/v1/account' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('fills a market buy at the ask and moves cash, position and P&L', async () => {
    await fresh();
    const ask = gw.engine.quote('AAPL').ask;
    const res = await place({ symbol: 'AAPL', side: 'buy', qty: '10', type: 'market', tif: 'day' });
    expect(res.statusCode).toBe(201);
    const order = res.json() as Order;
    expect(order.status).toBe('filled');
    expect(order.avgFillPrice).toBe(ask);
    const [pos] = (
      await gw.app.inject({ method: 'GET', url: '/v1/positions', headers: auth })
    ).json();
    expect(pos).toMatchObject({ symbol: 'AAPL', qty: '10', avgPrice: ask });
    const account = (
      await gw.app.inject({ method: 'GET', url: '/v1/account', headers: auth })
    ).json();
    expect(Number(account.cash)).toBeCloseTo(1_000_000 - 10 * Number(ask), 2);
    await new Promise((r) => setTimeout(r, 0));
    const topics = events.map((e) => e.topic);
    expect(topics).toEqual(expect.arrayContaining(['orders', 'fills', 'positions', 'account']));
  });

  it('rests a limit order away from the market with nothing filled, then cancels it', async () => {
    await fresh();
    const order = (
      await place({
        symbol: 'MSFT',
        side: 'buy',
        qty: '5',
        type: 'limit',
        limitPrice: '1.00',
        tif: 'day',
      })
    ).json() as Order;
    expect(order).toMatchObject({ status: 'new', filledQty: '0', avgFillPrice: null });
    // The answer is built from the row as written: it must read back identically.
    const listed = await gw.app.inject({ method: 'GET', url: '/v1/orders', headers: auth });
    expect(listed.json().find((o: Order) => o.id === order.id)).toEqual(order);
    const cancel = await gw.app.inject({
      method: 'DELETE',
      url: `/v1/orders/${order.id}`,
      headers: auth,
    });
    expect(cancel.json().status).toBe('canceled');
    const again = await gw.app.inject({
      method: 'DELETE',
      url: `/v1/orders/${order.id}`,
      headers: auth,
    });
    expect(again.statusCode).toBe(409);
  });

  it('returns the same order for the same client order id and never stores a second', async () => {
    await fresh();
    const body = { symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' };
    const first = await place(body, 'same-id-123');
    const second = await place(body, 'same-id-123');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(await handle.db.select().from(schema.orders)).toHaveLength(1);
    expect(await handle.db.select().from(schema.fills)).toHaveLength(1);
  });

  it('replays a stored order even when the checks would refuse it now (kill switch engaged)', async () => {
    await fresh();
    const body = { symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' };
    const first = await place(body, 'retry-after-halt');
    await gw.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/engage',
      headers: auth,
      payload: { reason: 'halting for the test' },
    });
    const again = await place(body, 'retry-after-halt');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const refused = await place(body, 'a-new-id-after-halt');
    expect(refused.json().code).toBe('ORDER_KILL_SWITCH_ENGAGED');
    expect(await handle.db.select().from(schema.orders)).toHaveLength(1);
    const events = await handle.db.select().from(schema.orderEvents);
    expect(events.filter((e) => e.orderId === 'retry-after-halt')).toHaveLength(1);
  });

  it('rejects orders while the kill switch is engaged and writes nothing', async () => {
    await fresh();
    const engage = await gw.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/engage',
      headers: auth,
      payload: { reason: 'halting for the test' },
    });
    expect(engage.json().state.engaged).toBe(true);
    const res = await place({ symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ORDER_KILL_SWITCH_ENGAGED');
    expect(await handle.db.select().from(schema.orders)).toHaveLength(0);
  });

  it('cancels working orders when the kill switch engages', async () => {
    await fresh();
    const order = (
      await place({
        symbol: 'MSFT',
        side: 'buy',
        qty: '5',
        type: 'limit',
        limitPrice: '1.00',
        tif: 'gtc',
      })
    ).json() as Order;
    await gw.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/engage',
      headers: auth,
      payload: { reason: 'halting for the test' },
    });
    const [row] = await handle.db.select().from(schema.orders);
    expect(row!.id).toBe(order.id);
    expect(row!.status).toBe('canceled');
  });

  it('needs a typed RESUME to disengage, and keeps the history across a restart', async () => {
    await fresh();
    await gw.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/engage',
      headers: auth,
      payload: { reason: 'halting for the test' },
    });
    const noConfirm = await gw.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/disengage',
      headers: auth,
      payload: { reason: 'resuming after the test' },
    });
    expect(noConfirm.statusCode).toBe(400);
    expect(noConfirm.json().errors[0].path).toBe('confirm');
    await gw.close();
    gw = await buildGateway({
      config,
      db: handle.db,
      bus,
      logger: createLogger('t', 'silent'),
      serviceToken: TOKEN,
    });
    await gw.start();
    const status = (
      await gw.app.inject({ method: 'GET', url: '/v1/kill-switch', headers: auth })
    ).json();
    expect(status.state).toMatchObject({
      engaged: true,
      changedBy: 'alice',
      reason: 'halting for the test',
    });
    const ok = await gw.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/disengage',
      headers: auth,
      payload: { reason: 'resuming after the test', confirm: 'RESUME' },
    });
    expect(ok.json().state.engaged).toBe(false);
    expect(ok.json().history.map((h: { action: string }) => h.action)).toEqual([
      'disengage',
      'engage',
    ]);
  });

  it('fails closed: when the kill-switch state cannot be read, orders are rejected', async () => {
    await fresh(async () => {
      throw new Error('database unreachable');
    });
    const res = await place({ symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ORDER_KILL_SWITCH_UNKNOWN');
    expect(await handle.db.select().from(schema.orders)).toHaveLength(0);
  });

  it('rejects an order beyond buying power, saying by how much', async () => {
    await fresh();
    const res = await place({
      symbol: 'SPY',
      side: 'buy',
      qty: '8000',
      type: 'market',
      tif: 'day',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ORDER_INSUFFICIENT_BUYING_POWER');
    expect(res.json().detail).toMatch(/short by \$/);
  });

  it('gives malformed JSON and invalid fields a problem naming the field', async () => {
    await fresh();
    const bad = await gw.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('MALFORMED_JSON');
    const invalid = await place({
      symbol: 'AAPL',
      side: 'buy',
      qty: '0',
      type: 'market',
      tif: 'day',
    });
    expect(invalid.json().code).toBe('VALIDATION_FAILED');
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toContain('order.qty');
  });

  it('publishes events with a per-topic seq that matches the snapshot', async () => {
    await fresh();
    await place({ symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' });
    await place({ symbol: 'MSFT', side: 'buy', qty: '1', type: 'market', tif: 'day' });
    await new Promise((r) => setTimeout(r, 0));
    const seqs = events.filter((e) => e.topic === 'fills').map((e) => e.seq);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]).toBe(seqs[0]! + 1);
    const snap = (
      await gw.app.inject({ method: 'GET', url: '/v1/snapshot/fills', headers: auth })
    ).json();
    expect(snap.seq).toBe(seqs[1]);
    expect(snap.data).toHaveLength(2);
  });
});
