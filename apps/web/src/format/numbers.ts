/**
 * Display formatting for decimal strings. Values are formatted straight from their strings
 * (Intl accepts exact decimal strings), so no float ever rounds a price or a quantity.
 */
const MINUS = '\u2212';
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', options);
    formatters.set(key, f);
  }
  return f;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function isDecimal(value: string | null | undefined): value is string {
  return typeof value === 'string' && DECIMAL.test(value);
}

function render(value: string, options: Intl.NumberFormatOptions): string {
  return formatter(options)
    .format(value as `${number}`)
    .replace('-', MINUS);
}

/** −1, 0 or 1, read from the string itself. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  if (!isDecimal(value) || !/[1-9]/.test(value)) return 0;
  return value.startsWith('-') ? -1 : 1;
}

export interface NumberFormatOptions {
  /** Show "+" on positive values (P&L, changes). */
  sign?: boolean;
}

/** A fixed-decimal number: 1,234.50 / +1,234.50 / −987.00. "—" when unknown. */
export function formatNumber(
  value: string | null | undefined,
  decimals: number,
  opts: NumberFormatOptions = {},
): string {
  if (!isDecimal(value)) return '—';
  return render(value, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: opts.sign ? 'exceptZero' : 'auto',
  });
}

/** US dollars to the cent: $1,234.50 / +$1,234.50 / −$987.00. */
export function formatMoney(
  value: string | null | undefined,
  opts: NumberFormatOptions = {},
): string {
  if (!isDecimal(value)) return '—';
  return render(value, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: opts.sign ? 'exceptZero' : 'auto',
  });
}

/** Percent points (the wire carries "1.25" for 1.25 %). */
export function formatPct(
  value: string | null | undefined,
  opts: NumberFormatOptions = { sign: true },
): string {
  const n = formatNumber(value, 2, opts);
  return n === '—' ? n : `${n}%`;
}

/** Share quantities: whole shares without decimals, fractions as sent (up to 4 places). */
export function formatQty(
  value: string | null | undefined,
  opts: NumberFormatOptions = {},
): string {
  if (!isDecimal(value)) return '—';
  return render(value, {
    maximumFractionDigits: 4,
    signDisplay: opts.sign ? 'exceptZero' : 'auto',
  });
}

/** Decimal places implied by a tick size ("0.01" → 2). */
export function decimalsOfTick(tickSize: string | undefined): number {
  if (!tickSize) return 2;
  const frac = tickSize.split('.')[1] ?? '';
  return Math.max(2, frac.replace(/0+$/, '').length);
}

/** The Tailwind text colour for a signed value; always paired with a visible sign. */
export function toneClass(value: string | null | undefined): string {
  const s = signOf(value);
  return s > 0 ? 'text-up' : s < 0 ? 'text-down' : '';
}
