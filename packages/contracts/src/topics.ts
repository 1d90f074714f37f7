import { z } from 'zod';
import { Account, Position } from './account';
import { Quote } from './instruments';
import { BreakerStatus, ControlsStatus } from './controls';
import { KillSwitchStatus } from './killSwitch';
import { Fill, Order } from './orders';
import type { Permission } from './permissions';
import { Strategy } from './strategies';
import { TwapOrder } from './twap';
import { PnlPoint } from './pnl';
import { Alert } from './alerts';
import { Job } from './jobs';
import { SystemStatus } from './system';

/**
 * Live topics. Each has a snapshot shape (sent on subscribe) and a delta shape (sent after),
 * and a permission that the WS hub checks before subscribing anyone.
 */
export const TOPIC_SCHEMAS = {
  account: { snapshot: Account, delta: Account, permission: 'portfolio:read' },
  positions: {
    snapshot: z.array(Position),
    delta: z.object({ upsert: z.array(Position), remove: z.array(z.string()) }),
    permission: 'portfolio:read',
  },
  orders: {
    snapshot: z.array(Order),
    delta: z.object({ upsert: z.array(Order) }),
    permission: 'orders:read',
  },
  fills: {
    snapshot: z.array(Fill),
    delta: z.object({ add: z.array(Fill) }),
    permission: 'orders:read',
  },
  killswitch: {
    snapshot: KillSwitchStatus,
    delta: KillSwitchStatus,
    permission: 'killswitch:read',
  },
  prices: { snapshot: Quote, delta: Quote, permission: 'market:read' },
  breaker: { snapshot: BreakerStatus, delta: BreakerStatus, permission: 'killswitch:read' },
  controls: { snapshot: ControlsStatus, delta: ControlsStatus, permission: 'orders:read' },
  strategies: {
    snapshot: z.array(Strategy),
    delta: z.array(Strategy),
    permission: 'orders:read',
  },
  twap: { snapshot: z.array(TwapOrder), delta: z.array(TwapOrder), permission: 'orders:read' },
  /** Account P&L time series: snapshot = the recent points (oldest first), delta = new points. */
  pnl: {
    snapshot: z.array(PnlPoint),
    delta: z.object({ add: z.array(PnlPoint) }),
    permission: 'portfolio:read',
  },
  /** Operational alerts: snapshot = the recent ones (newest first), delta = new ones. */
  alerts: {
    snapshot: z.array(Alert),
    delta: z.object({ add: z.array(Alert) }),
    permission: 'killswitch:read',
  },
  /** One long-running job (`jobs:{id}`): its whole state each time. */
  jobs: { snapshot: Job, delta: Job, permission: 'orders:read' },
  /** Health as seen by the console instance the socket is on (see INSTANCE_TOPICS). */
  system: { snapshot: SystemStatus, delta: SystemStatus, permission: 'killswitch:read' },
} as const satisfies Record<
  string,
  { snapshot: z.ZodType; delta: z.ZodType; permission: Permission }
>;

export type TopicFamily = keyof typeof TOPIC_SCHEMAS;
export type TopicSnapshot<F extends TopicFamily> = z.infer<(typeof TOPIC_SCHEMAS)[F]['snapshot']>;
export type TopicDelta<F extends TopicFamily> = z.infer<(typeof TOPIC_SCHEMAS)[F]['delta']>;

/** A topic name: a family, or `prices:{SYMBOL}`. */
export const TopicName = z
  .string()
  .regex(
    /^(account|positions|orders|fills|killswitch|breaker|controls|strategies|twap|pnl|alerts|system|prices:[A-Z][A-Z0-9.]{0,9}|jobs:[A-Za-z0-9_-]{1,64})$/,
    'unknown topic',
  );
export type TopicName = z.infer<typeof TopicName>;

/** The family of a topic name (`prices:AAPL` → `prices`, `jobs:twap-1` → `jobs`). */
export function topicFamily(topic: string): TopicFamily {
  return topic.split(':')[0] as TopicFamily;
}

/** State topics keep only the latest value when coalescing; the others accumulate. */
export const STATE_FAMILIES: ReadonlySet<TopicFamily> = new Set([
  'account',
  'killswitch',
  'prices',
  'breaker',
  'controls',
  'strategies',
  'twap',
  'jobs',
  'system',
]);
