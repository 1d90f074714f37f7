const SCALE = 10; // decimal strings on the wire carry at most 10 places

function toScaled(v: string): bigint | null {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
  const n = BigInt(m[2]! + frac);
  return m[1] ? -n : n;
}

function fromScaled(n: bigint): string {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(SCALE + 1, '0');
  const int = s.slice(0, -SCALE);
  const frac = s.slice(-SCALE).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Exact sum of decimal strings (no binary floats); null when any value is not a decimal. */
export function sumDecimals(values: readonly string[]): string | null {
  let total = 0n;
  for (const v of values) {
    const n = toScaled(v);
    if (n === null) return null;
    total += n;
  }
  return fromScaled(total);
}
