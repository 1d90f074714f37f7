import { describe, expect, it } from 'vitest';
import { newYorkDayStart } from './index';

const iso = (day: string) => new Date(newYorkDayStart(day)).toISOString();

describe('the New York trading day starts at local midnight, whatever the offset', () => {
  it('is 05:00 UTC in winter and 04:00 UTC in summer', () => {
    expect(iso('2026-01-15')).toBe('2026-01-15T05:00:00.000Z');
    expect(iso('2026-07-15')).toBe('2026-07-15T04:00:00.000Z');
  });

  it('follows the spring change: the day of the change still starts in EST, the next in EDT', () => {
    // DST begins at 02:00 on Sunday 8 March 2026.
    expect(iso('2026-03-07')).toBe('2026-03-07T05:00:00.000Z');
    expect(iso('2026-03-08')).toBe('2026-03-08T05:00:00.000Z');
    expect(iso('2026-03-09')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('follows the autumn change: the day of the change starts in EDT, the next in EST', () => {
    // DST ends at 02:00 on Sunday 1 November 2026.
    expect(iso('2026-10-31')).toBe('2026-10-31T04:00:00.000Z');
    expect(iso('2026-11-01')).toBe('2026-11-01T04:00:00.000Z');
    expect(iso('2026-11-02')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('refuses anything but a YYYY-MM-DD date', () => {
    expect(() => newYorkDayStart('2026-3-9')).toThrow(RangeError);
  });
});
