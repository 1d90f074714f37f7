const SCALE = 10; // decimal strings on the wire carry at most 10 places
const SCALE_N = 10 ** SCALE;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
/** Partial sums stay below this, so every Number addition is exact (2^53 ≈ 9.007e15). */
const SAFE = 2 ** 52;

function fromScaled(n: bigint): string {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(SCALE + 1, '0');
  const int = s.slice(0, -SCALE);
  const frac = s.slice(-SCALE).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/**
 * Exact sum of decimal strings (no binary floats); null when any value is not a decimal.
 * Whole and fractional parts are summed as separate integers in Numbers (exact while below 2^53)
 * and folded into a BigInt only when they grow large: a BigInt per value made the totals of a
 * 1,000-row grid cost ~2 ms per update.
 */
export function sumDecimals(values: readonly string[]): string | null {
  let total = 0n;
  let whole = 0; // sum of integer parts
  let frac = 0; // sum of fractional parts, in units of 10^-SCALE
  for (const v of values) {
    const m = DECIMAL.exec(v.trim());
    if (!m) return null;
    const digits = m[2]!;
    const f = m[3] ? Number(m[3].slice(0, SCALE).padEnd(SCALE, '0')) : 0;
    if (digits.length > 15) {
      // too long for an exact Number: this value goes straight into the BigInt
      const n = BigInt(digits) * BigInt(SCALE_N) + BigInt(f);
      total += m[1] ? -n : n;
      continue;
    }
    const w = Number(digits);
    whole += m[1] ? -w : w;
    frac += m[1] ? -f : f;
    if (Math.abs(whole) > SAFE || Math.abs(frac) > SAFE) {
      total += BigInt(whole) * BigInt(SCALE_N) + BigInt(frac);
      whole = 0;
      frac = 0;
    }
  }
  return fromScaled(total + BigInt(whole) * BigInt(SCALE_N) + BigInt(frac));
}
