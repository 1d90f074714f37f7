/**
 * Characters that make a spreadsheet treat a cell as a formula (or that some spreadsheets strip
 * before such a character): = + - @ tab CR. See OWASP "CSV Injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain number (optionally signed, with decimals/exponent) is data, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Neutralises a cell that a spreadsheet would run as a formula by prefixing a single quote.
 * Negative numbers such as "-12.50" stay numbers: they cannot carry a formula.
 */
export function sanitizeCell(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

export type CellValue = string | number | boolean | null | undefined;

function text(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** One CSV field (RFC 4180): sanitised, then quoted when it holds a comma, quote or newline. */
export function csvField(value: CellValue): string {
  const s = sanitizeCell(text(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document (CRLF line ends, header row first) with every cell sanitised. */
export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Tab-separated text for the clipboard (what spreadsheets paste as cells), sanitised the same
 * way; tabs and newlines inside a cell become spaces so a cell cannot spill into the next.
 */
export function toTsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const field = (v: CellValue) => sanitizeCell(text(v)).replace(/[\t\r\n]+/g, ' ');
  return [header, ...rows].map((r) => r.map(field).join('\t')).join('\n') + '\n';
}
