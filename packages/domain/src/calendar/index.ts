export {
  marketClock,
  nextRegularOpen,
  sessionTimes,
  tradingDay,
  type MarketClock,
  type MarketSession,
  type SessionTimes,
  type TradingDay,
  type TradingDayKind,
} from './marketClock';
export {
  easterSunday,
  nyseEarlyCloses,
  nyseHolidays,
  type EarlyClose,
  type MarketHoliday,
  type YMD,
} from './nyseHolidays';
export { MARKET_ZONE, newYorkDayStart, newYorkInstant, newYorkWallTime } from './newYorkTime';
