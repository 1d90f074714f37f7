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
