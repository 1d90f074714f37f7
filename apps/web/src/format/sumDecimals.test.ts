import { describe, expect, it } from 'vitest';
import { sumDecimals } from './sumDecimals';

describe('sumDecimals', () => {
  it('adds exactly where binary floats would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1234.50', '-987.00', '0.0000000001'])).toBe('247.5000000001');
  });
  it('handles negatives, empty input and bad values', () => {
    expect(sumDecimals(['-5', '2.25'])).toBe('-2.75');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['1', 'abc'])).toBeNull();
  });
});

describe('sumDecimals on large books', () => {
  it('stays exact past the range of a binary float', () => {
    // 9,007,199,254,740,993 is 2^53 + 1: not representable as a Number
    expect(sumDecimals(['9007199254740992', '1'])).toBe('9007199254740993');
    expect(sumDecimals(['12345678901234567890.5', '0.5'])).toBe('12345678901234567891');
    expect(sumDecimals(Array.from({ length: 1000 }, () => '4503599627370496.0000000001'))).toBe(
      '4503599627370496000.0000001',
    );
  });
  it('matches an exact running sum for many signed values', () => {
    const values = Array.from(
      { length: 1000 },
      (_, i) =>
        `${i % 3 === 0 ? '-' : ''}${(i * 7919) % 100000}.${String((i * 104729) % 10000000000).padStart(10, '0')}`,
    );
    const scaled = values.reduce((t, v) => {
      const [w, f] = v.replace('-', '').split('.');
      const n = BigInt(w!) * 10n ** 10n + BigInt(f!);
      return t + (v.startsWith('-') ? -n : n);
    }, 0n);
    const neg = scaled < 0n;
    const abs = neg ? -scaled : scaled;
    const frac = (abs % 10n ** 10n).toString().padStart(10, '0').replace(/0+$/, '');
    const expected = `${neg ? '-' : ''}${abs / 10n ** 10n}${frac ? `.${frac}` : ''}`;
    expect(sumDecimals(values)).toBe(expected);
  });
});
