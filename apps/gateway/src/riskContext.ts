import type { BreakerView, Decimal, ResolvedLimits } from '@qd/domain';

/** What the pre-trade checks need from the controls (limits, breaker, pauses, strategy book). */
export interface RiskContext {
  limitsFor(symbol: string, strategyId: string | null): ResolvedLimits;
  /** Reads the durable breaker state; unreadable → `unknown` (blocks entries). */
  breakerView(): Promise<{ view: BreakerView; reason: string | null }>;
  /** The active pause that applies to an order (`all entries`, `strategy momo`), or null. */
  pauseFor(strategyId: string | null): string | null;
  /** The strategy's signed position in a symbol and its gross exposure at current prices. */
  strategyExposure(strategyId: string, symbol: string): { qty: Decimal; gross: Decimal };
}
