import type { YMD } from './nyseHolidays';

export const MARKET_ZONE = 'America/New_York';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

export interface NewYorkWallTime extends YMD {
  /** Minutes since local midnight. */
  minutes: number;
  seconds: number;
}

/** The New York wall-clock date and time of an instant (epoch ms). */
export function newYorkWallTime(epochMs: number): NewYorkWallTime {
  const f: Record<string, number> = {};
  for (const p of parts.formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') f[p.type] = Number(p.value);
  return {
    y: f.year!,
    m: f.month!,
    d: f.day!,
    minutes: f.hour! * 60 + f.minute!,
    seconds: f.second!,
  };
}

/** New York's offset from UTC at an instant, in ms (−4 h in summer, −5 h in winter). */
function offsetAt(epochMs: number): number {
  const w = newYorkWallTime(epochMs);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, 0, w.minutes, w.seconds);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant (epoch ms) of a New York wall-clock time on a date (minutes since midnight). */
export function newYorkInstant(date: YMD, minutes: number): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  const first = guess - offsetAt(guess);
  // Re-check once: the guess may sit on the other side of a DST change.
  return guess - offsetAt(first);
}

/**
 * The instant (epoch ms) a New York calendar day (`YYYY-MM-DD`) begins: local midnight, which is
 * 04:00 or 05:00 UTC depending on daylight saving time that day.
 */
export function newYorkDayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return newYorkInstant({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, 0);
}
