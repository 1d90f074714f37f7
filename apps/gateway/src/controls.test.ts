import { GATEWAY_EVENTS_CHANNEL, type GatewayEvent, type Order } from '@qd/contracts';
import {
  MemoryBus,
  createLogger,
  loadConfig,
  openDatabase,
  schema,
  type DatabaseHandle,
} from '@qd/platform';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGateway, type Gateway } from './index';
import { CONTROL_STATE_MAX_AGE_MS } from './controls/freshState';

// The trading controls through the gateway's HTTP API, on a clock the test moves.
const TOKEN = 'test-service-token-0123456789-abcdefghij';
const auth = { authorization: `Bearer ${TOKEN}`, 'x-qd-actor': 'olga' };
const config = loadConfig({
  QD_MARKET_TICK_MS: '60000',
  QD_LOG_LEVEL: 'silent',
  QD_DEMO_STRATEGIES: 'false',
});

let handle: DatabaseHandle;
let gw: Gateway;
let clock: number;
let events: GatewayEvent[];

async function start() {
  handle = await openDatabase({ inMemory: true });
  clock = Date.parse('2026-03-02T15:00:00Z');
  const bus = new MemoryBus();
  events = [];
  await bus.subscribe(GATEWAY_EVENTS_CHANNEL, (m) => events.push(JSON.parse(m)));
  gw = await buildGateway({
    config,
    db: handle.db,
    bus,
    logger: createLogger('t', 'silent'),
    serviceToken: TOKEN,
    now: () => new Date(clock),
  });
  await gw.start();
}
/** Moves the clock and ticks the market once so quotes are fresh at the new time. */
async function advance(ms: number) {
  clock += ms;
  await gw.engine.tick(10);
}
afterEach(async () => {
  await gw?.close();
  await handle?.close();
});

const call = (method: string, url: string, payload?: object) =>
  gw.app.inject({
    method: method as 'POST',
    url,
    headers: auth,
    ...(payload ? { payload } : {}),
  });
let n = 0;
const place = (order: object) =>
  call('POST', '/v1/orders', { order, clientOrderId: `t-${++n}-${clock}` });
const buy = (symbol: string, qty: string) =>
  place({ symbol, side: 'buy', qty, type: 'market', tif: 'day' });
const sell = (symbol: string, qty: string) =>
  place({ symbol, side: 'sell', qty, type: 'market', tif: 'day' });
const restingBuy = (symbol: string, qty: string) =>
  place({ symbol, side: 'buy', qty, type: 'limit', limitPrice: '1.00', tif: 'gtc' });
const positionQty = (symbol: string) => gw.engine.positions.get(symbol)?.qty.toFixed() ?? '0';

describe('pre-trade limits from configuration', () => {
  it('applies a per-symbol override, says which limit and by how much, and re-checks at placement', async () => {
    await start();
    const limits = (await call('GET', '/v1/risk-limits')).json();
    limits.symbols = { AAPL: { maxQty: '5' } };
    const put = await call('PUT', '/v1/risk-limits', { limits, reason: 'tighten AAPL for test' });
    expect(put.statusCode).toBe(200);
    const preview = await call('POST', '/v1/orders/preview', {
      symbol: 'AAPL',
      side: 'buy',
      qty: '8',
      type: 'market',
    });
    const failed = preview.json().checks.filter((c: { ok: boolean }) => !c.ok);
    expect(failed).toEqual([
      {
        name: 'max_qty',
        ok: false,
        detail: 'quantity 8 exceeds the 5 share limit by 3 [AAPL override]',
      },
    ]);
    const res = await buy('AAPL', '8');
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/exceeds the 5 share limit by 3/);
    expect((await buy('MSFT', '8')).statusCode).toBe(201);
  });

  it('refuses bad limits with a 400 naming the field and keeps the old ones', async () => {
    await start();
    const before = (await call('GET', '/v1/risk-limits')).json();
    const bad = await call('PUT', '/v1/risk-limits', {
      limits: { ...before, symbols: { ZZZZ: { maxQty: '5' } } },
      reason: 'an unknown symbol here',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('limits.symbols.ZZZZ');
    const neg = await call('PUT', '/v1/risk-limits', {
      limits: { ...before, global: { ...before.global, maxQty: '-1' } },
      reason: 'a negative quantity limit',
    });
    expect(neg.statusCode).toBe(400);
    expect((await call('GET', '/v1/risk-limits')).json()).toEqual(before);
  });

  it('enforces the gross exposure limit on entries but not on exits', async () => {
    await start();
    expect((await buy('AAPL', '100')).statusCode).toBe(201);
    const limits = (await call('GET', '/v1/risk-limits')).json();
    limits.global.maxGrossExposure = '1000';
    await call('PUT', '/v1/risk-limits', { limits, reason: 'gross limit for the test' });
    const entry = await buy('MSFT', '1');
    expect(entry.statusCode).toBe(422);
    expect(entry.json().detail).toMatch(/gross exposure after the order .* exceeds the \$1000.00/);
    expect((await sell('AAPL', '40')).statusCode).toBe(201);
  });
});

describe('pause new entries', () => {
  it('blocks entries while paused, still allows exits and cancels, and records who', async () => {
    await start();
    await buy('AAPL', '10');
    const resting = (await restingBuy('MSFT', '5')).json() as Order;
    const pause = await call('POST', '/v1/controls/pause', {
      scope: 'all',
      paused: true,
      reason: 'news pending, no new risk',
    });
    expect(pause.json().pauses).toMatchObject([{ scope: 'all', actor: 'olga' }]);
    const entry = await buy('MSFT', '1');
    expect(entry.statusCode).toBe(422);
    expect(entry.json().code).toBe('ORDER_ENTRIES_PAUSED');
    expect((await sell('AAPL', '4')).statusCode).toBe(201);
    expect((await call('DELETE', `/v1/orders/${resting.id}`)).json().status).toBe('canceled');
    await call('POST', '/v1/controls/pause', {
      scope: 'all',
      paused: false,
      reason: 'news is out, resume entries',
    });
    expect((await buy('MSFT', '1')).statusCode).toBe(201);
    expect(events.some((e) => e.topic === 'controls')).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('manual trip blocks entries, reset needs RESET and 20 characters, at most once a minute', async () => {
    await start();
    await buy('AAPL', '10');
    const trip = await call('POST', '/v1/breaker/trip', { reason: 'operator saw bad fills' });
    expect(trip.json().state).toMatchObject({ tripped: true, rule: 'manual', changedBy: 'olga' });
    const entry = await buy('AAPL', '1');
    expect(entry.json().code).toBe('ORDER_BREAKER_TRIPPED');
    expect((await sell('AAPL', '10')).statusCode).toBe(201);
    const short = await call('POST', '/v1/breaker/reset', {
      reason: 'too short',
      confirm: 'RESET',
    });
    expect(short.statusCode).toBe(400);
    const noWord = await call('POST', '/v1/breaker/reset', {
      reason: 'checked the fills, all good now',
      confirm: 'reset',
    });
    expect(noWord.json().errors[0].path).toBe('confirm');
    const reset = await call('POST', '/v1/breaker/reset', {
      reason: 'checked the fills, all good now',
      confirm: 'RESET',
    });
    expect(reset.json().state.tripped).toBe(false);
    await call('POST', '/v1/breaker/trip', { reason: 'second trip in a minute' });
    await advance(30_000);
    const again = await call('POST', '/v1/breaker/reset', {
      reason: 'second reset within the minute',
      confirm: 'RESET',
    });
    expect(again.statusCode).toBe(429);
    expect(again.json().detail).toMatch(/allowed in 30 s/);
    await advance(31_000);
    expect(
      (
        await call('POST', '/v1/breaker/reset', {
          reason: 'second reset after the minute',
          confirm: 'RESET',
        })
      ).statusCode,
    ).toBe(200);
    expect(events.filter((e) => e.topic === 'breaker').length).toBeGreaterThanOrEqual(4);
  });

  it('trips by itself on the daily loss limit the admin set, and says why', async () => {
    await start();
    const status = (await call('GET', '/v1/breaker')).json();
    const put = await call('PUT', '/v1/breaker/thresholds', {
      thresholds: { ...status.thresholds, dailyLossLimit: '0.01' },
      reason: 'tiny loss limit for the test',
    });
    expect(put.json().thresholds.dailyLossLimit).toBe('0.01');
    await buy('AAPL', '100'); // bought at the ask, marked at the last: a small loss at once
    const after = (await call('POST', '/v1/breaker/evaluate')).json();
    expect(after.state).toMatchObject({ tripped: true, rule: 'daily_loss', changedBy: 'breaker' });
    expect(after.state.reason).toMatch(/breached the daily loss limit of \$0.01/);
    expect((await buy('MSFT', '1')).json().code).toBe('ORDER_BREAKER_TRIPPED');
  });

  it('trips on stale market data', async () => {
    await start();
    clock += 31_000; // no tick: the prices are now 31 s old
    const after = (await call('POST', '/v1/breaker/evaluate')).json();
    expect(after.state.rule).toBe('stale_data');
  });
});

describe('closing, cancelling and flattening', () => {
  it('closes part of a position by percentage or quantity, never more than held', async () => {
    await start();
    await buy('AAPL', '100');
    const pct = await call('POST', '/v1/positions/AAPL/close', {
      pct: '25',
      reason: 'take some risk off',
    });
    expect(pct.json()).toMatchObject({ side: 'sell', qty: '25', replay: false });
    expect(pct.json().orders).toMatchObject([{ side: 'sell', qty: '25', status: 'filled' }]);
    expect(positionQty('AAPL')).toBe('75');
    const tooMany = await call('POST', '/v1/positions/AAPL/close', {
      qty: '200',
      reason: 'more than is held',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toMatch(/only 75 held/);
    await call('POST', '/v1/positions/AAPL/close', { reason: 'close what is left' });
    expect(positionQty('AAPL')).toBe('0');
    const none = await call('POST', '/v1/positions/AAPL/close', { reason: 'nothing left now' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('NO_POSITION');
    const history = (await call('GET', '/v1/controls')).json().history;
    expect(history.filter((h: { kind: string }) => h.kind === 'close')).toHaveLength(2);
  });

  it('a retried close (double click, reconnect) is the same order, never a second one', async () => {
    await start();
    await buy('AAPL', '100');
    const body = { qty: '10', reason: 'trim the AAPL position' };
    const [a, b] = await Promise.all([
      call('POST', '/v1/positions/AAPL/close', body),
      call('POST', '/v1/positions/AAPL/close', body),
    ]);
    expect(a.json().orders[0].id).toBe(b.json().orders[0].id);
    expect([a.json().replay, b.json().replay].sort()).toEqual([false, true]);
    expect(positionQty('AAPL')).toBe('90');
  });

  it('a manual close of a position strategies hold is attributed to them, in proportion', async () => {
    await start();
    const id = 'momentum-megacap';
    await gw.engine.place(
      {
        clientOrderId: 'strat-nvda-close-1',
        order: { symbol: 'NVDA', side: 'buy', qty: '30', type: 'market', tif: 'day' },
      },
      `strategy:${id}`,
      { strategyId: id },
    );
    await buy('NVDA', '20');
    const half = await call('POST', '/v1/positions/NVDA/close', {
      pct: '50',
      reason: 'halve NVDA held partly by a strategy',
    });
    expect(half.statusCode).toBe(200);
    expect(half.json().qty).toBe('25');
    expect(half.json().orders.map((o: Order) => [o.qty, o.strategyId])).toEqual([
      ['15', id],
      ['10', null],
    ]);
    expect(positionQty('NVDA')).toBe('25');
    expect(gw.controls.book.position(id, 'NVDA').qty.toFixed()).toBe('15');
    // The same close again within 10 s is taken for a retry (same ids): nothing new is sent.
    const rest = { reason: 'close the rest of NVDA' };
    expect((await call('POST', '/v1/positions/NVDA/close', rest)).json().replay).toBe(true);
    expect(positionQty('NVDA')).toBe('25');
    await advance(10_000);
    expect((await call('POST', '/v1/positions/NVDA/close', rest)).json().replay).toBe(false);
    expect(positionQty('NVDA')).toBe('0');
    expect(gw.controls.book.positions(id)).toEqual([]);
  });

  it('cancels all orders of one symbol with a reason', async () => {
    await start();
    await restingBuy('MSFT', '1');
    await restingBuy('MSFT', '2');
    const keep = (await restingBuy('AAPL', '3')).json() as Order;
    const res = await call('POST', '/v1/controls/cancel-all', {
      symbol: 'MSFT',
      reason: 'pull the MSFT bids',
    });
    expect(res.json().canceled).toHaveLength(2);
    expect([...gw.engine.working.keys()]).toEqual([keep.id]);
  });

  it('flattens everything with FLATTEN, at most once per five minutes', async () => {
    await start();
    await buy('AAPL', '10');
    await sell('MSFT', '5');
    await restingBuy('NVDA', '3');
    const wrong = await call('POST', '/v1/controls/flatten', {
      reason: 'end of day flatten for the drill',
      confirm: 'flatten',
    });
    expect(wrong.statusCode).toBe(400);
    const res = await call('POST', '/v1/controls/flatten', {
      reason: 'end of day flatten for the drill',
      confirm: 'FLATTEN',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().canceled).toHaveLength(1);
    expect(res.json().orders.map((o: Order) => [o.symbol, o.side, o.qty])).toEqual(
      expect.arrayContaining([
        ['AAPL', 'sell', '10'],
        ['MSFT', 'buy', '5'],
      ]),
    );
    expect(gw.engine.positionList()).toEqual([]);
    // Flatten also pauses new entries, so nothing (no strategy either) simply re-enters.
    expect(res.json().entriesPaused).toBe(true);
    const pauses = (await call('GET', '/v1/controls')).json().pauses;
    expect(pauses).toMatchObject([{ scope: 'all', paused: true, actor: 'olga' }]);
    expect((await buy('AAPL', '1')).json().code).toBe('ORDER_ENTRIES_PAUSED');
    await advance(60_000);
    const again = await call('POST', '/v1/controls/flatten', {
      reason: 'second flatten too soon after',
      confirm: 'FLATTEN',
    });
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBe('240');
    expect(again.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 240 });
    expect(again.json().detail).toMatch(/allowed again in 240 s/);
  });

  it('flatten closes each strategy share under that strategy, so its book goes flat too', async () => {
    await start();
    const id = 'momentum-megacap';
    await gw.engine.place(
      {
        clientOrderId: 'strat-nvda-1',
        order: { symbol: 'NVDA', side: 'buy', qty: '30', type: 'market', tif: 'day' },
      },
      `strategy:${id}`,
      { strategyId: id },
    );
    await buy('NVDA', '20');
    const res = await call('POST', '/v1/controls/flatten', {
      reason: 'flatten with a strategy position',
      confirm: 'FLATTEN',
    });
    const orders = res.json().orders as Order[];
    expect(orders.map((o) => [o.qty, o.strategyId])).toEqual([
      ['30', id],
      ['20', null],
    ]);
    expect(positionQty('NVDA')).toBe('0');
    expect(gw.controls.book.positions(id)).toEqual([]);
  });

  it('the kill switch may be resumed at most once a minute', async () => {
    await start();
    const engage = () => call('POST', '/v1/kill-switch/engage', { reason: 'halt for the test' });
    const resume = () =>
      call('POST', '/v1/kill-switch/disengage', {
        reason: 'resume for the test',
        confirm: 'RESUME',
      });
    await engage();
    expect((await resume()).statusCode).toBe(200);
    await engage();
    const second = await resume();
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('RATE_LIMITED');
    const wait = Number(second.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });
});

describe('modify working orders', () => {
  it('changes quantity and limit after re-checking, and keeps an event trail', async () => {
    await start();
    const o = (await restingBuy('MSFT', '5')).json() as Order;
    const res = await call('PATCH', `/v1/orders/${o.id}`, {
      qty: '7',
      limitPrice: '2.50',
      reason: 'raise the bid a little',
    });
    expect(res.json()).toMatchObject({ qty: '7', limitPrice: '2.5', status: 'new' });
    const limits = (await call('GET', '/v1/risk-limits')).json();
    limits.symbols = { MSFT: { maxQty: '10' } };
    await call('PUT', '/v1/risk-limits', { limits, reason: 'cap MSFT size now' });
    const tooBig = await call('PATCH', `/v1/orders/${o.id}`, { qty: '11' });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().detail).toMatch(/exceeds the 10 share limit by 1/);
    const stop = await call('PATCH', `/v1/orders/${o.id}`, { stopPrice: '3' });
    expect(stop.json().errors[0].path).toBe('stopPrice');
    const empty = await call('PATCH', `/v1/orders/${o.id}`, {});
    expect(empty.statusCode).toBe(400);
    await call('DELETE', `/v1/orders/${o.id}`);
    const gone = await call('PATCH', `/v1/orders/${o.id}`, { qty: '3' });
    expect(gone.statusCode).toBe(409);
    const trail = (await call('GET', `/v1/orders/${o.id}/events`)).json();
    expect(trail.map((e: { kind: string }) => e.kind)).toEqual(['created', 'modified', 'canceled']);
    expect(trail[1].detail.before).toMatchObject({ qty: '5' });
    expect(await handle.db.select().from(schema.orderEvents)).toHaveLength(3);
  });
});

describe('strategies', () => {
  it('lists the demo strategies, attributes orders, enforces its limits, disables with confirmation', async () => {
    await start();
    const list = (await call('GET', '/v1/strategies')).json();
    expect(list.map((s: { id: string }) => s.id)).toEqual(['momentum-megacap', 'meanrev-etf']);
    expect(list[0]).toMatchObject({ enabled: false, status: 'disabled' });
    const id = 'momentum-megacap';
    const as = (order: object, cid: string) =>
      gw.engine.place({ clientOrderId: cid, order: order as never }, `strategy:${id}`, {
        strategyId: id,
      });
    await as({ symbol: 'NVDA', side: 'buy', qty: '40', type: 'market', tif: 'day' }, 'strat-1');
    await as(
      { symbol: 'TSLA', side: 'buy', qty: '5', type: 'limit', limitPrice: '1', tif: 'gtc' },
      'strat-2',
    );
    const limits = (await call('GET', '/v1/risk-limits')).json();
    limits.strategies = { [id]: { maxPositionQty: '50' } };
    await call('PUT', '/v1/risk-limits', { limits, reason: 'cap the strategy size' });
    await expect(
      as({ symbol: 'NVDA', side: 'buy', qty: '20', type: 'market', tif: 'day' }, 'strat-3'),
    ).rejects.toThrow(
      /strategy momentum-megacap position 60 shares exceeds the 50 shares limit by 10/,
    );
    const s = (await call('GET', '/v1/strategies')).json()[0];
    expect(s.positions).toMatchObject([{ symbol: 'NVDA', qty: '40' }]);
    expect(s.openOrders).toHaveLength(1);
    const wrong = await call('POST', `/v1/strategies/${id}/enabled`, {
      enabled: false,
      reason: 'stop it for the test',
      confirm: 'momentum',
    });
    expect(wrong.statusCode).toBe(400);
    const off = await call('POST', `/v1/strategies/${id}/enabled`, {
      enabled: false,
      reason: 'stop it for the test',
      confirm: id,
      cancelOpenOrders: true,
    });
    expect(off.json().canceled).toHaveLength(1);
    expect(off.json().strategy).toMatchObject({ enabled: false, openOrders: [] });
  });
});

describe('TWAP', () => {
  const req = {
    symbol: 'AAPL',
    side: 'buy',
    qty: '100',
    durationMin: 5,
    intervalS: 30,
    reason: 'work into a position',
  };
  it('previews the slices, sends them on schedule and cancels mid-way', async () => {
    await start();
    const preview = (await call('POST', '/v1/twap/preview', req)).json();
    expect(preview.slices).toHaveLength(10);
    expect(preview.slices[1].qty).toBe('10');
    const bad = await call('POST', '/v1/twap/preview', { ...req, intervalS: 10 });
    expect(bad.json().errors[0].path).toBe('intervalS');
    const twap = (await call('POST', '/v1/twap', req)).json();
    expect(twap).toMatchObject({ status: 'running', slicesSent: 1, filledQty: '10' });
    await advance(30_000);
    await gw.twap.step();
    await advance(30_000);
    await gw.twap.step();
    expect((await gw.twap.get(twap.id))!.slicesSent).toBe(3);
    const canceled = await call('POST', `/v1/twap/${twap.id}/cancel`);
    expect(canceled.json().twap).toMatchObject({ status: 'canceled', slicesSent: 3 });
    await advance(30_000);
    await gw.twap.step();
    expect((await gw.twap.get(twap.id))!.slicesSent).toBe(3);
    expect(positionQty('AAPL')).toBe('30');
  });

  it('sends limit slices at the touch ± the offset, priced when each slice goes out', async () => {
    await start();
    const limitReq = { ...req, sliceType: 'limit', limitOffsetBps: -20 };
    const q = gw.engine.quote('AAPL');
    const preview = (await call('POST', '/v1/twap/preview', limitReq)).json();
    // A buy 20 bps under the ask, rounded down to the cent.
    const expected = (Math.floor(Number(q.ask) * (1 - 0.002) * 100) / 100).toString();
    expect(preview.indicativeLimitPrice).toBe(expected);
    expect(preview.request).toMatchObject({ sliceType: 'limit', limitOffsetBps: -20 });
    const market = (await call('POST', '/v1/twap/preview', req)).json();
    expect(market.indicativeLimitPrice).toBeNull();
    const offsetOnMarket = await call('POST', '/v1/twap/preview', { ...req, limitOffsetBps: 5 });
    expect(offsetOnMarket.statusCode).toBe(400);
    expect(offsetOnMarket.json().errors[0].path).toBe('limitOffsetBps');
    const tooFar = await call('POST', '/v1/twap/preview', { ...limitReq, limitOffsetBps: 900 });
    expect(tooFar.json().errors[0].path).toBe('limitOffsetBps');

    const twap = (await call('POST', '/v1/twap', limitReq)).json();
    expect(twap).toMatchObject({ sliceType: 'limit', limitOffsetBps: -20, slicesSent: 1 });
    const [child] = [...gw.engine.working.values()].filter((w) => w.row.parentId === twap.id);
    expect(child!.row).toMatchObject({ type: 'limit', limitPrice: expected, tif: 'day' });
    // Cancelling the parent pulls the resting limit child.
    const canceled = (await call('POST', `/v1/twap/${twap.id}/cancel`)).json();
    expect(canceled.canceled.map((o: Order) => o.id)).toEqual([child!.row.id]);
  });

  it('reads nothing while no TWAP runs, and a TWAP started then runs on schedule', async () => {
    await start();
    await gw.twap.step(); // nothing running: the runner goes idle
    // A running parent the runner did not start (only start() adds them) is not even read.
    const at = new Date(clock).toISOString();
    await handle.db.insert(schema.twapOrders).values({
      id: 'twap-not-started-here',
      symbol: 'MSFT',
      side: 'buy',
      qty: '100',
      durationMin: 5,
      intervalS: 30,
      sliceType: 'market',
      startAt: at,
      slices: 10,
      status: 'running',
      reason: 'written behind the runner',
      createdBy: 'olga',
      createdAt: at,
      updatedAt: at,
    });
    await gw.twap.step();
    expect((await gw.twap.get('twap-not-started-here'))!.slicesSent).toBe(0);
    const twap = (await call('POST', '/v1/twap', req)).json();
    expect(twap).toMatchObject({ status: 'running', slicesSent: 1 });
    await advance(30_000);
    await gw.twap.step();
    expect((await gw.twap.get(twap.id))!.slicesSent).toBe(2);
  });

  it('halts when the kill switch is engaged before a slice', async () => {
    await start();
    const twap = (await call('POST', '/v1/twap', req)).json();
    await call('POST', '/v1/kill-switch/engage', { reason: 'halt during the TWAP' });
    await advance(30_000);
    await gw.twap.step();
    const t = (await gw.twap.get(twap.id))!;
    expect(t).toMatchObject({ status: 'halted', slicesSent: 1 });
    expect(t.statusReason).toMatch(/kill switch engaged/);
  });
});

describe('fail closed', () => {
  it('blocks entries, TWAP slices and shows strategies halted when the breaker cannot be read', async () => {
    await start();
    await buy('AAPL', '10');
    await call('POST', '/v1/strategies/momentum-megacap/enabled', {
      enabled: true,
      reason: 'run it for the test',
      confirm: 'momentum-megacap',
    });
    await handle.db.execute('ALTER TABLE breaker_events RENAME TO breaker_events_gone');
    // The last good read is trusted for CONTROL_STATE_MAX_AGE_MS; past it the failed re-read
    // makes the state unknown.
    await advance(CONTROL_STATE_MAX_AGE_MS);
    const entry = await buy('MSFT', '1');
    expect(entry.statusCode).toBe(422);
    expect(entry.json().code).toBe('ORDER_BREAKER_TRIPPED');
    expect(entry.json().detail).toMatch(/circuit breaker state unknown/);
    expect((await sell('AAPL', '10')).statusCode).toBe(201);
    const twap = await call('POST', '/v1/twap', {
      symbol: 'AAPL',
      side: 'buy',
      qty: '50',
      durationMin: 5,
      intervalS: 30,
      reason: 'twap while unknown',
    });
    expect(twap.json()).toMatchObject({ status: 'halted', slicesSent: 0 });
    expect(twap.json().statusReason).toMatch(/circuit breaker unknown/);
    const s = (await call('GET', '/v1/strategies')).json();
    await handle.db.execute('ALTER TABLE breaker_events_gone RENAME TO breaker_events');
    expect(s.map((x: { status: string }) => x.status)).toEqual(['halted', 'disabled']);
  });
});
