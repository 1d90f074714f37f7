import type { Order, Strategy } from '@qd/contracts';
import {
  EMPTY_SIGNAL,
  dec,
  money,
  stepSignal,
  type SignalState,
  type StrategyParams,
} from '@qd/domain';
import { AppError, schema, type Database, type Logger } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { controlOrderId } from '../controls/actions';
import type { Controls } from '../controls/controls';
import type { Engine } from '../engine';
import { iso, nyDate, orderFromRow } from '../mappers';
import { positionView } from '../views';

type Row = typeof schema.strategies.$inferSelect;

/** The demo strategies a fresh install runs on the simulated market. */
export const DEMO_STRATEGIES: {
  id: string;
  name: string;
  symbols: string[];
  params: StrategyParams;
}[] = [
  {
    id: 'momentum-megacap',
    name: 'Momentum: mega-cap tech',
    symbols: ['NVDA', 'TSLA'],
    params: { kind: 'momentum', size: 100, alpha: 0.05, bandPct: 0.02 },
  },
  {
    id: 'meanrev-etf',
    name: 'Mean reversion: index ETFs',
    symbols: ['SPY', 'QQQ'],
    params: { kind: 'mean_reversion', size: 50, alpha: 0.02, bandPct: 0.03 },
  },
];

/** Runs the enabled strategies: each turns prices into a target position and trades toward it. */
export class StrategyRunner {
  private rows = new Map<string, Row>();
  private readonly signals = new Map<string, SignalState>();
  private readonly detail = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly controls: Controls,
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /** Seeds the demo strategies (enabled or not, per configuration) and loads them. */
  async load(enabledAtSeed: boolean): Promise<void> {
    const at = this.engine.now().toISOString();
    await this.db
      .insert(schema.strategies)
      .values(
        DEMO_STRATEGIES.map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.params.kind,
          symbols: s.symbols,
          params: s.params,
          enabled: enabledAtSeed,
          updatedBy: 'system',
          updatedAt: at,
        })),
      )
      .onConflictDoNothing();
    for (const r of await this.db.select().from(schema.strategies)) this.rows.set(r.id, r);
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  /** One decision round: every enabled, unpaused strategy trades toward its targets. */
  async step(): Promise<void> {
    for (const r of this.rows.values()) {
      const params = r.params as StrategyParams;
      for (const symbol of r.symbols as string[]) {
        const key = `${r.id}:${symbol}`;
        const q = this.engine.quote(symbol);
        const mid = dec(q.bid).plus(q.ask).div(2);
        const { state, target } = stepSignal(params, this.signals.get(key) ?? EMPTY_SIGNAL, mid);
        this.signals.set(key, state);
        if (!r.enabled || target === null) continue;
        const held = this.controls.book.position(r.id, symbol).qty;
        const delta = target.minus(held);
        const busy = [...this.engine.working.values()].some(
          (w) => w.row.strategyId === r.id && w.row.symbol === symbol,
        );
        if (delta.isZero() || busy) continue;
        const side = delta.gt(0) ? 'buy' : 'sell';
        const qty = delta.abs().toFixed();
        try {
          await this.engine.place(
            {
              clientOrderId: controlOrderId(
                ['strategy', r.id, symbol, side, qty],
                this.engine.now(),
              ),
              order: { symbol, side, qty, type: 'market', tif: 'day', reason: `strategy ${r.id}` },
            },
            `strategy:${r.id}`,
            { strategyId: r.id },
          );
          this.detail.set(r.id, `last order: ${side} ${qty} ${symbol}`);
        } catch (e) {
          const msg = e instanceof AppError ? e.detail : (e as Error).message;
          this.detail.set(r.id, `order refused: ${msg}`);
          this.logger.debug({ strategy: r.id, err: msg }, 'strategy order refused');
        }
      }
    }
  }

  /** Enables or disables a strategy; disabling can also cancel its working orders. */
  async setEnabled(
    id: string,
    enabled: boolean,
    actor: string,
    cancelOpen: boolean,
  ): Promise<{ strategy: Strategy; canceled: Order[] }> {
    const row = this.rows.get(id);
    if (!row) throw new AppError('NOT_FOUND', `No strategy ${id}`);
    const at = this.engine.now().toISOString();
    await this.db
      .update(schema.strategies)
      .set({ enabled, updatedBy: actor, updatedAt: at })
      .where(eq(schema.strategies.id, id));
    this.rows.set(id, { ...row, enabled, updatedBy: actor, updatedAt: at });
    let canceled: Order[] = [];
    if (!enabled && cancelOpen) {
      const ids = [...this.engine.working.values()]
        .filter((w) => w.row.strategyId === id)
        .map((w) => w.row.id);
      canceled = await this.engine.serial.run(async () =>
        (await this.engine.cancelRows(ids, undefined, actor)).map(orderFromRow),
      );
    }
    this.detail.set(id, enabled ? 'enabled' : `disabled by ${actor}`);
    return { strategy: this.view(this.rows.get(id)!), canceled };
  }

  list(): Strategy[] {
    // A new trading day starts every strategy's realized P&L at zero, fills or not.
    this.controls.book.onFills([], nyDate(this.engine.now()));
    return [...this.rows.values()].map((r) => this.view(r));
  }

  private view(r: Row): Strategy {
    const now = this.engine.now();
    const positions = this.controls.book
      .positions(r.id)
      .map(([symbol, p]) =>
        positionView(
          symbol,
          { ...p, dayStartQty: dec(0), updatedAt: now },
          this.engine.quote(symbol),
        ),
      );
    const openOrders = [...this.engine.working.values()]
      .filter((w) => w.row.strategyId === r.id)
      .map((w) => orderFromRow(w.row));
    const unrealized = positions.reduce((a, p) => a.plus(p.unrealizedPnl), dec(0));
    const realized = this.controls.book.realized(r.id);
    const paused = this.controls.isPaused(r.id) || this.controls.isPaused('all');
    const halted = this.controls.lastBreaker !== 'ok';
    const status = !r.enabled ? 'disabled' : halted ? 'halted' : paused ? 'paused' : 'running';
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as Strategy['kind'],
      symbols: r.symbols as string[],
      enabled: r.enabled,
      paused,
      status,
      statusDetail:
        r.enabled && halted
          ? `circuit breaker ${this.controls.lastBreaker}: no new entries`
          : (this.detail.get(r.id) ?? (r.enabled ? 'waiting for a signal' : 'disabled')),
      positions,
      openOrders,
      realizedPnlToday: money(realized),
      unrealizedPnl: money(unrealized),
      pnlToday: money(realized.plus(unrealized)),
      updatedBy: r.updatedBy,
      updatedAt: iso(r.updatedAt),
    };
  }
}
