export { Decimal, dec, str, money, toTick } from './money';
export { UNIVERSE, type UniverseEntry } from './universe';
export { createMarket, stepMarket, nextRandom, type MarketState, type SimQuote } from './marketSim';
export { applyFill, markToMarket, FLAT, type PositionState } from './position';
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
  type Check,
} from './preTrade';
export * from './passwordPolicy';
