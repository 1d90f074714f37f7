import { addDays, isoDate, nyseEarlyCloses, nyseHolidays, weekday, type YMD } from './nyseHolidays';
import { newYorkInstant, newYorkWallTime } from './newYorkTime';

export type MarketSession = 'pre' | 'regular' | 'after' | 'closed';

export type TradingDayKind = 'full' | 'half' | 'holiday' | 'weekend';

export interface TradingDay {
  date: string;
  kind: TradingDayKind;
  /** Holiday or early-close name. */
  name?: string;
}

/** Session boundaries of one trading day, as epoch ms. */
export interface SessionTimes {
  preOpen: number;
  open: number;
  close: number;
  afterClose: number;
}

export interface MarketClock {
  session: MarketSession;
  /** The New York trading date the instant falls on. */
  date: string;
  day: TradingDay;
  /** The session that starts next, and when (epoch ms). */
  next: MarketSession;
  nextAt: number;
}

const H = 60;
const PRE_OPEN = 4 * H;
const OPEN = 9 * H + 30;
const CLOSE = 16 * H;
const EARLY_CLOSE = 13 * H;
const AFTER_CLOSE = 20 * H;
const EARLY_AFTER_CLOSE = 17 * H;

const holidayCache = new Map<number, Map<string, string>>();
const earlyCache = new Map<number, Map<string, string>>();

function byDate(
  cache: Map<number, Map<string, string>>,
  y: number,
  list: (y: number) => { date: string; name: string }[],
): Map<string, string> {
  let m = cache.get(y);
  if (!m) {
    m = new Map(list(y).map((h) => [h.date, h.name]));
    cache.set(y, m);
  }
  return m;
}

/** What kind of day a date is for the NYSE: full, half (13:00 close), holiday or weekend. */
export function tradingDay(date: YMD): TradingDay {
  const iso = isoDate(date);
  const dow = weekday(date);
  if (dow === 0 || dow === 6) return { date: iso, kind: 'weekend' };
  const holiday = byDate(holidayCache, date.y, nyseHolidays).get(iso);
  if (holiday) return { date: iso, kind: 'holiday', name: holiday };
  const early = byDate(earlyCache, date.y, nyseEarlyCloses).get(iso);
  if (early) return { date: iso, kind: 'half', name: early };
  return { date: iso, kind: 'full' };
}

/** Pre-market, regular and after-hours boundaries of a trading day; null when closed all day. */
export function sessionTimes(date: YMD): SessionTimes | null {
  const day = tradingDay(date);
  if (day.kind === 'holiday' || day.kind === 'weekend') return null;
  const half = day.kind === 'half';
  return {
    preOpen: newYorkInstant(date, PRE_OPEN),
    open: newYorkInstant(date, OPEN),
    close: newYorkInstant(date, half ? EARLY_CLOSE : CLOSE),
    afterClose: newYorkInstant(date, half ? EARLY_AFTER_CLOSE : AFTER_CLOSE),
  };
}

/** The session at an instant and the next session change (pure: the instant is a parameter). */
export function marketClock(epochMs: number): MarketClock {
  const wall = newYorkWallTime(epochMs);
  const today: YMD = { y: wall.y, m: wall.m, d: wall.d };
  const day = tradingDay(today);
  const t = sessionTimes(today);
  const base = { date: day.date, day };
  if (t && epochMs < t.afterClose) {
    if (epochMs < t.preOpen) return { ...base, session: 'closed', next: 'pre', nextAt: t.preOpen };
    if (epochMs < t.open) return { ...base, session: 'pre', next: 'regular', nextAt: t.open };
    if (epochMs < t.close) return { ...base, session: 'regular', next: 'after', nextAt: t.close };
    return { ...base, session: 'after', next: 'closed', nextAt: t.afterClose };
  }
  // Closed for the rest of the day: the next pre-market open (at most ~2 weeks away).
  for (let i = 1; i <= 14; i++) {
    const next = sessionTimes(addDays(today, i));
    if (next) return { ...base, session: 'closed', next: 'pre', nextAt: next.preOpen };
  }
  throw new Error(`no NYSE trading day within two weeks of ${day.date}`);
}

/** The next regular-session open strictly after an instant (epoch ms). */
export function nextRegularOpen(epochMs: number): number {
  const wall = newYorkWallTime(epochMs);
  const today: YMD = { y: wall.y, m: wall.m, d: wall.d };
  for (let i = 0; i <= 14; i++) {
    const t = sessionTimes(addDays(today, i));
    if (t && t.open > epochMs) return t.open;
  }
  throw new Error('no NYSE open within two weeks');
}
