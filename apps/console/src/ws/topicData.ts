import {
  ALERTS_KEPT,
  PNL_POINTS_KEPT,
  STATE_FAMILIES,
  topicFamily,
  type Alert,
  type Fill,
  type Order,
  type PnlPoint,
  type Position,
} from '@qd/contracts';

type PositionsDelta = { upsert: Position[]; remove: string[] };
type OrdersDelta = { upsert: Order[] };
type FillsDelta = { add: Fill[] };
type PnlDelta = { add: PnlPoint[] };
type AlertsDelta = { add: Alert[] };

const WORKING = new Set(['new', 'partially_filled']);
const RECENT = 100;

/** Applies a delta to a topic's snapshot, giving the next snapshot. */
export function applyDelta(topic: string, snapshot: unknown, delta: unknown): unknown {
  const family = topicFamily(topic);
  if (STATE_FAMILIES.has(family)) return delta;
  if (family === 'positions') {
    const d = delta as PositionsDelta;
    const bySymbol = new Map((snapshot as Position[]).map((p) => [p.symbol, p]));
    for (const p of d.upsert) bySymbol.set(p.symbol, p);
    for (const s of d.remove) bySymbol.delete(s);
    return [...bySymbol.values()];
  }
  if (family === 'orders') {
    const byId = new Map((snapshot as Order[]).map((o) => [o.id, o]));
    for (const o of (delta as OrdersDelta).upsert) byId.set(o.id, o);
    const all = [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const recent = new Set(all.slice(0, RECENT).map((o) => o.id));
    return all.filter((o) => WORKING.has(o.status) || recent.has(o.id));
  }
  if (family === 'fills')
    return [...(delta as FillsDelta).add, ...(snapshot as Fill[])].slice(0, RECENT);
  if (family === 'pnl')
    return [...(snapshot as PnlPoint[]), ...(delta as PnlDelta).add].slice(-PNL_POINTS_KEPT);
  if (family === 'alerts') {
    // Newest first; an alert already held (raised while its snapshot was read) is not doubled.
    const held = new Set((snapshot as Alert[]).map((a) => a.id));
    const fresh = (delta as AlertsDelta).add.filter((a) => !held.has(a.id));
    return [...fresh, ...(snapshot as Alert[])].slice(0, ALERTS_KEPT);
  }
  return delta;
}

/** Merges a newer delta into a pending one, so a slow client gets one combined frame. */
export function mergeDeltas(topic: string, older: unknown, newer: unknown): unknown {
  const family = topicFamily(topic);
  if (STATE_FAMILIES.has(family)) return newer;
  if (family === 'positions') {
    const a = older as PositionsDelta;
    const b = newer as PositionsDelta;
    const upsert = new Map(a.upsert.map((p) => [p.symbol, p]));
    const remove = new Set(a.remove);
    for (const p of b.upsert) {
      upsert.set(p.symbol, p);
      remove.delete(p.symbol);
    }
    for (const s of b.remove) {
      remove.add(s);
      upsert.delete(s);
    }
    return { upsert: [...upsert.values()], remove: [...remove] };
  }
  if (family === 'orders') {
    const byId = new Map((older as OrdersDelta).upsert.map((o) => [o.id, o]));
    for (const o of (newer as OrdersDelta).upsert) byId.set(o.id, o);
    return { upsert: [...byId.values()] };
  }
  if (family === 'fills' || family === 'alerts')
    return { add: [...(newer as FillsDelta).add, ...(older as FillsDelta).add] };
  if (family === 'pnl') return { add: [...(older as PnlDelta).add, ...(newer as PnlDelta).add] };
  return newer;
}

/** Number of items a pending delta carries (bounded buffers for event streams). */
export function deltaSize(topic: string, delta: unknown): number {
  const family = topicFamily(topic);
  if (family === 'fills' || family === 'pnl' || family === 'alerts')
    return (delta as FillsDelta).add.length;
  if (family === 'orders') return (delta as OrdersDelta).upsert.length;
  if (family === 'positions')
    return (delta as PositionsDelta).upsert.length + (delta as PositionsDelta).remove.length;
  return 1;
}
