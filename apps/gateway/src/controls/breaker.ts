import type { BreakerRule, BreakerStatus, BreakerThresholds } from '@qd/contracts';
import {
  dec,
  evaluateBreaker,
  nextHighWaterMark,
  withinWindow,
  type BreakerView,
  type Decimal,
} from '@qd/domain';
import { AppError, schema, type Database } from '@qd/platform';
import { desc } from 'drizzle-orm';
import { iso } from '../mappers';
import { FreshState } from './freshState';

export const BREAKER_RESET_INTERVAL_MS = 60_000;

/** Reads the durable breaker state and recent history (latest row wins; none = armed). */
export async function readBreaker(
  db: Database,
  thresholds: BreakerThresholds,
  limit = 50,
): Promise<BreakerStatus> {
  const rows = await db
    .select()
    .from(schema.breakerEvents)
    .orderBy(desc(schema.breakerEvents.id))
    .limit(limit);
  const latest = rows[0];
  const lastReset = rows.find((r) => r.action === 'reset');
  return {
    state: latest
      ? {
          tripped: latest.action === 'trip',
          rule: latest.action === 'trip' ? (latest.rule as BreakerRule) : null,
          reason: latest.reason,
          changedBy: latest.actor,
          changedAt: iso(latest.at),
        }
      : { tripped: false, rule: null, reason: null, changedBy: null, changedAt: null },
    thresholds,
    nextResetAt: lastReset
      ? new Date(Date.parse(lastReset.at) + BREAKER_RESET_INTERVAL_MS).toISOString()
      : null,
    history: rows.map((r) => ({
      id: String(r.id),
      action: r.action as 'trip' | 'reset',
      rule: (r.rule as BreakerRule | null) ?? null,
      reason: r.reason,
      actor: r.actor,
      at: iso(r.at),
    })),
  };
}

/** The breaker: durable trips and resets, automatic rules over the live readings. */
export class Breaker {
  private hwm: Decimal | null = null;
  private hwmDay = '';
  private samples: { at: number; ok: boolean }[] = [];
  /** The latest state, re-read at most once a second (see FreshState); writes invalidate it. */
  private readonly latest: FreshState<BreakerStatus['state']>;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    public thresholds: BreakerThresholds,
  ) {
    this.latest = new FreshState(
      async () => (await readBreaker(this.db, this.thresholds, 1)).state,
      () => this.now().getTime(),
    );
  }

  status(): Promise<BreakerStatus> {
    return readBreaker(this.db, this.thresholds);
  }

  /** Re-reads the state ahead of its expiry (the market loop), so the checks read nothing. */
  refreshAhead(marginMs: number): Promise<void> {
    return this.latest.refreshAhead(marginMs);
  }

  /** The state for the checks: unreadable → unknown, which blocks entries. */
  async view(): Promise<{ view: BreakerView; reason: string | null }> {
    try {
      const s = await this.latest.get();
      return s.tripped ? { view: 'tripped', reason: s.reason } : { view: 'ok', reason: null };
    } catch {
      return { view: 'unknown', reason: null };
    }
  }

  recordBroker(ok: boolean): void {
    const t = this.now().getTime();
    this.samples = withinWindow(this.samples, t, this.thresholds.brokerWindowMs);
    this.samples.push({ at: t, ok });
  }

  /** Evaluates the automatic rules on the latest readings; trips (once) when one is breached. */
  async evaluate(reading: {
    day: string;
    equity: Decimal;
    dayStartEquity: Decimal;
    quoteAgeMs: number | null;
  }): Promise<BreakerStatus | null> {
    if (this.hwmDay !== reading.day) {
      this.hwmDay = reading.day;
      this.hwm = reading.dayStartEquity;
    }
    this.hwm = nextHighWaterMark(this.hwm, reading.equity);
    const t = this.now().getTime();
    this.samples = withinWindow(this.samples, t, this.thresholds.brokerWindowMs);
    const th = this.thresholds;
    const trip = evaluateBreaker(
      {
        dailyLossLimit: dec(th.dailyLossLimit),
        maxDrawdownPct: dec(th.maxDrawdownPct),
        maxQuoteAgeMs: th.maxQuoteAgeMs,
        maxBrokerErrorPct: dec(th.maxBrokerErrorPct),
        minBrokerSamples: th.minBrokerSamples,
        brokerWindowMs: th.brokerWindowMs,
      },
      {
        dayPnl: reading.equity.minus(reading.dayStartEquity),
        equity: reading.equity,
        highWaterMark: this.hwm,
        quoteAgeMs: reading.quoteAgeMs,
        brokerOk: this.samples.filter((s) => s.ok).length,
        brokerErrors: this.samples.filter((s) => !s.ok).length,
      },
    );
    if (!trip) return null;
    const current = await this.view();
    if (current.view === 'tripped') return null;
    return this.record('trip', trip.rule, trip.detail, 'breaker');
  }

  /** A person trips the breaker by hand. */
  async trip(reason: string, actor: string): Promise<BreakerStatus> {
    const s = await this.status();
    if (s.state.tripped)
      throw new AppError('BREAKER_ALREADY_TRIPPED', 'The circuit breaker is already tripped');
    return this.record('trip', 'manual', reason, actor);
  }

  /** Re-arms the breaker: at most once per minute. */
  async reset(reason: string, actor: string): Promise<BreakerStatus> {
    const s = await this.status();
    if (!s.state.tripped)
      throw new AppError('BREAKER_NOT_TRIPPED', 'The circuit breaker is not tripped');
    const wait = s.nextResetAt ? Date.parse(s.nextResetAt) - this.now().getTime() : 0;
    if (wait > 0)
      throw AppError.rateLimited(
        `The breaker was reset less than a minute ago; the next reset is allowed in ${Math.ceil(wait / 1000)} s`,
        wait / 1000,
      );
    // A reset starts the drawdown and error-rate rules afresh from here.
    this.hwm = null;
    this.samples = [];
    return this.record('reset', null, reason, actor);
  }

  /** Told of every trip and reset once recorded (the gateway raises an alert from it). */
  onRecord: (
    action: 'trip' | 'reset',
    rule: BreakerRule | null,
    reason: string,
    actor: string,
  ) => Promise<unknown> = async () => undefined;

  private async record(
    action: 'trip' | 'reset',
    rule: BreakerRule | null,
    reason: string,
    actor: string,
  ): Promise<BreakerStatus> {
    this.latest.invalidate(); // and again after: no cached state survives the write
    try {
      await this.db
        .insert(schema.breakerEvents)
        .values({ action, rule, reason, actor, at: this.now().toISOString() });
    } finally {
      this.latest.invalidate();
    }
    await this.onRecord(action, rule, reason, actor);
    return this.status();
  }
}
