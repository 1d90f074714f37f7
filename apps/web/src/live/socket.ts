import { ServerMessage, WS_CLOSE, type ClientMessage } from '@qd/contracts';

export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; attempt: number }
  | { status: 'connected'; since: number }
  | { status: 'reconnecting'; retryAt: number; attempt: number }
  | { status: 'offline' };

/** Where topic payloads go; returns false when the payload cannot be applied (resync needed). */
export interface TopicSink {
  snapshot(topic: string, data: unknown): boolean;
  /**
   * Applies a delta, or accepts it to validate later: then `rejected` is called if it turns
   * out invalid, and the socket treats it as if `delta` had returned false.
   */
  delta(topic: string, data: unknown, rejected: () => void): boolean;
}

export interface SocketEvents {
  /** The server ended the session over the socket. */
  revoked(reason: string): void;
  /** The socket closed before it ever opened: maybe the session is gone. */
  refused(): void;
}

const PING_MS = 15_000;
/** Three missed pongs: the socket is half-open, drop it and reconnect. */
const SILENCE_MS = 45_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;

/**
 * The tab's one WebSocket. Components retain topics (reference-counted); the socket subscribes
 * while anyone holds one, resumes from the last seq after a reconnect, and asks for a fresh
 * snapshot whenever it sees a gap.
 */
export class LiveSocket {
  private ws: WebSocket | null = null;
  private started = false;
  private state: ConnectionState = { status: 'idle' };
  private readonly listeners = new Set<() => void>();
  private readonly refs = new Map<string, number>();
  private readonly seqs = new Map<string, number>();
  private readonly awaitingSnapshot = new Set<string>();
  private readonly receivedAt = new Map<string, number>();
  private lastHeardAt = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private moveTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly url: () => string,
    private sink: TopicSink | null = null,
    private events: SocketEvents | null = null,
  ) {}

  attach(sink: TopicSink, events: SocketEvents): void {
    this.sink = sink;
    this.events = events;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.moveTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.retryTimer);
    this.closeSocket();
    this.seqs.clear();
    this.awaitingSnapshot.clear();
    this.receivedAt.clear();
    this.attempt = 0;
    this.setState({ status: 'idle' });
  }

  /** Reconnect now instead of waiting for the backoff timer. */
  retryNow(): void {
    if (!this.started || this.state.status === 'connected' || this.state.status === 'connecting')
      return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /** Holds a topic open; call the returned function to let go of it. */
  retain(topic: string): () => void {
    const count = this.refs.get(topic) ?? 0;
    this.refs.set(topic, count + 1);
    if (count === 0) {
      this.awaitingSnapshot.add(topic);
      this.send({ type: 'subscribe', topics: [topic] });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.refs.get(topic) ?? 1) - 1;
      if (left > 0) return void this.refs.set(topic, left);
      this.refs.delete(topic);
      this.seqs.delete(topic);
      this.awaitingSnapshot.delete(topic);
      this.send({ type: 'unsubscribe', topics: [topic] });
    };
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** When this topic's data was last known to be current, or undefined if never. */
  freshAt(topic: string): number | undefined {
    const received = this.receivedAt.get(topic);
    if (received === undefined) return undefined;
    const live =
      this.state.status === 'connected' &&
      this.seqs.has(topic) &&
      !this.awaitingSnapshot.has(topic);
    // While subscribed on a live socket, silence means "unchanged", not "old".
    return live ? Math.max(received, this.lastHeardAt) : received;
  }

  private readonly onOnline = () => this.retryNow();
  private readonly onOffline = () => {
    this.closeSocket();
    clearTimeout(this.retryTimer);
    this.setState({ status: 'offline' });
  };

  private setState(next: ConnectionState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }

  private send(msg: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private connect(): void {
    if (!navigator.onLine) return this.setState({ status: 'offline' });
    this.closeSocket();
    this.setState({ status: 'connecting', attempt: this.attempt });
    const ws = new WebSocket(this.url());
    let opened = false;
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
      this.lastHeardAt = Date.now();
      this.setState({ status: 'connected', since: Date.now() });
      this.resubscribeAll();
      this.pingTimer = setInterval(() => this.heartbeat(), PING_MS);
    };
    ws.onmessage = (ev) => this.handle(ev.data);
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.pingTimer);
      if (!this.started) return;
      if (ev.code === WS_CLOSE.revoked) {
        this.stop();
        return this.events?.revoked(ev.reason || 'session ended');
      }
      if (!opened) this.events?.refused();
      // A draining instance: come straight back (the jitter came with its `reconnect` frame).
      if (ev.code === WS_CLOSE.draining) this.attempt = 0;
      this.scheduleReconnect();
    };
  }

  private closeSocket(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.moveTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.close();
    }
  }

  private scheduleReconnect(): void {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.setState({ status: 'reconnecting', retryAt: Date.now() + delay, attempt: this.attempt });
  }

  private heartbeat(): void {
    if (Date.now() - this.lastHeardAt > SILENCE_MS) {
      this.closeSocket();
      return this.scheduleReconnect();
    }
    this.send({ type: 'ping' });
  }

  private resubscribeAll(): void {
    const topics = [...this.refs.keys()];
    if (topics.length === 0) return;
    const since: Record<string, number> = {};
    for (const t of topics) {
      const seq = this.seqs.get(t);
      if (seq === undefined) this.awaitingSnapshot.add(t);
      else since[t] = seq;
    }
    this.send({ type: 'subscribe', topics, ...(Object.keys(since).length ? { since } : {}) });
  }

  /** Forget what we have for a topic and ask for a fresh snapshot. */
  private resync(topic: string): void {
    this.seqs.delete(topic);
    this.awaitingSnapshot.add(topic);
    this.send({ type: 'unsubscribe', topics: [topic] });
    this.send({ type: 'subscribe', topics: [topic] });
  }

  private handle(raw: unknown): void {
    this.lastHeardAt = Date.now();
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch {
      return console.warn('[live] dropped a frame that is not JSON');
    }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) return console.warn('[live] dropped an unknown frame', json);
    const msg = parsed.data;
    switch (msg.type) {
      case 'snapshot':
        // Data flows: only now is the backoff reset (a server that accepts and at once closes,
        // e.g. at its connection limit, must not be hammered every half second).
        this.attempt = 0;
        if (!this.refs.has(msg.topic)) return;
        if (!this.sink?.snapshot(msg.topic, msg.data)) return;
        this.seqs.set(msg.topic, msg.seq);
        this.awaitingSnapshot.delete(msg.topic);
        this.receivedAt.set(msg.topic, Date.now());
        return;
      case 'delta':
        return this.applyDelta(msg.topic, msg.prev, msg.seq, msg.data);
      case 'reconnect':
        // The instance is draining: move to another one after the server's jittered delay,
        // keeping this socket's data flowing until then; the new socket resumes from our seqs.
        clearTimeout(this.moveTimer);
        this.moveTimer = setTimeout(() => {
          this.attempt = 0;
          this.connect();
        }, msg.afterMs);
        return;
      case 'revoked':
        this.stop();
        return this.events?.revoked(msg.reason);
      case 'error':
        return console.warn(`[live] ${msg.code}: ${msg.detail}`, msg.topic ?? '');
      case 'pong':
        return;
    }
  }

  private applyDelta(topic: string, prev: number, seq: number, data: unknown): void {
    if (!this.refs.has(topic) || this.awaitingSnapshot.has(topic)) return;
    const last = this.seqs.get(topic);
    if (last !== undefined && seq <= last) return; // replayed after a resume: already applied
    // The delta must start exactly where we are; anything else is a hole: take a snapshot.
    if (last === undefined || prev !== last) return this.resync(topic);
    const heardBefore = this.receivedAt.get(topic);
    const rejected = () => this.rejectedLater(topic, heardBefore);
    if (!this.sink?.delta(topic, data, rejected)) return this.resync(topic);
    this.seqs.set(topic, seq);
    this.receivedAt.set(topic, Date.now());
  }

  /**
   * A delta accepted earlier failed validation: the data is as of the last valid frame again
   * (stale until the snapshot), and the topic resyncs, unless it was let go or resynced since.
   */
  private rejectedLater(topic: string, heardBefore: number | undefined): void {
    if (!this.refs.has(topic) || this.awaitingSnapshot.has(topic)) return;
    if (heardBefore === undefined) this.receivedAt.delete(topic);
    else this.receivedAt.set(topic, heardBefore);
    this.resync(topic);
  }
}

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws`;
}

/** The tab's shared socket. */
export const liveSocket = new LiveSocket(socketUrl);
