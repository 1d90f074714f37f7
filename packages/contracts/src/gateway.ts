import { z } from 'zod';
import { OrderRequest } from './orders';

/**
 * The gateway's internal API, called only by the console with a service credential.
 * The console passes the acting user in `X-QD-Actor`; the gateway records it on every change.
 */
export const GATEWAY_ACTOR_HEADER = 'x-qd-actor';
export const GATEWAY_REQUEST_ID_HEADER = 'x-request-id';

/** One published change: the console fans these out to WS subscribers by topic. */
export const GatewayEvent = z.object({
  topic: z.string(),
  /** Per-topic monotonic sequence assigned by the gateway, so every console instance agrees. */
  seq: z.number().int().nonnegative(),
  data: z.unknown(),
  /** When the gateway published it (ms since epoch): the console measures push latency from it. */
  ts: z.number().int().optional(),
});
export type GatewayEvent = z.infer<typeof GatewayEvent>;

/** Bus channel the gateway publishes its events on. */
export const GATEWAY_EVENTS_CHANNEL = 'qd:gateway:events';

/** Snapshot of one topic with the seq it corresponds to (`GET /v1/snapshot/:topic`). */
export const TopicSnapshotResponse = GatewayEvent;

/** Body for placing an order through the gateway: the console's request plus its idempotency key. */
export const GatewayOrderRequest = z.object({
  order: OrderRequest,
  clientOrderId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});
export type GatewayOrderRequest = z.infer<typeof GatewayOrderRequest>;
