// Test harness for the hub: a scripted topic source on a real bus, and real ws sockets.
import type { AddressInfo } from 'node:net';
import { GATEWAY_EVENTS_CHANNEL, type GatewayEvent } from '@qd/contracts';
import { createLogger, type Bus, type SessionRecord } from '@qd/platform';
import { WebSocket, WebSocketServer } from 'ws';
import { Hub, type HubOptions } from './hub';
import type { HubMetrics } from './hubMetrics';
import { applyDelta } from './topicData';

export type Frame = Record<string, unknown> & { type: string; topic?: string };

/** Plays the gateway: holds topic state, answers snapshots, publishes seq'd events on the bus. */
export class ScriptedSource {
  readonly state = new Map<string, { seq: number; data: unknown }>();
  constructor(private readonly bus: Bus) {}

  set(topic: string, data: unknown, seq = 1000): void {
    this.state.set(topic, { seq, data });
  }

  async get(path: string): Promise<GatewayEvent> {
    const topic = path.split('/').pop()!;
    const s = this.state.get(topic);
    if (!s) throw new Error(`no topic ${topic}`);
    return { topic, seq: s.seq, data: s.data };
  }

  /** Applies and publishes one change; `skip` leaves a hole in the seqs (a lost message). */
  async publish(topic: string, delta: unknown, skip = 0): Promise<number> {
    const s = this.state.get(topic)!;
    s.seq += 1 + skip;
    s.data = applyDelta(topic, s.data, delta);
    const e: GatewayEvent = { topic, seq: s.seq, data: delta, ts: Date.now() };
    await this.bus.publish(GATEWAY_EVENTS_CHANNEL, JSON.stringify(e));
    return s.seq;
  }
}

export function session(userId = 'u1', role = 'admin', id = `s-${userId}`): SessionRecord {
  return {
    id,
    handle: `h-${id}`,
    userId,
    username: userId,
    role,
    csrfToken: 'x',
    createdAt: 0,
    lastSeenAt: 0,
    userAgent: 't',
    ip: '127.0.0.1',
    mfaAt: null,
    stepUpAt: null,
    mfaEnrolmentRequired: false,
  };
}

/** A hub behind a real WebSocket server; every connection gets the session its URL names. */
export async function startHub(
  bus: Bus,
  source: ScriptedSource,
  opts: Partial<HubOptions> = {},
  metrics?: HubMetrics,
) {
  const hub = new Hub(bus, source, createLogger('t', 'silent'), opts, metrics);
  await hub.start([]);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (socket, req) => {
    const u = new URL(req.url!, 'http://x');
    hub.attach(
      socket,
      session(u.searchParams.get('user') ?? 'u1', 'admin', u.searchParams.get('sid') ?? undefined),
    );
  });
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  return {
    hub,
    url,
    async stop() {
      await hub.close();
      await new Promise((r) => wss.close(r));
    },
  };
}

export interface TestClient {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<{ code: number; reason: string }>;
  send(m: unknown): void;
  /** Resolves with the first frame (from `from` on) that matches. */
  until(pred: (f: Frame) => boolean, from?: number): Promise<Frame>;
}

export async function connect(url: string, user = 'u1', sid?: string): Promise<TestClient> {
  const ws = new WebSocket(`${url}?user=${user}${sid ? `&sid=${sid}` : ''}`);
  const frames: Frame[] = [];
  ws.on('message', (m) => frames.push(JSON.parse(String(m)) as Frame));
  const closed = new Promise<{ code: number; reason: string }>((r) =>
    ws.on('close', (code, reason) => r({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    closed,
    send: (m) => ws.send(JSON.stringify(m)),
    until: (pred, from = 0) => eventually(() => frames.slice(from).find(pred)),
  };
}

/** Polls until the probe returns something (delivery is asynchronous); fails after ~5 s. */
export async function eventually<T>(probe: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never held');
}

/**
 * Replays a client's frames for one topic the way the browser does: a snapshot replaces the
 * state; a delta must start at the seq held (`prev`), else it is a hole. Returns final state.
 */
export function replayFrames(topic: string, frames: Frame[]): { seq: number; data: unknown } {
  let seq: number | undefined;
  let data: unknown;
  for (const f of frames) {
    if (f.topic !== topic) continue;
    if (f.type === 'snapshot') {
      seq = f.seq as number;
      data = f.data;
    } else if (f.type === 'delta') {
      if (seq === undefined || seq >= (f.seq as number)) continue; // replay overlap
      if (f.prev !== seq) throw new Error(`hole: held ${seq}, delta from ${String(f.prev)}`);
      data = applyDelta(topic, data, f.data);
      seq = f.seq as number;
    }
  }
  if (seq === undefined) throw new Error(`no snapshot for ${topic}`);
  return { seq, data };
}
