import type { ControlsStatus, PauseState, RiskLimits } from '@qd/contracts';
import { dec, resolveLimits, type BreakerView, type ResolvedLimits } from '@qd/domain';
import { newYorkDayStart } from '@qd/domain/calendar';
import { schema, type Database, type Logger } from '@qd/platform';
import { asc, desc, eq } from 'drizzle-orm';
import type { Engine } from '../engine';
import { iso, nyDate } from '../mappers';
import type { Publisher } from '../publisher';
import type { RiskContext } from '../riskContext';
import { StrategyBook } from '../strategies/book';
import { Breaker } from './breaker';
import { readSetting, writeSetting } from './settings';

export const FLATTEN_INTERVAL_MS = 5 * 60_000;

/** Limits, pauses, the breaker and the strategy book: what the gateway's controls hold. */
export class Controls implements RiskContext {
  limits!: RiskLimits;
  breaker!: Breaker;
  readonly book = new StrategyBook();
  private readonly pauses = new Map<string, PauseState>();

  constructor(
    private readonly engine: Engine,
    private readonly db: Database,
    private readonly publisher: Publisher,
    private readonly logger: Logger,
  ) {}

  /** Loads limits, thresholds, pauses and the strategy book; throws if any cannot be read. */
  async load(): Promise<void> {
    this.limits = await readSetting(this.db, 'risk_limits');
    this.breaker = new Breaker(
      this.db,
      () => this.engine.now(),
      await readSetting(this.db, 'breaker_thresholds'),
    );
    this.lastBreaker = (await this.breaker.view()).view;
    const rows = await this.db
      .select()
      .from(schema.entryPauses)
      .orderBy(asc(schema.entryPauses.id));
    for (const r of rows) this.pauses.set(r.scope, pauseFromRow(r));
    const day = this.engine.account.tradingDay;
    await this.book.load(this.db, dayStartIso(day), day);
    this.engine.risk = this;
    this.engine.fillListeners.push((fills) => this.book.onFills(fills, nyDate(this.engine.now())));
    this.engine.onBrokerResult = (ok) => this.breaker.recordBroker(ok);
  }

  limitsFor(symbol: string, strategyId: string | null): ResolvedLimits {
    return resolveLimits(this.limits, symbol, strategyId);
  }

  /** The last breaker state read (for views that cannot wait on the database). */
  lastBreaker: BreakerView = 'unknown';

  async breakerView() {
    const v = await this.breaker.view();
    this.lastBreaker = v.view;
    return v;
  }

  pauseFor(strategyId: string | null): string | null {
    if (this.pauses.get('all')?.paused) return 'all entries';
    if (strategyId && this.pauses.get(strategyId)?.paused) return `strategy ${strategyId}`;
    return null;
  }

  isPaused(scope: string): boolean {
    return this.pauses.get(scope)?.paused ?? false;
  }

  strategyExposure(strategyId: string, symbol: string) {
    return {
      qty: this.book.position(strategyId, symbol).qty,
      gross: this.book.gross(strategyId, (s) => dec(this.engine.quote(s).last)),
    };
  }

  async setLimits(limits: RiskLimits, actor: string): Promise<RiskLimits> {
    await writeSetting(this.db, 'risk_limits', limits, actor, this.engine.now());
    this.limits = limits;
    return limits;
  }

  async setPause(scope: string, paused: boolean, reason: string, actor: string) {
    const at = this.engine.now().toISOString();
    const [row] = await this.db
      .insert(schema.entryPauses)
      .values({ scope, paused, reason, actor, at })
      .returning();
    this.pauses.set(scope, pauseFromRow(row!));
    await this.publishStatus();
    return this.status();
  }

  /** Records a control action (flatten, close, cancel-all) for history and rate limits. */
  async recordEvent(
    kind: string,
    target: string | null,
    reason: string,
    actor: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.db
      .insert(schema.controlEvents)
      .values({ kind, target, reason, actor, at: this.engine.now().toISOString(), detail });
  }

  /** Pauses in force, the next allowed flatten and the recent control history. */
  async status(): Promise<ControlsStatus> {
    const history = await this.db
      .select()
      .from(schema.controlEvents)
      .orderBy(desc(schema.controlEvents.id))
      .limit(50);
    const [lastFlatten] = await this.db
      .select()
      .from(schema.controlEvents)
      .where(eq(schema.controlEvents.kind, 'flatten'))
      .orderBy(desc(schema.controlEvents.id))
      .limit(1);
    return {
      pauses: [...this.pauses.values()].filter((p) => p.paused),
      nextFlattenAt: lastFlatten
        ? new Date(Date.parse(lastFlatten.at) + FLATTEN_INTERVAL_MS).toISOString()
        : null,
      history: history.map((h) => ({
        id: String(h.id),
        kind: h.kind,
        target: h.target,
        reason: h.reason,
        actor: h.actor,
        at: iso(h.at),
      })),
    };
  }

  async publishStatus(): Promise<void> {
    await this.publisher.publish('controls', await this.status());
  }

  /** Runs the breaker's automatic rules on the current readings (every tick and every fill). */
  async evaluateBreaker(): Promise<void> {
    const quotes = this.engine.quotes();
    const freshest = quotes.length ? Math.max(...quotes.map((q) => Date.parse(q.ts))) : Number.NaN;
    const account = this.engine.accountSnapshot();
    const tripped = await this.breaker.evaluate({
      day: this.engine.account.tradingDay,
      equity: dec(account.equity),
      dayStartEquity: this.engine.account.dayStartEquity,
      quoteAgeMs: Number.isNaN(freshest) ? null : this.engine.now().getTime() - freshest,
    });
    this.lastBreaker = (await this.breaker.view()).view;
    if (tripped) {
      this.logger.warn({ reason: tripped.state.reason }, 'circuit breaker tripped');
      await this.publisher.publish('breaker', tripped);
    }
  }
}

function pauseFromRow(r: typeof schema.entryPauses.$inferSelect): PauseState {
  return { scope: r.scope, paused: r.paused, reason: r.reason, actor: r.actor, at: iso(r.at) };
}

/** Midnight in New York of a trading day, as an ISO instant (daylight saving time included). */
function dayStartIso(day: string): string {
  return new Date(newYorkDayStart(day)).toISOString();
}
