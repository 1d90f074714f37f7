export { Decimal, dec, str, money, toTick } from './money';
export { UNIVERSE, type UniverseEntry } from './universe';
export { createMarket, stepMarket, nextRandom, type MarketState, type SimQuote } from './marketSim';
export { applyFill, markToMarket, FLAT, type PositionState } from './position';
export {
  settleFills,
  type SettlementFill,
  type CashState,
  type Settlement,
} from './fillSettlement';
export { computeAccount, buyingPowerImpact } from './account';
export {
  matchOrder,
  displayedSize,
  type MatchableOrder,
  type Touch,
  type MatchResult,
} from './matching';
export {
  preTradeChecks,
  dayPnl,
  DEFAULT_LIMITS,
  type PreTradeLimits,
  type PreTradeInput,
  type KillSwitchView,
  type BreakerView,
  type PositionLimitInput,
  type Check,
} from './preTrade';
export {
  resolveLimits,
  isExit,
  grossAfter,
  DEFAULT_RISK_LIMITS,
  type RiskLimitsInput,
  type LimitFieldsInput,
  type ResolvedLimits,
} from './riskLimits';
export {
  evaluateBreaker,
  drawdownPct,
  nextHighWaterMark,
  withinWindow,
  type BreakerThresholds,
  type BreakerObservation,
  type BreakerRule,
  type BreakerTrip,
} from './breakerRules';
export {
  planTwap,
  dueQty,
  twapLimitPrice,
  MAX_TWAP_OFFSET_BPS,
  TWAP_LIMITS,
  type TwapPlanInput,
  type TwapSlice,
} from './twap';
export { closingOrder, splitClose, type CloseAmount, type CloseShare } from './closePosition';
export {
  stepSignal,
  EMPTY_SIGNAL,
  type StrategyKind,
  type StrategyParams,
  type SignalState,
} from './strategySignals';
export * from './passwordPolicy';
export { roleFromClaims, claimAt, ROLE_ORDER, type MappedRole } from './roleMapping';
export { marketDataTransition, mayRaiseAgain } from './alertEdges';
