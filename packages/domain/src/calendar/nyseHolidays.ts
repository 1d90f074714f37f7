/** A calendar date as numbers (month 1–12). */
export interface YMD {
  y: number;
  m: number;
  d: number;
}

export interface MarketHoliday {
  date: string;
  name: string;
}

export interface EarlyClose {
  date: string;
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a calendar date. */
export function isoDate({ y, m, d }: YMD): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 0 = Sunday … 6 = Saturday, for a calendar date (zone-free). */
export function weekday({ y, m, d }: YMD): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The date `days` after (or before) the given one. */
export function addDays({ y, m, d }: YMD, days: number): YMD {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The n-th (1-based) given weekday of a month; n = -1 is the last one. */
function nthWeekday(y: number, m: number, dow: number, n: number): YMD {
  if (n > 0) {
    const first = weekday({ y, m, d: 1 });
    return { y, m, d: 1 + ((dow - first + 7) % 7) + (n - 1) * 7 };
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday({ y, m, d: lastDay });
  return { y, m, d: lastDay - ((last - dow + 7) % 7) };
}

/** Easter Sunday (Gregorian; anonymous computus). */
export function easterSunday(y: number): YMD {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const mm = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * mm + 114) / 31);
  const day = ((h + l - 7 * mm + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** NYSE rule: a Saturday holiday is observed on Friday, a Sunday holiday on Monday. */
function observed(date: YMD): YMD {
  const dow = weekday(date);
  if (dow === 6) return addDays(date, -1);
  if (dow === 0) return addDays(date, 1);
  return date;
}

/** One-off closures (national days of mourning) that no rule produces. */
const SPECIAL_CLOSURES: MarketHoliday[] = [
  { date: '2018-12-05', name: 'National Day of Mourning (George H. W. Bush)' },
  { date: '2025-01-09', name: 'National Day of Mourning (Jimmy Carter)' },
];

/** Full-day NYSE closures in a year, from the exchange's rules (Rule 7.2), sorted by date. */
export function nyseHolidays(y: number): MarketHoliday[] {
  const out: MarketHoliday[] = [];
  const add = (date: YMD, name: string) => {
    if (date.y === y) out.push({ date: isoDate(date), name });
  };
  // New Year's Day on a Saturday is not observed on the Friday before (that is year-end).
  const newYear = { y, m: 1, d: 1 };
  if (weekday(newYear) !== 6) add(observed(newYear), "New Year's Day");
  add(nthWeekday(y, 1, 1, 3), 'Martin Luther King Jr. Day');
  add(nthWeekday(y, 2, 1, 3), "Washington's Birthday");
  add(addDays(easterSunday(y), -2), 'Good Friday');
  add(nthWeekday(y, 5, 1, -1), 'Memorial Day');
  if (y >= 2022) add(observed({ y, m: 6, d: 19 }), 'Juneteenth National Independence Day');
  add(observed({ y, m: 7, d: 4 }), 'Independence Day');
  add(nthWeekday(y, 9, 1, 1), 'Labor Day');
  add(nthWeekday(y, 11, 4, 4), 'Thanksgiving Day');
  add(observed({ y, m: 12, d: 25 }), 'Christmas Day');
  for (const s of SPECIAL_CLOSURES) if (s.date.startsWith(`${y}-`)) out.push(s);
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** Days the NYSE closes at 13:00 New York time. */
export function nyseEarlyCloses(y: number): EarlyClose[] {
  const out: EarlyClose[] = [];
  // The day before Independence Day, when that day is a Monday to Thursday.
  const july3 = { y, m: 7, d: 3 };
  if (weekday(july3) >= 1 && weekday(july3) <= 4)
    out.push({ date: isoDate(july3), name: 'Day before Independence Day' });
  out.push({ date: isoDate(addDays(nthWeekday(y, 11, 4, 4), 1)), name: 'Day after Thanksgiving' });
  const eve = { y, m: 12, d: 24 };
  if (weekday(eve) >= 1 && weekday(eve) <= 4)
    out.push({ date: isoDate(eve), name: 'Christmas Eve' });
  return out;
}
