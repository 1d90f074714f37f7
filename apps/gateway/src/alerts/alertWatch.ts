import { marketDataTransition, mayRaiseAgain } from '@qd/domain';
import type { Alerts } from './alerts';

/** At most one broker-error alert per minute: a failure storm is one alert, not thousands. */
export const BROKER_ALERT_GAP_MS = 60_000;

/** Turns readings the gateway already takes (quote age, broker outcomes) into alert edges. */
export class AlertWatch {
  private stale: boolean | null = null;
  private lastBrokerAlert: number | null = null;

  constructor(
    private readonly alerts: Alerts,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called every market round with the freshest quote's age. */
  async marketData(ageMs: number | null, maxAgeMs: number): Promise<void> {
    const edge = marketDataTransition(this.stale, ageMs, maxAgeMs);
    this.stale = ageMs === null || ageMs > maxAgeMs;
    if (edge === 'stale')
      await this.alerts.raise({
        kind: 'market_data_stale',
        severity: 'warning',
        message:
          ageMs === null
            ? 'No market data'
            : `Market data is ${Math.round(ageMs / 1000)} s old (limit ${Math.round(maxAgeMs / 1000)} s)`,
        detail: { ageMs, maxAgeMs },
      });
    else if (edge === 'fresh')
      await this.alerts.raise({
        kind: 'market_data_fresh',
        severity: 'info',
        message: 'Market data is fresh again',
        detail: { ageMs, maxAgeMs },
      });
  }

  /** Called on each failed broker operation. */
  brokerError(detail: string): void {
    const t = this.now();
    if (!mayRaiseAgain(this.lastBrokerAlert, t, BROKER_ALERT_GAP_MS)) return;
    this.lastBrokerAlert = t;
    void this.alerts.raise({
      kind: 'broker_error',
      severity: 'critical',
      message: `Broker error: ${detail}`,
      detail: {},
    });
  }
}
