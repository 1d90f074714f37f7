import {
  ClientMessage,
  GATEWAY_EVENTS_CHANNEL,
  GatewayEvent,
  TOPIC_SCHEMAS,
  can,
  topicFamily,
  type Role,
  type ServerMessage,
} from '@qd/contracts';
import type { Bus, Logger, SessionRecord } from '@qd/platform';
import type { WebSocket } from 'ws';
import type { GatewayClient } from '../trading/gatewayClient';
import { applyDelta, deltaSize, mergeDeltas } from './topicData';

const FLUSH_MS = 100; // at most 10 frames per second per client and topic
const MAX_BUFFERED = 1 << 20; // a socket with more than 1 MiB unsent is conflated
const SLOW_CUTOFF_MS = 10_000;
const MAX_PENDING_ITEMS = 500;
export const PRIMED_TOPICS = ['account', 'positions', 'orders', 'fills', 'killswitch'];

interface TopicState {
  seq: number;
  data: unknown;
  ready: boolean;
  buffered: GatewayEvent[];
}
interface Client {
  socket: WebSocket;
  session: SessionRecord;
  topics: Set<string>;
  pending: Map<string, { seq: number; data: unknown }>;
  resnapshot: Set<string>;
  slowSince: number | null;
  timer: NodeJS.Timeout | null;
  lastFlush: number;
}

/** One bus subscription per instance, fanned out to every socket with per-client coalescing. */
export class Hub {
  private readonly topics = new Map<string, TopicState>();
  private readonly clients = new Set<Client>();
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly bus: Bus,
    private readonly gateway: GatewayClient,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(GATEWAY_EVENTS_CHANNEL, (m) => this.onEvent(m));
    await Promise.all(PRIMED_TOPICS.map((t) => this.prime(t)));
  }

  get connectedClients(): number {
    return this.clients.size;
  }

  /** Fetches a topic's snapshot, then replays the events that arrived meanwhile. */
  private async prime(topic: string): Promise<TopicState> {
    const state: TopicState = this.topics.get(topic) ?? {
      seq: 0,
      data: null,
      ready: false,
      buffered: [],
    };
    state.ready = false;
    this.topics.set(topic, state);
    const snap = GatewayEvent.parse(await this.gateway.get(`/v1/snapshot/${topic}`));
    state.seq = snap.seq;
    state.data = snap.data;
    state.ready = true;
    const queued = state.buffered.splice(0);
    for (const e of queued) if (e.seq > state.seq) this.apply(state, e);
    return state;
  }

  private onEvent(message: string): void {
    const parsed = GatewayEvent.safeParse(JSON.parse(message));
    if (!parsed.success) return;
    const state = this.topics.get(parsed.data.topic);
    if (!state) return; // nobody has asked for this topic yet
    if (!state.ready) state.buffered.push(parsed.data);
    else this.apply(state, parsed.data);
  }

  private apply(state: TopicState, e: GatewayEvent): void {
    if (e.seq <= state.seq && e.seq !== 1) return; // duplicate
    if (e.seq !== state.seq + 1) {
      // A gap (or a restarted gateway): never patch over a hole, take a fresh snapshot.
      void this.prime(e.topic)
        .then(() => this.broadcastSnapshot(e.topic))
        .catch((err) => this.logger.error({ err }, 'resnapshot failed'));
      return;
    }
    state.seq = e.seq;
    state.data = applyDelta(e.topic, state.data, e.data);
    for (const c of this.clients) if (c.topics.has(e.topic)) this.queue(c, e.topic, e.seq, e.data);
  }

  private broadcastSnapshot(topic: string): void {
    for (const c of this.clients)
      if (c.topics.has(topic)) {
        c.pending.delete(topic);
        this.sendSnapshot(c, topic);
      }
  }

  /** Registers a socket of an authenticated session. */
  attach(socket: WebSocket, session: SessionRecord): void {
    const client: Client = {
      socket,
      session,
      topics: new Set(),
      pending: new Map(),
      resnapshot: new Set(),
      slowSince: null,
      timer: null,
      lastFlush: 0,
    };
    this.clients.add(client);
    socket.on('message', (raw) => void this.onClientMessage(client, raw.toString()));
    socket.on('close', () => this.detach(client));
    socket.on('error', () => this.detach(client));
  }

  private detach(c: Client): void {
    if (c.timer) clearTimeout(c.timer);
    this.clients.delete(c);
  }

  private send(c: Client, m: ServerMessage): void {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(m));
  }

  private async onClientMessage(c: Client, raw: string): Promise<void> {
    let msg;
    try {
      msg = ClientMessage.parse(JSON.parse(raw));
    } catch {
      this.send(c, {
        type: 'error',
        code: 'VALIDATION_FAILED',
        detail: 'Unreadable message: expected subscribe, unsubscribe or ping',
      });
      return;
    }
    if (msg.type === 'ping') return this.send(c, { type: 'pong' });
    if (msg.type === 'unsubscribe') {
      for (const t of msg.topics) {
        c.topics.delete(t);
        c.pending.delete(t);
      }
      return;
    }
    for (const topic of msg.topics) {
      const family = topicFamily(topic);
      if (!can(c.session.role as Role, TOPIC_SCHEMAS[family].permission)) {
        this.send(c, {
          type: 'error',
          code: 'FORBIDDEN',
          detail: `Your role may not read ${topic}`,
          topic,
        });
        continue;
      }
      try {
        const state = this.topics.get(topic)?.ready
          ? this.topics.get(topic)!
          : await this.prime(topic);
        c.topics.add(topic);
        const since = msg.since?.[topic];
        if (since === undefined || since !== state.seq) this.sendSnapshot(c, topic);
      } catch (err) {
        this.logger.warn({ err, topic }, 'subscribe failed');
        this.send(c, {
          type: 'error',
          code: 'GATEWAY_UNAVAILABLE',
          detail: `Cannot load ${topic} right now`,
          topic,
        });
      }
    }
  }

  private sendSnapshot(c: Client, topic: string): void {
    const s = this.topics.get(topic)!;
    this.send(c, { type: 'snapshot', topic, seq: s.seq, data: s.data });
  }

  private queue(c: Client, topic: string, seq: number, data: unknown): void {
    const prev = c.pending.get(topic);
    const merged = prev ? mergeDeltas(topic, prev.data, data) : data;
    if (deltaSize(topic, merged) > MAX_PENDING_ITEMS) {
      c.pending.delete(topic);
      c.resnapshot.add(topic); // too much to replay: the next flush sends a snapshot instead
    } else c.pending.set(topic, { seq, data: merged });
    // Leading-edge throttle: an idle client gets the change at once, a busy one at most every FLUSH_MS.
    c.timer ??= setTimeout(() => this.flush(c), Math.max(0, FLUSH_MS - (Date.now() - c.lastFlush)));
  }

  private flush(c: Client): void {
    c.timer = null;
    c.lastFlush = Date.now();
    if (c.socket.bufferedAmount > MAX_BUFFERED) {
      // Conflate: drop the queued deltas and resnapshot once the socket drains.
      for (const t of c.pending.keys()) c.resnapshot.add(t);
      c.pending.clear();
      c.slowSince ??= Date.now();
      if (Date.now() - c.slowSince > SLOW_CUTOFF_MS) c.socket.close(1013, 'too slow: reconnect');
      else c.timer = setTimeout(() => this.flush(c), FLUSH_MS);
      return;
    }
    c.slowSince = null;
    for (const t of c.resnapshot) if (c.topics.has(t)) this.sendSnapshot(c, t);
    c.resnapshot.clear();
    for (const [topic, p] of c.pending)
      this.send(c, { type: 'delta', topic, seq: p.seq, data: p.data });
    c.pending.clear();
  }

  /** Tells every socket of a session that it ended, then closes them. */
  revokeSession(sessionId: string, reason: string): void {
    this.revokeWhere((s) => s.id === sessionId, reason);
  }

  /** Sends `revoked` to and closes every socket whose session matches (revocations via the bus). */
  revokeWhere(match: (session: SessionRecord) => boolean, reason: string): void {
    for (const c of this.clients) {
      if (!match(c.session)) continue;
      this.send(c, { type: 'revoked', reason });
      c.socket.close(4001, reason);
      this.detach(c);
    }
  }

  async close(): Promise<void> {
    await this.unsubscribe?.();
    for (const c of this.clients) {
      c.socket.close(1001, 'server shutting down');
      this.detach(c);
    }
  }
}
