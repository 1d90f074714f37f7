import { Decimal, dec } from './money';
import type { PreTradeLimits } from './preTrade';

/** One set of order limits as configured (decimal strings); every field optional in overrides. */
export interface LimitFieldsInput {
  maxNotional?: string | undefined;
  maxQty?: string | undefined;
  maxAdvPct?: string | undefined;
  maxQuoteAgeMs?: number | undefined;
}

/** The configured limits: global values, per-symbol overrides and per-strategy position limits. */
export interface RiskLimitsInput {
  global: Required<LimitFieldsInput> & { maxGrossExposure: string };
  symbols: Record<string, LimitFieldsInput>;
  strategies: Record<
    string,
    { maxPositionQty?: string | undefined; maxGrossExposure?: string | undefined }
  >;
}

/** The limits that apply to one order, with where each came from (for the reject text). */
export interface ResolvedLimits extends PreTradeLimits {
  maxGrossExposure: Decimal;
  strategyMaxPositionQty: Decimal | null;
  strategyMaxGrossExposure: Decimal | null;
  /** `global` or `AAPL override`, per limit name. */
  source: Record<'maxNotional' | 'maxQty' | 'maxAdvPct' | 'maxQuoteAgeMs', string>;
}

/** Resolves global limits, the symbol's overrides and the strategy's limits for one order. */
export function resolveLimits(
  cfg: RiskLimitsInput,
  symbol: string,
  strategyId: string | null,
): ResolvedLimits {
  const o = cfg.symbols[symbol] ?? {};
  const pick = <K extends keyof LimitFieldsInput>(k: K) =>
    o[k] !== undefined
      ? { v: o[k]!, src: `${symbol} override` }
      : { v: cfg.global[k], src: 'global' };
  const n = pick('maxNotional');
  const q = pick('maxQty');
  const a = pick('maxAdvPct');
  const age = pick('maxQuoteAgeMs');
  const s = strategyId ? cfg.strategies[strategyId] : undefined;
  return {
    maxNotional: dec(n.v),
    maxQty: dec(q.v),
    maxAdvPct: dec(a.v),
    maxQuoteAgeMs: Number(age.v),
    maxGrossExposure: dec(cfg.global.maxGrossExposure),
    strategyMaxPositionQty: s?.maxPositionQty ? dec(s.maxPositionQty) : null,
    strategyMaxGrossExposure: s?.maxGrossExposure ? dec(s.maxGrossExposure) : null,
    source: { maxNotional: n.src, maxQty: q.src, maxAdvPct: a.src, maxQuoteAgeMs: age.src },
  };
}

/** Default configured limits (a fresh install starts from these; admins edit them). */
export const DEFAULT_RISK_LIMITS: RiskLimitsInput = {
  global: {
    maxNotional: '5000000',
    maxQty: '100000',
    maxAdvPct: '5',
    maxQuoteAgeMs: 5_000,
    maxGrossExposure: '4000000',
  },
  symbols: {},
  strategies: {},
};

/** True when the order only reduces an existing position (never crosses zero): an exit. */
export function isExit(positionQty: Decimal, signedQty: Decimal): boolean {
  if (positionQty.isZero() || positionQty.isNeg() === signedQty.isNeg()) return false;
  return signedQty.abs().lte(positionQty.abs());
}

/** Gross exposure after replacing one symbol's position value by its value after the order. */
export function grossAfter(
  gross: Decimal,
  positionQty: Decimal,
  signedQty: Decimal,
  price: Decimal,
): Decimal {
  return gross
    .minus(positionQty.abs().mul(price))
    .plus(positionQty.plus(signedQty).abs().mul(price));
}

export { Decimal };
