// A browser-equivalent live client for the HA tests: the protocol the SPA's LiveSocket speaks
// (one socket, seq tracking with `prev`, resume with `since`, backoff with jitter, `reconnect`),
// on the `ws` package so 50 of them fit in one test process.
import { ServerMessage, WS_CLOSE } from '@qd/contracts';
import { WebSocket } from 'ws';
import { applyDelta } from '../ws/topicData';

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4000;

export class LiveClient {
  readonly seqs = new Map<string, number>();
  readonly data = new Map<string, unknown>();
  connected = false;
  /** Sockets opened so far (1 = never reconnected). */
  opens = 0;
  /** Deltas that did not start at the seq held (each answered by a fresh snapshot). */
  holes = 0;
  revoked: string | null = null;
  /**
   * When the current socket's subscription was answered: the server handles a client's messages
   * in order, so the pong to the ping sent right after `subscribe` means it is live again.
   */
  resubscribedAt: number | null = null;
  /** When the last socket closed (null while connected). */
  lostAt: number | null = null;
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly topics: string[],
  ) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.terminate();
  }

  /** True once every topic has data. */
  get synced(): boolean {
    return this.connected && this.topics.every((t) => this.seqs.has(t));
  }

  private connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.url, { headers: this.headers });
    this.ws = ws;
    ws.on('open', () => {
      this.opens += 1;
      this.attempt = 0;
      this.connected = true;
      const since = Object.fromEntries(this.seqs);
      this.resubscribedAt = null;
      ws.send(JSON.stringify({ type: 'subscribe', topics: this.topics, since }));
      ws.send(JSON.stringify({ type: 'ping' }));
    });
    ws.on('message', (raw) => this.handle(String(raw)));
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      this.connected = false;
      this.resubscribedAt = null;
      this.lostAt = Date.now();
      if (code === WS_CLOSE.revoked) this.revoked = String(reason);
      if (this.stopped || this.revoked) return;
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt++);
      this.timer = setTimeout(() => this.connect(), ceiling / 2 + (Math.random() * ceiling) / 2);
    });
  }

  private handle(raw: string): void {
    const msg = ServerMessage.parse(JSON.parse(raw));
    if (msg.type === 'snapshot') {
      this.seqs.set(msg.topic, msg.seq);
      this.data.set(msg.topic, msg.data);
    } else if (msg.type === 'delta') {
      const last = this.seqs.get(msg.topic);
      if (last !== undefined && msg.seq <= last) return; // overlap after a resume
      if (last === undefined || msg.prev !== last) {
        this.holes += 1;
        this.seqs.delete(msg.topic);
        this.ws?.send(JSON.stringify({ type: 'subscribe', topics: [msg.topic] }));
        return;
      }
      this.data.set(msg.topic, applyDelta(msg.topic, this.data.get(msg.topic), msg.data));
      this.seqs.set(msg.topic, msg.seq);
    } else if (msg.type === 'reconnect') {
      const old = this.ws;
      this.timer = setTimeout(() => {
        this.ws = null;
        old?.close();
        this.connect();
      }, msg.afterMs);
    } else if (msg.type === 'pong') this.resubscribedAt ??= Date.now();
    else if (msg.type === 'revoked') this.revoked = msg.reason;
  }
}
