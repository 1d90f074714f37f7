/**
 * Edge detection for operational alerts: an alert when a condition changes, never one per tick.
 * Pure: the caller passes the readings and the clock.
 */

/** `stale` / `fresh` when market data crosses the age limit, null when nothing changed. */
export function marketDataTransition(
  wasStale: boolean | null,
  ageMs: number | null,
  maxAgeMs: number,
): 'stale' | 'fresh' | null {
  const stale = ageMs === null || ageMs > maxAgeMs;
  if (wasStale === null) return stale ? 'stale' : null; // at start only a problem is news
  if (stale === wasStale) return null;
  return stale ? 'stale' : 'fresh';
}

/** True when an alert of a recurring kind may be raised again (at most one per `minGapMs`). */
export function mayRaiseAgain(lastAtMs: number | null, nowMs: number, minGapMs: number): boolean {
  return lastAtMs === null || nowMs - lastAtMs >= minGapMs;
}
