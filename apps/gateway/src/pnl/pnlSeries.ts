import { PNL_POINTS_KEPT, type Account, type PnlPoint } from '@qd/contracts';
import type { Publisher } from '../publisher';

/** A new point at most this often (the marks are pushed 4 times a second). */
export const PNL_MIN_INTERVAL_MS = 1000;

/**
 * The account's P&L time series for the current trading day: a point when a value changed, at
 * most one a second, the last PNL_POINTS_KEPT kept in memory (a gateway restart starts afresh;
 * durable daily history is the performance issue's job).
 */
export class PnlSeries {
  private readonly series: PnlPoint[] = [];
  private day = '';
  private lastAt = 0;

  constructor(private readonly publisher: Publisher) {}

  /** The points held, oldest first (the topic's snapshot). */
  points(): PnlPoint[] {
    return [...this.series];
  }

  /** Records and publishes a point when the account moved and the interval has passed. */
  async sample(account: Account, tradingDay: string, nowMs: number): Promise<PnlPoint | null> {
    if (tradingDay !== this.day) {
      this.day = tradingDay;
      this.series.length = 0; // today's series only
    }
    if (nowMs - this.lastAt < PNL_MIN_INTERVAL_MS) return null;
    const point: PnlPoint = {
      at: new Date(nowMs).toISOString(),
      nlv: account.equity,
      unrealized: account.unrealizedPnl,
      realizedToday: account.realizedPnlToday,
      dayChange: account.dayChange,
    };
    const last = this.series.at(-1);
    if (
      last &&
      last.nlv === point.nlv &&
      last.unrealized === point.unrealized &&
      last.realizedToday === point.realizedToday &&
      last.dayChange === point.dayChange
    )
      return null;
    this.lastAt = nowMs;
    this.series.push(point);
    if (this.series.length > PNL_POINTS_KEPT) this.series.shift();
    await this.publisher.publish('pnl', { add: [point] });
    return point;
  }
}
