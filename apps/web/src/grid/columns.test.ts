import { describe, expect, it } from 'vitest';
import { formatNumberCell, numberColumn } from './columns';

interface Row {
  lastPrice: string;
}

describe('numberColumn', () => {
  const equals = numberColumn<Row>('lastPrice', 'Last', 'price').equals!;

  it('treats a change the cell does not show as no change (no redraw, no flash)', () => {
    expect(equals('100.001', '100.004')).toBe(true);
    expect(equals('100.00', '100')).toBe(true);
  });

  it('treats a change of the shown text as a change', () => {
    expect(equals('100.00', '100.01')).toBe(false);
    expect(equals('-1.00', '1.00')).toBe(false);
    expect(equals('', '0')).toBe(false);
  });
});

describe('formatNumberCell', () => {
  it('formats by kind and leaves a deliberately blank value blank', () => {
    expect(formatNumberCell('price', '1234.5')).toBe('1,234.50');
    expect(formatNumberCell('pnl', '-2.5')).toBe('\u2212$2.50');
    expect(formatNumberCell('money', '')).toBe('');
  });
});
