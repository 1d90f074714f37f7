import type { SessionRecord } from '@qd/platform';
import type { WebSocket } from 'ws';
import type { SocketLease } from './socketQuota';
import type { Change } from './topicStore';

export interface HubOptions {
  /** Frames per second per client and topic (the rest are coalesced). */
  maxRate: number;
  /** Unsent bytes above which a socket is conflated. */
  maxBuffered: number;
  /** How long a socket may stay slow before it is closed. */
  slowCutoffMs: number;
  /** Deltas kept per topic for resuming clients. */
  replay: number;
  maxClients: number;
  maxPerUser: number;
  heartbeatMs: number;
  /** A coalesced event-stream delta above this many items becomes a snapshot instead. */
  maxPendingItems: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  maxRate: 10,
  maxBuffered: 1 << 20,
  slowCutoffMs: 10_000,
  replay: 200,
  maxClients: 5000,
  maxPerUser: 20,
  heartbeatMs: 15_000,
  maxPendingItems: 500,
};

/** What is waiting for a client on one topic: a shared change, or several merged into one. */
export type Pending = Pick<Change, 'prev' | 'seq' | 'data' | 'ts'> & { frame: Buffer | null };

export interface Client {
  socket: WebSocket;
  session: SessionRecord;
  topics: Set<string>;
  pending: Map<string, Pending>;
  resnapshot: Set<string>;
  slowSince: number | null;
  timer: NodeJS.Timeout | null;
  /** When `timer` fires (ms epoch); 0 when no timer is set. */
  due: number;
  /** When each topic last sent this client a frame: the rate limit is per topic. */
  sentAt: Map<string, number>;
  /**
   * The seq of the last frame of each topic written to this socket. A subscribe that waited
   * while an urgent change was flushed replays only what came after it: never a delta twice.
   */
  sentSeq: Map<string, number>;
  alive: boolean;
  /** The client's messages, handled one after another (after admission). */
  inbox: Promise<void>;
  /** Its place in the user's socket count, once admitted. */
  lease: SocketLease | null;
}

/** The snapshot source: the gateway's `GET /v1/snapshot/:topic`. */
export interface SnapshotSource {
  get(path: string): Promise<unknown>;
}

/**
 * Topics whose changes are events a user acts on (a fill, an order's new state, the kill switch).
 * They are flushed as soon as the publishing code yields, not on the next turn of the event loop:
 * the gateway goes on to publish positions and account and to answer the order, and the console
 * to process that answer, all before the next turn. Marks, prices and the rest keep the next-turn
 * flush, which batches a tick's frames into one write per client.
 */
export const URGENT_TOPICS = new Set(['fills', 'orders', 'killswitch']);
