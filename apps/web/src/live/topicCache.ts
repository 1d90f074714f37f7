import {
  PNL_POINTS_KEPT,
  TOPIC_SCHEMAS,
  topicFamily,
  type Alert,
  type Fill,
  type Order,
  type PnlPoint,
  type Position,
  type TopicDelta,
  type TopicFamily,
} from '@qd/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { afterNextPaint } from '../afterPaint';
import type { TopicSink } from './socket';

/** Live data lives in the query cache under one key per topic. */
export function topicKey(topic: string): readonly ['topic', string] {
  return ['topic', topic] as const;
}

/** Topics whose data is a list of rows, updated by the reducers below. */
const ROW_TOPICS = ['positions', 'orders', 'fills', 'pnl', 'alerts'] as const;

/** Event streams keep a bounded history in the browser. */
const HISTORY_CAP = 500;

/** Replaces rows by key and puts new ones first; `cap` bounds a history, never a book. */
function upsertBy<T>(
  rows: readonly T[],
  updates: readonly T[],
  key: (row: T) => string,
  cap = Infinity,
): T[] {
  const byKey = new Map(updates.map((u) => [key(u), u]));
  const next = rows.map((r) => {
    const u = byKey.get(key(r));
    if (u) byKey.delete(key(r));
    return u ?? r;
  });
  const all = [...byKey.values(), ...next];
  return all.length > cap ? all.slice(0, cap) : all;
}

function applyPositions(prev: Position[], d: TopicDelta<'positions'>): Position[] {
  const removed = new Set(d.remove);
  return upsertBy(
    prev.filter((p) => !removed.has(p.symbol)),
    d.upsert,
    (p) => p.symbol,
  );
}

function applyOrders(prev: Order[], d: TopicDelta<'orders'>): Order[] {
  return upsertBy(prev, d.upsert, (o) => o.id, HISTORY_CAP);
}

function applyFills(prev: Fill[], d: TopicDelta<'fills'>): Fill[] {
  const seen = new Set(prev.map((f) => f.id));
  const fresh = d.add.filter((f) => !seen.has(f.id));
  // Newest first by time: a coalesced delta carries several batches, each oldest first.
  return [...fresh, ...prev].sort((a, b) => b.ts.localeCompare(a.ts)).slice(0, HISTORY_CAP);
}

function reduce(family: TopicFamily, prev: unknown, delta: unknown): unknown {
  switch (family) {
    case 'positions':
      return applyPositions(prev as Position[], delta as TopicDelta<'positions'>);
    case 'orders':
      return applyOrders(prev as Order[], delta as TopicDelta<'orders'>);
    case 'fills':
      return applyFills(prev as Fill[], delta as TopicDelta<'fills'>);
    case 'pnl': // oldest first: a chart's x axis
      return [...(prev as PnlPoint[]), ...(delta as TopicDelta<'pnl'>).add].slice(-PNL_POINTS_KEPT);
    case 'alerts': {
      const seen = new Set((prev as Alert[]).map((a) => a.id));
      const fresh = (delta as TopicDelta<'alerts'>).add.filter((a) => !seen.has(a.id));
      return [...fresh, ...(prev as Alert[])].slice(0, HISTORY_CAP);
    }
    default:
      return delta; // state topics: the latest value replaces the last
  }
}

function isRowTopic(family: string): boolean {
  return (ROW_TOPICS as readonly string[]).includes(family);
}

function schemasOf(topic: string) {
  const family = topicFamily(topic);
  return family in TOPIC_SCHEMAS ? { family, ...TOPIC_SCHEMAS[family] } : null;
}

/** Runs `run` once after the next frame, or after `ms` if no frame comes (a hidden tab). */
function afterFrameOr(ms: number, run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelFrame();
    clearTimeout(fallback);
    run();
  };
  const cancelFrame = afterNextPaint(once);
  const fallback = setTimeout(once, ms);
}

/** How long a delta may wait for a frame before it is published anyway. */
const PUBLISH_WAIT_MS = 100;

/**
 * A row topic delta carrying more rows than this is validated after the next frame instead of in
 * the socket's message task. Small deltas (an order, a fill) are validated and applied at once.
 */
export const LARGE_DELTA_ROWS = 100;

/** Rows a delta carries: the items of its array fields (`upsert`, `add`, `remove`). */
function rowsIn(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  let rows = 0;
  for (const value of Object.values(raw)) if (Array.isArray(value)) rows += value.length;
  return rows;
}

/** A delta accepted from the socket and not yet validated. */
interface QueuedDelta {
  raw: unknown;
  rejected: () => void;
}

/**
 * Validates pushed payloads with the contracts and patches the query cache with them. A row
 * topic's delta is reduced at once but published to the cache (which re-renders its grids and
 * totals) after the next frame: parsing and validating a large frame and rendering what it
 * changed then land before two frames instead of one. Deltas arriving meanwhile are reduced
 * onto the unpublished list and published together. Snapshots are published at once.
 *
 * A large row delta (more than LARGE_DELTA_ROWS rows, e.g. 1,000 positions) is validated one
 * frame later still, so the socket's task parses it and the next task validates it: the zod
 * check of 1,000 rows costs about half of what parsing them does. It still fails closed: nothing
 * of a delta reaches the cache before it passed the contracts' schema, and one that fails calls
 * its `rejected`, drops the deltas queued after it for that topic (they build on it), and leaves
 * the cache as it was; the socket then marks the topic stale and asks for a snapshot.
 */
export function createTopicSink(queryClient: QueryClient): TopicSink {
  // The reducers keep every unchanged row's object, so React Query's structural sharing (a deep
  // compare of the whole list on every update: ~1.5 ms for 1,000 positions) buys nothing.
  for (const family of ROW_TOPICS)
    queryClient.setQueryDefaults(topicKey(family), { structuralSharing: false });
  const unpublished = new Map<string, unknown>();
  const queued = new Map<string, QueuedDelta[]>();
  let flushing = false;
  let validating = false;
  const publish = () => {
    flushing = false;
    const cache = queryClient.getQueryCache();
    // A topic whose query was dropped meanwhile (the session ended and the cache was cleared)
    // is not brought back with the old data.
    for (const [topic, data] of unpublished)
      if (cache.find({ queryKey: topicKey(topic), exact: true }))
        queryClient.setQueryData(topicKey(topic), data);
    unpublished.clear();
  };
  const defer = typeof requestAnimationFrame === 'function';
  const latest = (topic: string): unknown =>
    unpublished.has(topic) ? unpublished.get(topic) : queryClient.getQueryData(topicKey(topic));
  /** Validates and reduces one delta; false (and a warning) when it is invalid or has no base. */
  const apply = (topic: string, raw: unknown, s = schemasOf(topic)): boolean => {
    const parsed = s?.delta.safeParse(raw);
    const prev = latest(topic);
    if (!s || !parsed?.success || prev === undefined) {
      if (!parsed?.success) console.warn(`[live] invalid delta for ${topic}`, parsed?.error.issues);
      return false;
    }
    const next = reduce(s.family, prev, parsed.data);
    if (!defer || !isRowTopic(s.family)) {
      queryClient.setQueryData(topicKey(topic), next);
      return true;
    }
    unpublished.set(topic, next);
    if (!flushing) {
      flushing = true;
      afterFrameOr(PUBLISH_WAIT_MS, publish);
    }
    return true;
  };
  const validateQueued = () => {
    validating = false;
    const due = [...queued];
    queued.clear();
    for (const [topic, deltas] of due) {
      for (const delta of deltas) {
        if (apply(topic, delta.raw)) continue;
        delta.rejected(); // the ones after it built on it: dropped with it
        break;
      }
    }
  };
  return {
    snapshot(topic, raw) {
      const s = schemasOf(topic);
      const parsed = s?.snapshot.safeParse(raw);
      if (!parsed?.success) {
        console.warn(`[live] invalid snapshot for ${topic}`, parsed?.error.issues);
        return false;
      }
      let data: unknown = parsed.data;
      // Newest first for event streams, whatever order the server used.
      if (s?.family === 'fills')
        data = [...(data as Fill[])].sort((a, b) => b.ts.localeCompare(a.ts));
      unpublished.delete(topic);
      queued.delete(topic);
      queryClient.setQueryData(topicKey(topic), data);
      return true;
    },
    delta(topic, raw, rejected) {
      const waiting = queued.get(topic);
      // A delta behind a queued one waits with it: they apply in order, whatever their size.
      if (waiting) return (waiting.push({ raw, rejected }), true);
      const s = schemasOf(topic);
      const large =
        defer &&
        s !== null &&
        isRowTopic(s.family) &&
        rowsIn(raw) > LARGE_DELTA_ROWS &&
        latest(topic) !== undefined;
      if (!large) return apply(topic, raw, s);
      queued.set(topic, [{ raw, rejected }]);
      if (!validating) {
        validating = true;
        afterFrameOr(PUBLISH_WAIT_MS, validateQueued);
      }
      return true;
    },
  };
}
