import { describe, expect, it } from 'vitest';
import {
  marketClock,
  nextRegularOpen,
  nyseEarlyCloses,
  nyseHolidays,
  sessionTimes,
  tradingDay,
} from './index';

const at = (iso: string) => Date.parse(iso);
const dates = (y: number) => nyseHolidays(y).map((h) => h.date);

describe('NYSE holidays from the exchange rules', () => {
  it('matches the published 2025 calendar, including the day of mourning', () => {
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ]);
  });

  it('matches the published 2026 calendar (Independence Day observed on Friday 3 July)', () => {
    expect(dates(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('matches the published 2027 calendar (Saturday holidays move to Friday, Sunday to Monday)', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-11-25',
      '2027-12-24',
    ]);
  });

  it('does not observe a Saturday New Year on the Friday before (2022, 2028)', () => {
    expect(dates(2022)).not.toContain('2021-12-31');
    expect(dates(2021)).not.toContain('2021-12-31');
    expect(dates(2028)[0]).toBe('2028-01-17');
  });

  it('has no Juneteenth before 2022', () => {
    expect(nyseHolidays(2021).some((h) => h.name.startsWith('Juneteenth'))).toBe(false);
    expect(nyseHolidays(2022).map((h) => h.date)).toContain('2022-06-20');
  });
});

describe('NYSE early closes', () => {
  it('closes early the day before Independence Day, after Thanksgiving and on Christmas Eve', () => {
    expect(nyseEarlyCloses(2025).map((e) => e.date)).toEqual([
      '2025-07-03',
      '2025-11-28',
      '2025-12-24',
    ]);
  });

  it('has no 3 July early close when 3 July is itself the holiday or a weekend', () => {
    expect(nyseEarlyCloses(2026).map((e) => e.date)).toEqual(['2026-11-27', '2026-12-24']);
    expect(nyseEarlyCloses(2027).map((e) => e.date)).toEqual(['2027-11-26']);
  });

  it('a half day closes at 13:00 New York time with after-hours until 17:00', () => {
    const t = sessionTimes({ y: 2026, m: 11, d: 27 })!;
    expect(new Date(t.close).toISOString()).toBe('2026-11-27T18:00:00.000Z');
    expect(new Date(t.afterClose).toISOString()).toBe('2026-11-27T22:00:00.000Z');
    expect(tradingDay({ y: 2026, m: 11, d: 27 })).toEqual({
      date: '2026-11-27',
      kind: 'half',
      name: 'Day after Thanksgiving',
    });
  });
});

describe('market clock', () => {
  it('is in the regular session at 09:31 New York on a normal Wednesday', () => {
    const c = marketClock(at('2026-11-25T14:31:00Z'));
    expect(c.session).toBe('regular');
    expect(c.next).toBe('after');
    expect(new Date(c.nextAt).toISOString()).toBe('2026-11-25T21:00:00.000Z');
  });

  it('walks pre-market, regular and after-hours across one day', () => {
    expect(marketClock(at('2026-11-25T08:59:59Z')).session).toBe('closed');
    expect(marketClock(at('2026-11-25T09:00:00Z')).session).toBe('pre');
    expect(marketClock(at('2026-11-25T14:29:59Z')).session).toBe('pre');
    expect(marketClock(at('2026-11-25T14:30:00Z')).session).toBe('regular');
    expect(marketClock(at('2026-11-25T21:00:00Z')).session).toBe('after');
    expect(marketClock(at('2026-11-26T01:00:00Z')).session).toBe('closed');
  });

  it('skips Thanksgiving to the half day after it', () => {
    const c = marketClock(at('2026-11-26T15:00:00Z'));
    expect(c.session).toBe('closed');
    expect(c.day).toEqual({ date: '2026-11-26', kind: 'holiday', name: 'Thanksgiving Day' });
    expect(new Date(c.nextAt).toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('is after-hours at 13:30 on the half day and skips the weekend after it', () => {
    expect(marketClock(at('2026-11-27T18:30:00Z')).session).toBe('after');
    const c = marketClock(at('2026-11-28T12:00:00Z'));
    expect(c.session).toBe('closed');
    expect(c.day.kind).toBe('weekend');
    expect(new Date(c.nextAt).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });

  it('follows daylight saving time: 09:30 New York is 13:30Z in summer and 14:30Z in winter', () => {
    expect(sessionTimes({ y: 2026, m: 3, d: 9 })!.open).toBe(at('2026-03-09T13:30:00Z'));
    expect(sessionTimes({ y: 2026, m: 3, d: 6 })!.open).toBe(at('2026-03-06T14:30:00Z'));
    expect(sessionTimes({ y: 2026, m: 11, d: 2 })!.open).toBe(at('2026-11-02T14:30:00Z'));
    expect(sessionTimes({ y: 2026, m: 10, d: 30 })!.open).toBe(at('2026-10-30T13:30:00Z'));
  });

  it('uses the New York date, not the UTC date, near midnight', () => {
    // 02:00Z on Saturday is still Friday evening in New York (closed after 20:00).
    const c = marketClock(at('2026-11-21T02:00:00Z'));
    expect(c.date).toBe('2026-11-20');
    expect(c.day.kind).toBe('full');
  });

  it('finds the next regular open across a holiday weekend', () => {
    // Friday 3 July 2026 is a holiday: after Thursday's close the next open is Monday 6 July.
    expect(new Date(nextRegularOpen(at('2026-07-02T20:30:00Z'))).toISOString()).toBe(
      '2026-07-06T13:30:00.000Z',
    );
  });
});
