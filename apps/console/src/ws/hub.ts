import type { Socket } from 'node:net';
import {
  ClientMessage,
  GATEWAY_EVENTS_CHANNEL,
  INSTANCE_TOPICS,
  TOPIC_SCHEMAS,
  WS_CLOSE,
  can,
  topicFamily,
  type Role,
  type ServerMessage,
} from '@qd/contracts';
import { AppError, type Bus, type Logger, type SessionRecord } from '@qd/platform';
import type { WebSocket } from 'ws';
import { topicRefusal } from '../auth/strategyScope';
import { FlushScheduler } from './flushScheduler';
import { NO_METRICS, type HubMetrics } from './hubMetrics';
import {
  DEFAULT_HUB_OPTIONS,
  URGENT_TOPICS,
  type Client,
  type HubOptions,
  type SnapshotSource,
} from './hubTypes';
import { deltaSize, mergeDeltas } from './topicData';
import { TopicStore, type Change } from './topicStore';
import { MemorySocketQuota, type SocketQuota } from './socketQuota';

export { DEFAULT_HUB_OPTIONS, type HubOptions } from './hubTypes';

export const PRIMED_TOPICS = ['account', 'positions', 'orders', 'fills', 'killswitch'];

/**
 * One bus subscription per instance, fanned out to every socket. Frames are serialised once per
 * change and shared; each client gets at most `maxRate` frames a second per topic (leading edge
 * per topic, coalesced in between), a slow socket is conflated to snapshots and cut off after `slowCutoffMs`.
 */
export class Hub {
  readonly store: TopicStore;
  private readonly opts: HubOptions;
  private readonly clients = new Set<Client>();
  private readonly subs = new Map<string, Set<Client>>();
  private readonly quota: SocketQuota;
  private readonly flushes = new FlushScheduler<Client>((c) => this.flush(c));
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribes: Array<() => Promise<void>> = [];
  private drained: (() => void) | null = null;
  draining = false;

  constructor(
    private readonly bus: Bus,
    gateway: SnapshotSource,
    private readonly logger: Logger,
    options: Partial<HubOptions> = {},
    private readonly metrics: HubMetrics = NO_METRICS,
    /** Per-user socket admission (Redis-backed across instances); this instance's count if unset. */
    quota?: SocketQuota,
  ) {
    this.opts = { ...DEFAULT_HUB_OPTIONS, ...options };
    this.quota = quota ?? new MemorySocketQuota(this.opts.maxPerUser);
    this.store = new TopicStore(
      (topic) => gateway.get(`/v1/snapshot/${topic}`),
      this.opts.replay,
      { change: (t, c) => this.fanOut(t, c), reset: (t) => this.resetTopic(t) },
      logger,
    );
  }

  async start(primed: string[] = PRIMED_TOPICS): Promise<void> {
    this.unsubscribes.push(
      await this.bus.subscribe(GATEWAY_EVENTS_CHANNEL, (m) => this.store.ingest(m)),
    );
    await Promise.all(primed.map((t) => this.store.ensure(t)));
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  get connectedClients(): number {
    return this.clients.size;
  }

  /** Counts for metrics: subscriptions per topic family and unsent bytes. */
  stats(): { clients: number; subscriptions: Map<string, number>; bufferedBytes: number } {
    const subscriptions = new Map<string, number>();
    for (const [topic, set] of this.subs) {
      const f = topicFamily(topic);
      subscriptions.set(f, (subscriptions.get(f) ?? 0) + set.size);
    }
    let bufferedBytes = 0;
    for (const c of this.clients) bufferedBytes += c.socket.bufferedAmount;
    return { clients: this.clients.size, subscriptions, bufferedBytes };
  }

  /** Items held for clients (pending deltas and snapshot marks), for bounded-memory checks. */
  heldItems(): number {
    let n = 0;
    for (const c of this.clients) n += c.pending.size + c.resnapshot.size;
    return n;
  }

  /** The sessions of the open sockets (revalidated by SessionWatch). */
  sessions(): SessionRecord[] {
    return [...this.clients].map((c) => c.session);
  }

  /** Registers a socket of an authenticated session, or closes it with the limit it hit. */
  attach(socket: WebSocket, session: SessionRecord): void {
    const refuse = (code: number, detail: string, errCode: string) => {
      socket.send(JSON.stringify({ type: 'error', code: errCode, detail }));
      socket.close(code, detail);
    };
    if (this.draining) {
      socket.send(JSON.stringify({ type: 'reconnect', afterMs: 0 }));
      return socket.close(WS_CLOSE.draining, 'instance draining: reconnect');
    }
    if (this.clients.size >= this.opts.maxClients)
      return refuse(WS_CLOSE.capacity, 'instance at capacity: reconnect later', 'AT_CAPACITY');
    const client: Client = {
      socket,
      session,
      topics: new Set(),
      pending: new Map(),
      resnapshot: new Set(),
      slowSince: null,
      timer: null,
      due: 0,
      sentAt: new Map(),
      sentSeq: new Map(),
      alive: true,
      inbox: Promise.resolve(),
      lease: null,
    };
    this.clients.add(client);
    // Admission by the user's count on every instance; messages wait in the inbox meanwhile.
    client.inbox = this.quota.acquire(session.userId).then(
      (lease) => {
        if (!this.clients.has(client)) return lease?.release(); // closed while counting
        if (lease) return void (client.lease = lease);
        this.detach(client);
        refuse(
          WS_CLOSE.userLimit,
          `too many live connections for this user (limit ${this.quota.limit})`,
          'TOO_MANY_CONNECTIONS',
        );
      },
      (err: unknown) => {
        this.logger.error({ err }, 'socket admission failed');
        this.detach(client);
        socket.close(WS_CLOSE.capacity, 'admission failed: reconnect later');
      },
    );
    // One message at a time per client, so a subscribe still loading cannot overtake an unsubscribe.
    socket.on('message', (raw) => {
      client.inbox = client.inbox
        .then(() => this.onClientMessage(client, String(raw)))
        .catch((err: unknown) => this.logger.error({ err }, 'client message failed'));
    });
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.detach(client));
    socket.on('error', () => this.detach(client));
  }

  private detach(c: Client): void {
    if (!this.clients.delete(c)) return;
    if (c.timer) clearTimeout(c.timer);
    this.flushes.ready.delete(c);
    for (const t of c.topics) this.unindex(c, t);
    c.lease?.release();
    if (this.clients.size === 0) this.drained?.();
  }

  private unindex(c: Client, topic: string): void {
    const set = this.subs.get(topic);
    set?.delete(c);
    if (set?.size !== 0) return;
    this.subs.delete(topic);
    // One topic per job: forget a job nobody here watches, so they do not pile up.
    if (topicFamily(topic) === 'jobs') this.store.forget(topic);
  }

  /** Writes a text frame; a shared Buffer goes out to every client without re-encoding. */
  private sendRaw(c: Client, frame: string | Buffer): void {
    if (c.socket.readyState !== c.socket.OPEN) return;
    c.socket.send(frame, { binary: false });
    this.metrics.sent(1);
  }

  private send(c: Client, m: ServerMessage): void {
    this.sendRaw(c, JSON.stringify(m));
  }

  private async onClientMessage(c: Client, raw: string): Promise<void> {
    if (!this.clients.has(c)) return; // refused or closed
    c.alive = true;
    let msg;
    try {
      msg = ClientMessage.parse(JSON.parse(raw));
    } catch {
      return this.send(c, {
        type: 'error',
        code: 'VALIDATION_FAILED',
        detail: 'Unreadable message: expected subscribe, unsubscribe or ping',
      });
    }
    if (msg.type === 'ping') return this.send(c, { type: 'pong' });
    if (msg.type === 'unsubscribe') {
      for (const t of msg.topics) {
        c.topics.delete(t);
        c.pending.delete(t);
        c.resnapshot.delete(t);
        c.sentAt.delete(t); // bounded by what the client holds, not by what it ever held
        c.sentSeq.delete(t);
        this.unindex(c, t);
      }
      return;
    }
    for (const topic of msg.topics) await this.subscribe(c, topic, msg.since?.[topic]);
  }

  /** Subscribes a client: exactly the missed deltas when `since` is in the buffer, else a snapshot. */
  private async subscribe(c: Client, topic: string, since: number | undefined): Promise<void> {
    if (!can(c.session.role as Role, TOPIC_SCHEMAS[topicFamily(topic)].permission))
      return this.send(c, {
        type: 'error',
        code: 'FORBIDDEN',
        detail: `Your role may not read ${topic}`,
        topic,
      });
    const outOfScope = topicRefusal(c.session, topic);
    if (outOfScope)
      return this.send(c, { type: 'error', code: 'FORBIDDEN', detail: outOfScope, topic });
    try {
      await this.store.ensure(topic);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND')
        return this.send(c, { type: 'error', code: 'NOT_FOUND', detail: err.detail, topic });
      this.logger.warn({ err, topic }, 'subscribe failed');
      return this.send(c, {
        type: 'error',
        code: 'GATEWAY_UNAVAILABLE',
        detail: `Cannot load ${topic} right now`,
        topic,
      });
    }
    if (!this.clients.has(c)) return; // closed while the snapshot loaded
    c.topics.add(topic);
    let set = this.subs.get(topic);
    if (!set) this.subs.set(topic, (set = new Set()));
    set.add(c);
    c.pending.delete(topic);
    c.resnapshot.delete(topic);
    // A job topic may have been forgotten while this subscribe waited; it is held again now.
    if (this.store.seq(topic) === undefined) await this.store.ensure(topic).catch(() => undefined);
    if (this.store.seq(topic) === undefined) {
      c.topics.delete(topic);
      this.unindex(c, topic);
      return this.send(c, {
        type: 'error',
        code: 'GATEWAY_UNAVAILABLE',
        detail: `Cannot load ${topic} right now`,
        topic,
      });
    }
    // An instance topic's seqs are this instance's own: a resume from elsewhere gets a snapshot.
    const local = INSTANCE_TOPICS.has(topicFamily(topic));
    const missed = since === undefined || local ? null : this.store.replaySince(topic, since);
    if (missed === null) return this.sendSnapshot(c, topic);
    const sent = c.sentSeq.get(topic) ?? -Infinity;
    for (const change of missed) if (change.seq > sent) this.sendChange(c, topic, change);
  }

  private sendSnapshot(c: Client, topic: string): void {
    this.sendRaw(c, this.store.snapshotFrame(topic));
    c.sentSeq.set(topic, this.store.seq(topic)!);
  }

  private sendChange(c: Client, topic: string, change: Change): void {
    this.sendRaw(c, change.frame);
    c.sentSeq.set(topic, change.seq);
  }

  private fanOut(topic: string, change: Change): void {
    const set = this.subs.get(topic);
    if (!set) return;
    const now = Date.now();
    for (const c of set) {
      const p = c.pending.get(topic);
      if (c.resnapshot.has(topic)) this.metrics.dropped(1);
      else if (!p) c.pending.set(topic, change);
      else {
        this.metrics.conflated(1);
        const data = mergeDeltas(topic, p.data, change.data);
        if (deltaSize(topic, data) > this.opts.maxPendingItems) {
          c.pending.delete(topic);
          c.resnapshot.add(topic); // too much to replay: the next flush sends a snapshot
        } else c.pending.set(topic, { prev: p.prev, seq: change.seq, data, ts: p.ts, frame: null });
      }
      this.schedule(c, topic, now);
    }
    this.flushes.kick(URGENT_TOPICS.has(topic));
  }

  /**
   * Leading edge per topic: a topic that sent this client nothing for a full interval goes out on
   * the next turn, whatever the client's other topics are doing (a fill is never held behind a
   * mark-to-market push); a busier topic waits for its own slot, coalesced in the meantime.
   */
  private schedule(c: Client, topic: string, now: number): void {
    if (this.flushes.ready.has(c)) return;
    const wait = (c.sentAt.get(topic) ?? 0) + 1000 / this.opts.maxRate - now;
    if (wait <= 0) this.flushes.ready.add(c);
    else if (!c.timer || c.due > now + wait) this.arm(c, now + wait, now);
  }

  private arm(c: Client, due: number, now: number): void {
    if (c.timer) clearTimeout(c.timer);
    c.due = due;
    c.timer = setTimeout(() => this.flush(c), due - now);
  }

  /** Sends every pending topic whose slot is open; the rest re-arm the timer for the earliest. */
  private flush(c: Client): void {
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
    if (!this.clients.has(c) || c.socket.readyState !== c.socket.OPEN) return;
    const now = Date.now();
    if (c.socket.bufferedAmount > this.opts.maxBuffered) return this.conflate(c, now);
    c.slowSince = null;
    // One write per client per flush: ws writes every frame on its own (a writev system call
    // each, the largest cost of a fan-out in a CPU profile); corking the TCP socket around the
    // flush sends a mark-to-market's positions and account frames together.
    const tcp = (c.socket as unknown as { _socket?: Socket })._socket;
    tcp?.cork();
    try {
      this.sendDue(c, now);
    } finally {
      tcp?.uncork();
    }
  }

  /** The body of flush(): snapshots owed, then every pending topic whose slot is open. */
  private sendDue(c: Client, now: number): void {
    for (const t of c.resnapshot) {
      c.pending.delete(t);
      if (c.topics.has(t)) this.sendSnapshot(c, t);
      c.sentAt.set(t, now);
    }
    c.resnapshot.clear();
    const interval = 1000 / this.opts.maxRate;
    let next = Infinity;
    for (const [topic, p] of c.pending) {
      const due = (c.sentAt.get(topic) ?? 0) + interval;
      if (due > now) {
        next = Math.min(next, due);
        continue;
      }
      const frame =
        p.frame ?? JSON.stringify({ type: 'delta', topic, prev: p.prev, seq: p.seq, data: p.data });
      this.sendRaw(c, frame);
      c.sentSeq.set(topic, p.seq);
      if (p.ts !== undefined) this.metrics.latency(now - p.ts);
      c.sentAt.set(topic, now);
      c.pending.delete(topic);
    }
    if (next !== Infinity) this.arm(c, next, now);
  }

  /** A slow socket: its queued deltas become "snapshot when drained"; cut off if slow too long. */
  private conflate(c: Client, now: number): void {
    this.metrics.dropped(c.pending.size);
    for (const t of c.pending.keys()) c.resnapshot.add(t);
    c.pending.clear();
    c.slowSince ??= now;
    if (now - c.slowSince >= this.opts.slowCutoffMs) {
      this.logger.warn({ user: c.session.username }, 'closing a socket that stayed too slow');
      this.detach(c);
      c.socket.close(WS_CLOSE.tooSlow, 'too slow: reconnect');
      setTimeout(() => c.socket.terminate(), 1000).unref();
      return;
    }
    this.arm(c, now + 1000 / this.opts.maxRate, now);
  }

  private resetTopic(topic: string): void {
    for (const c of this.subs.get(topic) ?? []) {
      c.pending.delete(topic);
      c.resnapshot.add(topic);
      this.schedule(c, topic, Date.now());
    }
    this.flushes.kick();
  }

  /** Pings every socket; one that did not answer the previous ping is dropped. */
  private beat(): void {
    for (const c of this.clients) {
      if (c.socket.readyState !== c.socket.OPEN) continue; // closing: 'close' will detach it
      if (!c.alive) {
        this.detach(c);
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }

  /** Tells every socket of a session that it ended, then closes them (this instance only). */
  revokeSession(sessionId: string, reason: string): void {
    this.revokeWhere((s) => s.id === sessionId, reason);
  }

  /** Sends `revoked` to and closes every socket whose session matches (revocations via the bus). */
  revokeWhere(match: (session: SessionRecord) => boolean, reason: string): void {
    for (const c of [...this.clients]) {
      if (!match(c.session)) continue;
      this.send(c, { type: 'revoked', reason });
      this.detach(c);
      c.socket.close(WS_CLOSE.revoked, reason.slice(0, 100));
    }
  }

  /**
   * Graceful drain: refuses new sockets, tells each client to reconnect after a random delay
   * within the window (so they spread over the surviving instances), then closes the rest.
   */
  async drain(windowMs: number): Promise<void> {
    this.draining = true;
    for (const c of this.clients)
      this.send(c, { type: 'reconnect', afterMs: Math.floor(Math.random() * windowMs * 0.8) });
    if (this.clients.size > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, windowMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    for (const c of [...this.clients]) {
      this.detach(c);
      c.socket.close(WS_CLOSE.draining, 'instance draining: reconnect');
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.flushes.cancel();
    await Promise.allSettled(this.unsubscribes.map((u) => u()));
    for (const c of [...this.clients]) {
      this.detach(c);
      c.socket.close(WS_CLOSE.goingAway, 'server shutting down');
    }
  }
}
