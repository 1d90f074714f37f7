import { z } from 'zod';
import { TopicName } from './topics';

/** Client → server frames. The socket only carries subscriptions; commands go over HTTP. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    topics: z.array(TopicName).min(1).max(100),
    /** Last seq the client holds per topic: the server replays what was missed, or snapshots. */
    since: z.record(z.string(), z.number().int().nonnegative()).optional(),
  }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(TopicName).min(1).max(100) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Server → client frames. `data` is validated per topic with TOPIC_SCHEMAS. */
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot'),
    topic: z.string(),
    seq: z.number().int(),
    data: z.unknown(),
  }),
  z.object({
    type: z.literal('delta'),
    topic: z.string(),
    /** The seq this delta applies on top of: a client holding another seq has a gap. */
    prev: z.number().int(),
    /** The seq after applying it; several coalesced changes give `seq > prev + 1`. */
    seq: z.number().int(),
    data: z.unknown(),
  }),
  z.object({ type: z.literal('revoked'), reason: z.string() }),
  /** The instance is draining: open a new socket after `afterMs` (jittered), resuming by seq. */
  z.object({ type: z.literal('reconnect'), afterMs: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    detail: z.string(),
    topic: z.string().optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Close codes the server uses, so the client knows whether and how to come back. */
export const WS_CLOSE = {
  /** Server stopping without a drain window. Reconnect with backoff. */
  goingAway: 1001,
  /** Instance draining (restart/deploy). Reconnect at once with jitter: another instance serves. */
  draining: 1012,
  /** Instance at its connection limit. Reconnect with backoff (likely lands elsewhere). */
  capacity: 1013,
  /** Session ended (logout, revocation). Do not reconnect: sign in again. */
  revoked: 4001,
  /** No pong to the server's pings: the connection was half-open. */
  heartbeat: 4002,
  /** The socket could not keep up for too long. Reconnect and resume. */
  tooSlow: 4008,
  /** This user holds too many sockets. Reconnect with backoff after closing other tabs. */
  userLimit: 4029,
} as const;
