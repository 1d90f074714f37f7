/** Distinct values a cache keeps before it starts again (prices tick; old ones are not reused). */
const MAX_ENTRIES = 4096;

/**
 * Wraps a formatter so each distinct value is formatted once. A 1,000-row grid formats every
 * rendered cell on every pushed update (AG Grid compares the formatted text to decide whether to
 * redraw a cell) and most values repeat from one update to the next; `Intl.NumberFormat` is the
 * costly part. Bounded: when full the cache is emptied, not grown.
 */
export function cachedFormat(
  format: (value: string | null | undefined) => string,
  maxEntries = MAX_ENTRIES,
): (value: string | null | undefined) => string {
  const cache = new Map<string, string>();
  return (value) => {
    if (typeof value !== 'string') return format(value);
    let text = cache.get(value);
    if (text === undefined) {
      text = format(value);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(value, text);
    }
    return text;
  };
}
