import type {
  GatewayOrderRequest,
  Instrument,
  KillSwitchStatus,
  Order,
  OrderPreview,
  OrderRequest,
  Quote,
} from '@qd/contracts';
import {
  createMarket,
  dec,
  stepMarket,
  str,
  type KillSwitchView,
  type MarketState,
} from '@qd/domain';
import { AppError, schema, type Config, type Database, type Logger, type Tx } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { FreshState } from './controls/freshState';
import { readKillSwitch } from './killSwitch';
import {
  applyTif,
  matchWorking,
  newOrderRow,
  rejectError,
  type OrderRow,
  type PendingFill,
  type Working,
} from './orderFills';
import { nyDate, orderFromRow } from './mappers';
import { recordOrderEvent } from './orderEvents';
import { settle, type SettledFills } from './fillSettlement';
import { writeTickFills } from './fillsWrite';
import { writePlacement } from './placementWrite';
import { previewOrder } from './previewOrder';
import type { RiskContext } from './riskContext';
import type { Publisher } from './publisher';
import { Serial } from './serial';
import { accountView, positionView, type AccountState, type HeldPosition } from './views';

import { ACCOUNT_ID, seedAndLoad } from './seed';

export interface EngineDeps {
  config: Config;
  db: Database;
  publisher: Publisher;
  logger: Logger;
  now: () => Date;
  /** Reads the kill switch; replaceable so tests can make the read fail. */
  readKillSwitch?: (db: Database) => Promise<KillSwitchStatus>;
}

/** Trading truth in memory, always written to the database before it changes or is published. */
export class Engine {
  readonly serial = new Serial();
  readonly instruments = new Map<string, Instrument>();
  market!: MarketState;
  private readonly quoteTimes = new Map<string, Date>();
  /** Test knob (QD_TEST_FROZEN_SYMBOLS, loopback only): quotes that never move, so they go stale. */
  private get frozen(): Set<string> {
    this.frozenSet ??= new Set(this.d.config.QD_TEST_FROZEN_SYMBOLS?.split(',') ?? []);
    return this.frozenSet;
  }
  private frozenSet: Set<string> | undefined;
  readonly positions = new Map<string, HeldPosition>();
  account!: AccountState;
  readonly working = new Map<string, Working>();
  private readonly readKs: (db: Database) => Promise<KillSwitchStatus>;
  /** Limits, breaker, pauses and strategy exposure for the checks (set before start). */
  risk!: RiskContext;
  /** Called with every batch of fills once written (strategy attribution). */
  readonly fillListeners: ((fills: PendingFill[]) => void)[] = [];
  /** Called with the outcome of every broker operation (breaker error rate). */
  onBrokerResult: (ok: boolean) => void = () => undefined;

  /** The kill switch for the checks, re-read at most once a second; its writers invalidate it. */
  readonly killSwitch: FreshState<KillSwitchStatus>;

  constructor(private readonly d: EngineDeps) {
    this.readKs = d.readKillSwitch ?? readKillSwitch;
    this.killSwitch = new FreshState(
      () => this.readKs(this.d.db),
      () => this.d.now().getTime(),
    );
  }

  /** Seeds an empty database (instruments, account) and loads the state into memory. */
  async load(): Promise<void> {
    const state = await seedAndLoad(this.d.db, this.d.config, this.d.now);
    for (const i of state.instruments) this.instruments.set(i.symbol, i);
    this.market = createMarket(this.d.config.QD_MARKET_SEED, state.refPrices);
    for (const s of this.instruments.keys()) this.quoteTimes.set(s, this.d.now());
    this.account = state.account;
    for (const [symbol, p] of state.positions) this.positions.set(symbol, p);
    for (const row of state.working) this.working.set(row.id, { row, triggered: false });
    await this.rollDayIfNeeded();
  }

  quote(symbol: string): Quote {
    const q = this.market.quotes[symbol];
    if (!q)
      throw new AppError(
        'UNKNOWN_SYMBOL',
        `Unknown symbol ${symbol}: not in the tradable universe`,
      );
    return { ...q, ts: (this.quoteTimes.get(symbol) ?? this.d.now()).toISOString() };
  }

  quotes(): Quote[] {
    return Object.keys(this.market.quotes).map((s) => this.quote(s));
  }

  positionList() {
    return [...this.positions.entries()]
      .filter(([, p]) => !p.qty.isZero())
      .map(([s, p]) => positionView(s, p, this.quote(s)));
  }

  accountSnapshot() {
    return accountView(this.account, this.positionList(), this.d.now());
  }

  now(): Date {
    return this.d.now();
  }

  get db(): Database {
    return this.d.db;
  }

  get publisher(): Publisher {
    return this.d.publisher;
  }

  async killSwitchView(): Promise<KillSwitchView> {
    try {
      return (await this.killSwitch.get()).state.engaged ? 'engaged' : 'disengaged';
    } catch (err) {
      this.d.logger.error({ err }, 'kill switch state unreadable: trading blocked');
      return 'unknown';
    }
  }

  /** Prices the order and runs every pre-trade check without changing anything. */
  preview(order: OrderRequest, strategyId: string | null = null): Promise<OrderPreview> {
    return previewOrder(this, order, strategyId);
  }

  /** Places an order once per client order id; the same id again returns the stored order. */
  place(
    req: GatewayOrderRequest,
    actor: string,
    meta: { strategyId?: string | null; parentId?: string | null } = {},
  ): Promise<{ order: Order; created: boolean }> {
    return this.serial.run(() => this.placeNow(req, actor, meta));
  }

  /** place() without queueing: for callers already inside the engine's queue. */
  async placeNow(
    req: GatewayOrderRequest,
    actor: string,
    meta: { strategyId?: string | null; parentId?: string | null } = {},
  ): Promise<{ order: Order; created: boolean }> {
    {
      // Idempotency without a read on the common path: a new id is checked by the insert itself
      // (ON CONFLICT DO NOTHING); the stored order is looked up only when the checks refuse or
      // the insert finds the id taken, so a replay answers with the stored order as before.
      const storedReplay = async () => {
        const [existing] = await this.d.db
          .select()
          .from(schema.orders)
          .where(eq(schema.orders.id, req.clientOrderId));
        return existing ? { order: orderFromRow(existing), created: false } : null;
      };
      const preview = await this.preview(req.order, meta.strategyId ?? null);
      const failed = preview.checks.filter((c) => !c.ok);
      if (failed.length) {
        const replay = await storedReplay();
        if (replay) return replay;
        throw rejectError(failed);
      }
      const now = this.d.now().toISOString();
      const row = newOrderRow(req, actor, now, meta);
      const work: Working = { row, triggered: false };
      const fills = matchWorking([work], this.market.quotes, this.instruments);
      const finalRow = applyTif(work, fills, this.d.now().toISOString());
      // Settled aside and adopted only once written: a failed write changes nothing in memory.
      const settled = settle(fills, this.account, this.positions, this.d.now().toISOString());
      let placed: boolean;
      try {
        placed = await writePlacement(this.d.db, {
          order: finalRow,
          event: {
            orderId: row.id,
            kind: 'created',
            actor,
            at: now,
            detail: {
              order: req.order,
              status: finalRow.status,
              checks: preview.checks.map((c) => c.name),
            },
          },
          settled,
        });
      } catch (err) {
        this.onBrokerResult(false);
        throw err;
      }
      if (!placed) {
        const replay = await storedReplay();
        if (replay) return replay;
        throw new Error(`order ${req.clientOrderId} exists but cannot be read`);
      }
      this.onBrokerResult(true);
      this.adopt(settled, fills);
      this.commit([finalRow]);
      for (const f of this.fillListeners) f(fills);
      await this.publishChanges([finalRow], fills);
      // The row as written (every column is set here; no database default applies), so no
      // re-read holds the engine's queue.
      return { order: orderFromRow(finalRow), created: true };
    }
  }

  /** Cancels one working order. */
  cancel(id: string, actor = 'system'): Promise<Order> {
    return this.serial.run(async () => {
      const [row] = await this.d.db.select().from(schema.orders).where(eq(schema.orders.id, id));
      if (!row) throw new AppError('NOT_FOUND', `No order ${id}`);
      if (!this.working.has(id))
        throw new AppError(
          'ORDER_NOT_CANCELABLE',
          `Order ${id} is ${row.status} and can no longer be cancelled`,
        );
      const [done] = await this.cancelRows([id], undefined, actor);
      return orderFromRow(done!);
    });
  }

  /** Cancels every working order, or those of one symbol. */
  cancelAll(symbol?: string, actor = 'system'): Promise<Order[]> {
    return this.serial.run(async () => {
      const ids = [...this.working.values()]
        .filter((w) => !symbol || w.row.symbol === symbol)
        .map((w) => w.row.id);
      return (await this.cancelRows(ids, undefined, actor)).map(orderFromRow);
    });
  }

  /** Marks orders cancelled in the database (in the given transaction, or its own), then publishes. */
  async cancelRows(ids: string[], tx?: Tx, actor = 'system'): Promise<OrderRow[]> {
    if (!ids.length) return [];
    const now = this.d.now().toISOString();
    const rows = ids.map((id) => ({
      ...this.working.get(id)!.row,
      status: 'canceled',
      updatedAt: now,
    }));
    const write = async (t: Tx) => {
      for (const r of rows) {
        await t
          .update(schema.orders)
          .set({ status: 'canceled', updatedAt: now })
          .where(eq(schema.orders.id, r.id));
        await recordOrderEvent(t, r.id, 'canceled', actor, now, { filledQty: r.filledQty });
      }
    };
    if (tx) await write(tx);
    else await this.d.db.transaction(write);
    this.commit(rows);
    if (!tx) await this.publishChanges(rows, []);
    return rows;
  }

  /** One market tick: move prices, match resting orders, persist, publish. */
  tick(dtMs: number): Promise<void> {
    return this.serial.run(async () => {
      const before = this.market.quotes;
      this.market = stepMarket(this.market, dtMs);
      const now = this.d.now();
      for (const s of this.instruments.keys())
        if (this.frozen.has(s)) this.market.quotes[s] = before[s]!;
        else this.quoteTimes.set(s, now);
      await this.rollDayIfNeeded();
      const works = [...this.working.values()];
      // Matching marks the stops it triggers on the working entries; until the fills are
      // written that is put back on failure, so a failed tick leaves no order state behind.
      const wasTriggered = works.map((w) => w.triggered);
      const fills = matchWorking(works, this.market.quotes, this.instruments);
      if (fills.length) {
        const rows = works
          .filter((w) => fills.some((f) => f.order.id === w.row.id))
          .map((w) => applyTif(w, fills, this.d.now().toISOString()));
        // Settled aside and adopted only once written: a failed write changes nothing in memory.
        const settled = settle(fills, this.account, this.positions, this.d.now().toISOString());
        try {
          await writeTickFills(this.d.db, { orders: rows, settled });
        } catch (err) {
          works.forEach((w, i) => (w.triggered = wasTriggered[i]!));
          throw err;
        }
        this.adopt(settled, fills);
        this.commit(rows);
        await this.publishChanges(rows, fills);
      }
      for (const f of this.fillListeners) f(fills);
      for (const s of this.instruments.keys())
        await this.d.publisher.publish(`prices:${s}`, this.quote(s));
    });
  }

  /** Publishes marked-to-market positions and account (called at a throttled rate). */
  publishMarks(): Promise<void> {
    return this.serial.run(async () => {
      await this.d.publisher.publish('positions', { upsert: this.positionList(), remove: [] });
      await this.d.publisher.publish('account', this.accountSnapshot());
    });
  }

  /** Adopts written fills: their ids and time, the positions and the account they moved. */
  private adopt(settled: SettledFills, fills: PendingFill[]): void {
    for (const [i, f] of fills.entries()) {
      f.id = settled.fillRows[i]!.id;
      f.ts = settled.ts;
    }
    for (const [symbol, p] of settled.positions) this.positions.set(symbol, p);
    this.account = settled.account;
  }

  /** Applies committed order rows to the in-memory working set. */
  private commit(rows: OrderRow[]): void {
    for (const r of rows) {
      if (r.status === 'new' || r.status === 'partially_filled') {
        const w = this.working.get(r.id);
        this.working.set(r.id, { row: r, triggered: w?.triggered ?? false });
      } else this.working.delete(r.id);
    }
  }

  private async publishChanges(rows: OrderRow[], fills: PendingFill[]): Promise<void> {
    const p = this.d.publisher;
    if (rows.length) await p.publish('orders', { upsert: rows.map(orderFromRow) });
    if (fills.length) {
      const add = fills.map((f) => ({
        id: f.id!,
        orderId: f.order.id,
        symbol: f.order.symbol,
        side: f.order.side as 'buy' | 'sell',
        qty: str(f.qty),
        price: str(f.price),
        ts: f.ts!,
      }));
      await p.publish('fills', { add });
      const symbols = [...new Set(fills.map((f) => f.order.symbol))];
      const positions = this.positionList();
      await p.publish('positions', {
        upsert: positions.filter((x) => symbols.includes(x.symbol)),
        remove: symbols.filter((s) => this.positions.get(s)?.qty.isZero()),
      });
      await p.publish('account', this.accountSnapshot());
    }
  }

  /** At a new New York trading day: equity and positions become the day's starting point. */
  private async rollDayIfNeeded(): Promise<void> {
    const today = nyDate(this.d.now());
    if (this.account.tradingDay === today) return;
    const equity = dec(this.accountSnapshot().equity);
    await this.d.db.transaction(async (tx) => {
      await tx
        .update(schema.accounts)
        .set({ tradingDay: today, dayStartEquity: str(equity), realizedPnlToday: '0' })
        .where(eq(schema.accounts.id, ACCOUNT_ID));
      for (const [s, p] of this.positions)
        await tx
          .update(schema.positions)
          .set({ dayStartQty: str(p.qty) })
          .where(eq(schema.positions.symbol, s));
    });
    this.account = {
      ...this.account,
      tradingDay: today,
      dayStartEquity: equity,
      realizedPnlToday: dec(0),
    };
    for (const p of this.positions.values()) p.dayStartQty = p.qty;
  }
}
