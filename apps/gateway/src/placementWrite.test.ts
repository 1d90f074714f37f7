import type { GatewayOrderRequest, OrderRequest } from '@qd/contracts';
import { dec, str } from '@qd/domain';
import { MemoryBus, createLogger, loadConfig, schema, type DatabaseHandle } from '@qd/platform';
import { databaseTargets } from '@qd/platform/testing';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildGateway, type Gateway } from './index';

// A new order is written as one statement (placementWrite.ts), and so are the fills of resting
// orders on a market tick (fillsWrite.ts); these run both against PGlite and a real Postgres
// server, through the engine, and compare what is stored with what memory holds.

const TOKEN = 'test-service-token-0123456789-abcdefghij';
// MSFT and PEP are frozen (a test knob): a tick keeps the quote a test sets, so a resting order
// fills on the tick exactly when the test moves the price through it.
const config = loadConfig({
  QD_MARKET_TICK_MS: '60000',
  QD_LOG_LEVEL: 'silent',
  QD_TEST_FROZEN_SYMBOLS: 'MSFT,PEP',
});
// A fixed clock: quotes never age and never move between orders, so fills are at the touch.
const NOW = new Date('2026-12-07T15:00:00.000Z');
const INITIAL_CASH = dec(config.QD_INITIAL_CASH);

const market = (symbol: string, side: 'buy' | 'sell', qty: string, tif = 'day'): OrderRequest =>
  ({ symbol, side, qty, type: 'market', tif }) as OrderRequest;

describe.each(databaseTargets(inject('postgresUrl')))('placement write on $name', (target) => {
  let handle: DatabaseHandle;
  let gw: Gateway | undefined;

  const fresh = async (keepState = false) => {
    await gw?.close();
    if (!keepState)
      for (const t of [
        schema.fills,
        schema.orderEvents,
        schema.orders,
        schema.positions,
        schema.killSwitchEvents,
        schema.accounts,
      ])
        await handle.db.delete(t);
    gw = await buildGateway({
      config,
      db: handle.db,
      bus: new MemoryBus(),
      logger: createLogger('t', 'silent'),
      serviceToken: TOKEN,
      now: () => NOW,
    });
    await gw.start();
    return gw;
  };
  const place = (order: OrderRequest, id: string) =>
    gw!.engine.place({ clientOrderId: id, order } as GatewayOrderRequest, 'alice');
  /** What the engine holds in memory, as plain strings. */
  const memory = () => {
    const e = gw!.engine;
    return {
      cash: str(e.account.cash),
      realizedPnlToday: str(e.account.realizedPnlToday),
      positions: [...e.positions.entries()]
        .map(([s, p]) => [s, str(p.qty), str(p.avgPrice), str(p.realizedPnl)])
        .sort(),
      working: [...e.working.keys()].sort(),
    };
  };
  /** What the database holds, in the same shape (numeric columns normalised). */
  const stored = async () => {
    const [acct] = await handle.db.select().from(schema.accounts);
    const positions = await handle.db.select().from(schema.positions);
    const orders = await handle.db.select().from(schema.orders);
    return {
      cash: str(dec(acct!.cash)),
      realizedPnlToday: str(dec(acct!.realizedPnlToday)),
      positions: positions
        .map((p) => [p.symbol, str(dec(p.qty)), str(dec(p.avgPrice)), str(dec(p.realizedPnl))])
        .sort(),
      working: orders
        .filter((o) => o.status === 'new' || o.status === 'partially_filled')
        .map((o) => o.id)
        .sort(),
    };
  };
  const num = (x: string | null) => (x === null ? null : str(dec(x)));
  /** The resting orders in memory: id, filled quantity, average price, status, triggered. */
  const resting = () =>
    [...gw!.engine.working.values()]
      .map((w) => [
        w.row.id,
        num(w.row.filledQty),
        num(w.row.avgFillPrice),
        w.row.status,
        w.triggered,
      ])
      .sort();
  /** The same orders as stored (numeric columns normalised), without the memory-only trigger. */
  const restingStored = async () =>
    (await handle.db.select().from(schema.orders))
      .filter((o) => o.status === 'new' || o.status === 'partially_filled')
      .map((o) => [o.id, num(o.filledQty), num(o.avgFillPrice), o.status])
      .sort();
  /** Sets a frozen symbol's quote (bid, ask, last) for the next tick to match against. */
  const setQuote = (symbol: string, bid: string, ask: string, last = bid) => {
    const e = gw!.engine;
    const q = e.market.quotes[symbol]!;
    e.market = { ...e.market, quotes: { ...e.market.quotes, [symbol]: { ...q, bid, ask, last } } };
  };
  /** Runs `write` while every account update fails (a check no row meets), then lifts that. */
  const withAccountWritesFailing = async (write: () => Promise<unknown>) => {
    await handle.db.execute(
      sql`alter table ${schema.accounts} add constraint placement_test_fail check (cash < 0) not valid`,
    );
    try {
      await write();
    } finally {
      await handle.db.execute(
        sql`alter table ${schema.accounts} drop constraint placement_test_fail`,
      );
    }
  };
  /** The database holds what memory holds, and a restart loads exactly that. */
  const expectStoredAndReloaded = async () => {
    const held = memory();
    expect(await stored()).toEqual(held);
    await fresh(true);
    expect(memory()).toEqual(held);
  };
  const rows = async () => ({
    orders: await handle.db.select().from(schema.orders),
    events: await handle.db.select().from(schema.orderEvents).orderBy(asc(schema.orderEvents.id)),
    fills: await handle.db.select().from(schema.fills),
  });

  beforeAll(async () => {
    handle = await target.open();
  });
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('writes a filled market buy with its event, fill, position and cash, as memory holds them', async () => {
    await fresh();
    const ask = dec(gw!.engine.quote('AAPL').ask);
    const { order, created } = await place(market('AAPL', 'buy', '10'), 'mkt-1');
    expect(created).toBe(true);
    expect(order).toMatchObject({ status: 'filled', filledQty: '10', avgFillPrice: str(ask) });
    const r = await rows();
    expect(r.orders).toHaveLength(1);
    expect(r.events.map((e) => [e.orderId, e.kind, e.actor])).toEqual([
      ['mkt-1', 'created', 'alice'],
    ]);
    expect(r.events[0]!.detail).toMatchObject({ status: 'filled', checks: expect.any(Array) });
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ orderId: 'mkt-1', symbol: 'AAPL', side: 'buy' });
    expect(dec(r.fills[0]!.price).eq(ask)).toBe(true);
    expect(await stored()).toEqual(memory());
    expect(memory()).toMatchObject({
      cash: str(INITIAL_CASH.minus(ask.mul(10))),
      positions: [['AAPL', '10', str(ask), '0']],
      working: [],
    });
  });

  it('writes a partial fill and keeps the rest working (day order above the displayed size)', async () => {
    await fresh();
    // PEP's displayed size is 3,000 shares (ADV 6,000,000 / 2,000).
    const { order } = await place(market('PEP', 'buy', '3500'), 'partial-1');
    expect(order).toMatchObject({ status: 'partially_filled', filledQty: '3000' });
    const r = await rows();
    expect(r.fills.map((f) => str(dec(f.qty)))).toEqual(['3000']);
    expect(await stored()).toEqual(memory());
    expect(memory().working).toEqual(['partial-1']);
    expect(memory().positions).toEqual([['PEP', '3000', str(dec(order.avgFillPrice!)), '0']]);
  });

  it('cancels the rest of an immediate-or-cancel order but keeps what filled', async () => {
    await fresh();
    const { order } = await place(market('PEP', 'sell', '3500', 'ioc'), 'ioc-1');
    expect(order).toMatchObject({ status: 'canceled', filledQty: '3000' });
    expect(await stored()).toEqual(memory());
    expect(memory().working).toEqual([]);
    expect(memory().positions[0]!.slice(0, 2)).toEqual(['PEP', '-3000']);
  });

  it('rests a limit order away from the market: no fill, no position, cash untouched', async () => {
    await fresh();
    const { order } = await place(
      { symbol: 'MSFT', side: 'buy', qty: '5', type: 'limit', limitPrice: '1.00', tif: 'day' },
      'limit-1',
    );
    expect(order).toMatchObject({ status: 'new', filledQty: '0', avgFillPrice: null });
    const r = await rows();
    expect([r.orders.length, r.events.length, r.fills.length]).toEqual([1, 1, 0]);
    expect(await stored()).toEqual(memory());
    expect(memory()).toMatchObject({
      cash: str(INITIAL_CASH),
      positions: [],
      working: ['limit-1'],
    });
  });

  it('answers a retried id with the stored order and writes nothing a second time', async () => {
    await fresh();
    const first = await place(market('AAPL', 'buy', '2'), 'retry-1');
    const before = memory();
    // Different content under the same id: still the stored order, nothing moves.
    const second = await place(market('AAPL', 'sell', '7'), 'retry-1');
    expect(second.created).toBe(false);
    expect(second.order).toEqual(first.order);
    const r = await rows();
    expect([r.orders.length, r.events.length, r.fills.length]).toEqual([1, 1, 1]);
    expect(memory()).toEqual(before);
    expect(await stored()).toEqual(before);
  });

  it('writes nothing for an order the kill switch refuses', async () => {
    await fresh();
    const engage = await gw!.app.inject({
      method: 'POST',
      url: '/v1/kill-switch/engage',
      headers: { authorization: `Bearer ${TOKEN}`, 'x-qd-actor': 'alice' },
      payload: { reason: 'halting for the test' },
    });
    expect(engage.statusCode).toBe(200);
    const before = memory();
    await expect(place(market('AAPL', 'buy', '1'), 'halted-1')).rejects.toMatchObject({
      code: 'ORDER_KILL_SWITCH_ENGAGED',
    });
    const r = await rows();
    expect([r.orders.length, r.events.length, r.fills.length]).toEqual([0, 0, 0]);
    expect(memory()).toEqual(before);
  });

  it('writes nothing for an order beyond buying power', async () => {
    await fresh();
    const before = memory();
    await expect(place(market('COST', 'buy', '2500'), 'too-big-1')).rejects.toMatchObject({
      code: 'ORDER_INSUFFICIENT_BUYING_POWER',
    });
    const r = await rows();
    expect([r.orders.length, r.events.length, r.fills.length]).toEqual([0, 0, 0]);
    expect(memory()).toEqual(before);
  });

  it('moves cash, average price and realized P&L exactly through adds, a reduction and a reversal', async () => {
    await fresh();
    const ask = dec(gw!.engine.quote('MSFT').ask);
    const bid = dec(gw!.engine.quote('MSFT').bid);
    await place(market('MSFT', 'buy', '10'), 'seq-1');
    await place(market('MSFT', 'buy', '5'), 'seq-2');
    await place(market('MSFT', 'sell', '4'), 'seq-3');
    await place(market('MSFT', 'sell', '16'), 'seq-4');
    // By hand: 15 bought at the ask, 4 then 11 sold back at the bid (each realizing bid − ask a
    // share), 5 more sold short, opening at the bid.
    const realized = bid.minus(ask).mul(15);
    const cash = INITIAL_CASH.minus(ask.mul(15)).plus(bid.mul(20));
    expect(memory()).toEqual({
      cash: str(cash),
      realizedPnlToday: str(realized),
      positions: [['MSFT', '-5', str(bid), str(realized)]],
      working: [],
    });
    // A restart loads exactly what the running engine held.
    await expectStoredAndReloaded();
  });

  it('leaves memory and the database unchanged when the write fails, and the id stays free', async () => {
    await fresh();
    await place(market('AAPL', 'buy', '3'), 'ok-1');
    const before = memory();
    // Any part failing must undo the whole order. The account update is written last: by then
    // the order, its fill and the position are written (and, before, memory had moved too).
    await withAccountWritesFailing(() =>
      expect(place(market('AAPL', 'buy', '4'), 'fails-1')).rejects.toThrow(),
    );
    expect(memory()).toEqual(before);
    expect(await stored()).toEqual(before);
    const r = await rows();
    expect(r.orders.map((o) => o.id)).toEqual(['ok-1']);
    expect(r.events).toHaveLength(1);
    // The same id placed again now goes through: the failed attempt left no trace.
    const again = await place(market('AAPL', 'buy', '4'), 'fails-1');
    expect(again).toMatchObject({ created: true, order: { status: 'filled' } });
    expect(await stored()).toEqual(memory());
  });

  it('records the fill under the order in the same statement (the fill references the order)', async () => {
    await fresh();
    await place(market('NVDA', 'sell', '1'), 'fk-1');
    const joined = await handle.db
      .select({ fill: schema.fills.id, order: schema.orders.id })
      .from(schema.fills)
      .innerJoin(schema.orders, eq(schema.fills.orderId, schema.orders.id));
    expect(joined).toEqual([{ fill: expect.stringMatching(/^fk-1-0-\d+$/), order: 'fk-1' }]);
  });

  // Resting orders filled by a market tick (fillsWrite.ts).

  it('fills a resting limit order on a tick: order, fill, position and cash as memory holds them', async () => {
    await fresh();
    const { order } = await place(
      { symbol: 'MSFT', side: 'buy', qty: '10', type: 'limit', limitPrice: '100.00', tif: 'day' },
      'rest-1',
    );
    expect(order.status).toBe('new');
    setQuote('MSFT', '99.40', '99.50');
    await gw!.engine.tick(1000);
    const r = await rows();
    expect(r.orders[0]).toMatchObject({ id: 'rest-1', status: 'filled' });
    expect(str(dec(r.orders[0]!.filledQty))).toBe('10');
    expect(str(dec(r.orders[0]!.avgFillPrice!))).toBe('99.5');
    expect(r.fills.map((f) => [f.orderId, str(dec(f.qty)), str(dec(f.price))])).toEqual([
      ['rest-1', '10', '99.5'],
    ]);
    expect(memory()).toEqual({
      cash: str(INITIAL_CASH.minus(dec('99.5').mul(10))),
      realizedPnlToday: '0',
      positions: [['MSFT', '10', '99.5', '0']],
      working: [],
    });
    // A restart loads exactly what the running engine held.
    await expectStoredAndReloaded();
  });

  it('fills a resting order in parts over ticks and keeps the rest working, as stored', async () => {
    await fresh();
    // PEP's displayed size is 3,000 shares a tick.
    await place(
      { symbol: 'PEP', side: 'sell', qty: '3500', type: 'limit', limitPrice: '500.00', tif: 'day' },
      'rest-2',
    );
    setQuote('PEP', '501.00', '501.02');
    await gw!.engine.tick(1000);
    expect(resting()).toEqual([['rest-2', '3000', '501', 'partially_filled', false]]);
    expect(await restingStored()).toEqual(resting().map((w) => w.slice(0, 4)));
    expect(await stored()).toEqual(memory());
    setQuote('PEP', '502.00', '502.02');
    await gw!.engine.tick(1000);
    expect(resting()).toEqual([]);
    const r = await rows();
    expect(r.fills.map((f) => str(dec(f.qty))).sort()).toEqual(['3000', '500']);
    expect(r.orders[0]).toMatchObject({ status: 'filled' });
    // 3,508,000 / 3,500 = 501.142857142857…: the order keeps 6 places, the position 10.
    const avg = dec(501).mul(3000).plus(dec(502).mul(500)).div(3500);
    expect(str(dec(r.orders[0]!.avgFillPrice!))).toBe(str(avg, 6));
    expect(memory().positions).toEqual([['PEP', '-3500', str(avg, 10), '0']]);
    expect(await stored()).toEqual(memory());
  });

  it('leaves memory and the database unchanged when a tick fill fails to write; the order rests on', async () => {
    await fresh();
    await place(market('AAPL', 'buy', '3'), 'ok-2');
    await place(
      { symbol: 'MSFT', side: 'buy', qty: '10', type: 'limit', limitPrice: '100.00', tif: 'day' },
      'rest-3',
    );
    const before = { memory: memory(), resting: resting() };
    const beforeRows = await rows();
    setQuote('MSFT', '99.40', '99.50');
    // The account update is the tick write's last part: the order and its fill come before it.
    await withAccountWritesFailing(() => expect(gw!.engine.tick(1000)).rejects.toThrow());
    expect({ memory: memory(), resting: resting() }).toEqual(before);
    expect(await stored()).toEqual(before.memory);
    expect(await restingStored()).toEqual(before.resting.map((w) => w.slice(0, 4)));
    expect(await rows()).toEqual(beforeRows);
    // Still resting: the next tick at the same price fills it, once.
    await gw!.engine.tick(1000);
    expect(resting()).toEqual([]);
    expect((await rows()).fills.filter((f) => f.orderId === 'rest-3')).toHaveLength(1);
    expect(await stored()).toEqual(memory());
  });

  it('forgets a stop triggered on a tick whose fill failed to write (it does not fill later below its stop)', async () => {
    await fresh();
    await place(
      { symbol: 'MSFT', side: 'buy', qty: '5', type: 'stop', stopPrice: '900.00', tif: 'day' },
      'stop-1',
    );
    const before = { memory: memory(), resting: resting() };
    expect(before.resting).toEqual([['stop-1', '0', null, 'new', false]]);
    // The last trade reaches the stop: it triggers and fills at the ask in the same tick.
    setQuote('MSFT', '900.00', '900.10', '900.00');
    await withAccountWritesFailing(() => expect(gw!.engine.tick(1000)).rejects.toThrow());
    expect({ memory: memory(), resting: resting() }).toEqual(before);
    expect(await stored()).toEqual(before.memory);
    // Back below the stop: nothing triggers, so nothing fills.
    setQuote('MSFT', '899.00', '899.10', '899.00');
    await gw!.engine.tick(1000);
    expect(resting()).toEqual(before.resting);
    expect((await rows()).fills).toHaveLength(0);
    expect(await stored()).toEqual(memory());
  });
});
