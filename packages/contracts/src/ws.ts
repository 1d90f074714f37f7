import { z } from 'zod';
import { TopicName } from './topics';

/** Client → server frames. The socket only carries subscriptions; commands go over HTTP. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    topics: z.array(TopicName).min(1).max(100),
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
    seq: z.number().int(),
    data: z.unknown(),
  }),
  z.object({ type: z.literal('revoked'), reason: z.string() }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    detail: z.string(),
    topic: z.string().optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
