import { formatAge } from '../format/time';
import type { Freshness } from '../live/useFreshness';

/** "stale" with the age on hover, shown only when the data is older than 30 s. */
export function StaleMarker({ freshness }: { freshness: Freshness }) {
  if (!freshness.stale || freshness.ageMs === undefined) return null;
  const age = formatAge(freshness.ageMs);
  return (
    <span
      title={`Last confirmed ${age} ago`}
      className="rounded-sm border border-warn/50 px-1 text-xs font-medium text-warn uppercase"
    >
      stale · {age}
    </span>
  );
}
