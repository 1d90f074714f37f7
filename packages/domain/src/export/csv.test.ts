import { describe, expect, it } from 'vitest';
import { csvField, sanitizeCell, toCsv, toTsv } from './index';

describe('formula-injection sanitising', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")'])(
    'neutralises %j with a leading quote',
    (cell) => {
      expect(sanitizeCell(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves plain text and plain numbers alone, including negative ones', () => {
    expect(sanitizeCell('AAPL')).toBe('AAPL');
    expect(sanitizeCell('-12.50')).toBe('-12.50');
    expect(sanitizeCell('+3')).toBe('+3');
    expect(sanitizeCell('1e5')).toBe('1e5');
    expect(sanitizeCell('')).toBe('');
    expect(sanitizeCell('a=b')).toBe('a=b');
  });

  it('does not let a number prefix hide a formula', () => {
    expect(sanitizeCell('-1+cmd|" /C calc"!A0')).toBe(`'-1+cmd|" /C calc"!A0`);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
  });

  it('writes a header and sanitised rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['Symbol', 'Qty', 'Note'],
        [
          ['AAPL', '-10', '=cmd()'],
          ['MSFT', '5', 'a, b'],
        ],
      ),
    ).toBe('Symbol,Qty,Note\r\nAAPL,-10,\'=cmd()\r\nMSFT,5,"a, b"\r\n');
  });
});

describe('clipboard TSV', () => {
  it('sanitises cells and keeps each cell in its own column', () => {
    expect(toTsv(['A', 'B'], [['@x', 'one\ttwo\nthree']])).toBe("A\tB\n'@x\tone two three\n");
  });
});
