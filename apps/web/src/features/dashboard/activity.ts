import type { Fill, KillSwitchEvent, Order } from '@qd/contracts';
import { describeFill, describeOrder, statusWord } from '../orders/orderText';

export type ActivityKind = 'fill' | 'order' | 'killswitch';

export interface Activity {
  id: string;
  at: string;
  kind: ActivityKind;
  tone: 'up' | 'down' | 'neutral' | 'alert';
  text: string;
  detail?: string;
}

const LIMIT = 100;

/**
 * The feed, derived from the live topics: every fill, each order at its latest status, and
 * every kill-switch change. Newest first.
 */
export function buildActivity(
  fills: readonly Fill[] = [],
  orders: readonly Order[] = [],
  killSwitch: readonly KillSwitchEvent[] = [],
): Activity[] {
  const items: Activity[] = [
    ...fills.map<Activity>((f) => ({
      id: `fill:${f.id}`,
      at: f.ts,
      kind: 'fill',
      tone: f.side === 'buy' ? 'up' : 'down',
      text: `Filled: ${describeFill(f)}`,
    })),
    ...orders.map<Activity>((o) => ({
      id: `order:${o.id}`,
      at: o.updatedAt,
      kind: 'order',
      tone: o.status === 'rejected' ? 'alert' : 'neutral',
      text: `Order ${statusWord(o.status)}: ${describeOrder(o)}`,
      ...(o.rejectReason ? { detail: o.rejectReason } : {}),
    })),
    ...killSwitch.map<Activity>((k) => ({
      id: `ks:${k.id}`,
      at: k.at,
      kind: 'killswitch',
      tone: k.action === 'engage' ? 'alert' : 'neutral',
      text: `Kill switch ${k.action === 'engage' ? 'engaged' : 'released'} by ${k.actor}`,
      detail: k.reason,
    })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIMIT);
}
