import { liveSocket } from './socket';
import { useNow } from './useNow';

/** Older than this, live data is shown dimmed with a "stale" marker. */
export const STALE_AFTER_MS = 30_000;

export interface Freshness {
  /** Milliseconds since the data was last known current; undefined before the first snapshot. */
  ageMs: number | undefined;
  stale: boolean;
}

export function useFreshness(topic: string | null): Freshness {
  const now = useNow();
  const at = topic ? liveSocket.freshAt(topic) : undefined;
  const ageMs = at === undefined ? undefined : Math.max(0, now - at);
  return { ageMs, stale: ageMs !== undefined && ageMs > STALE_AFTER_MS };
}
