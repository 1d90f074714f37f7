import { GatewayEvent } from '@qd/contracts';
import type { Logger } from '@qd/platform';
import { applyDelta } from './topicData';

/** One applied change of a topic, serialised once as the delta frame every subscriber gets. */
export interface Change {
  prev: number;
  seq: number;
  data: unknown;
  /** When the gateway published it (ms), for the push latency histogram. */
  ts: number | undefined;
  /** The `delta` frame, serialised and UTF-8 encoded once, fanned out as is. */
  frame: Buffer;
}

interface TopicState {
  seq: number;
  data: unknown;
  ready: boolean;
  /** Loaded at least once: a failed re-read keeps the topic and retries. */
  loaded: boolean;
  priming: Promise<TopicState> | null;
  /** Events that arrived while the snapshot was being fetched. */
  buffered: GatewayEvent[];
  /** The last changes, oldest first, all consecutive (each `prev` is the one before's `seq`). */
  replay: Change[];
  snapshotFrame: Buffer | null;
}

export interface TopicStoreEvents {
  /** A change was applied: fan it out. */
  change(topic: string, change: Change): void;
  /** The topic was re-read from the gateway after a gap: subscribers need a snapshot. */
  reset(topic: string): void;
}

/**
 * The console instance's copy of every topic someone subscribed to: latest state at a gateway seq,
 * plus a bounded replay buffer of recent changes so a resuming client gets exactly what it missed.
 */
export class TopicStore {
  private readonly topics = new Map<string, TopicState>();

  constructor(
    private readonly fetchSnapshot: (topic: string) => Promise<unknown>,
    private readonly replaySize: number,
    private readonly events: TopicStoreEvents,
    private readonly logger: Logger,
  ) {}

  /** The topic's state, reading its snapshot from the gateway the first time (once, shared). */
  async ensure(topic: string): Promise<{ seq: number }> {
    const state = this.topics.get(topic);
    if (state?.ready) return state;
    if (state?.priming) return state.priming;
    return this.prime(topic);
  }

  /** Current seq, or undefined when the topic is not loaded. */
  seq(topic: string): number | undefined {
    const s = this.topics.get(topic);
    return s?.ready ? s.seq : undefined;
  }

  /** The `snapshot` frame of a loaded topic (encoded once per seq). */
  snapshotFrame(topic: string): Buffer {
    const s = this.topics.get(topic)!;
    s.snapshotFrame ??= Buffer.from(
      JSON.stringify({ type: 'snapshot', topic, seq: s.seq, data: s.data }),
    );
    return s.snapshotFrame;
  }

  /**
   * The changes after `since`, when the replay buffer holds all of them; null when the client
   * must take a snapshot instead (gap too old, or a seq this instance has not reached).
   */
  replaySince(topic: string, since: number): Change[] | null {
    const s = this.topics.get(topic);
    if (!s?.ready || since > s.seq) return null;
    if (since === s.seq) return [];
    const first = s.replay[0];
    if (!first || first.prev > since) return null;
    return s.replay.slice(s.replay.length - (s.seq - since));
  }

  /** Number of deltas held for replay, over all topics (for bounded-memory checks). */
  replayLength(): number {
    let n = 0;
    for (const s of this.topics.values()) n += s.replay.length;
    return n;
  }

  /** Drops a loaded topic nobody here subscribes to any more (it is re-read if asked again). */
  forget(topic: string): void {
    const s = this.topics.get(topic);
    if (s?.ready && !s.priming) this.topics.delete(topic);
  }

  /** Takes one raw bus message from the gateway. */
  ingest(raw: string): void {
    let event: GatewayEvent;
    try {
      event = GatewayEvent.parse(JSON.parse(raw));
    } catch {
      return this.logger.warn('dropped an unreadable gateway event');
    }
    const state = this.topics.get(event.topic);
    if (!state) return; // nobody here has asked for this topic
    this.apply(event.topic, state, event);
  }

  private prime(topic: string): Promise<TopicState> {
    const state: TopicState = this.topics.get(topic) ?? {
      seq: 0,
      data: null,
      ready: false,
      loaded: false,
      priming: null,
      buffered: [],
      replay: [],
      snapshotFrame: null,
    };
    this.topics.set(topic, state);
    state.ready = false;
    const priming = (async () => {
      try {
        const snap = GatewayEvent.parse(await this.fetchSnapshot(topic));
        state.seq = snap.seq;
        state.data = snap.data;
        state.replay = []; // changes before a re-read cannot be chained to the new state
        state.snapshotFrame = null;
        state.ready = state.loaded = true;
        for (const e of state.buffered.splice(0))
          if (e.seq > state.seq) this.apply(topic, state, e);
        return state;
      } catch (err) {
        if (!state.loaded) this.topics.delete(topic); // the next subscriber tries again
        throw err;
      } finally {
        state.priming = null;
      }
    })();
    state.priming = priming;
    return priming;
  }

  /** Re-reads a topic after a hole, retrying while the gateway cannot answer. */
  private reread(topic: string): void {
    this.prime(topic).then(
      () => this.events.reset(topic),
      (err: unknown) => {
        this.logger.error({ err, topic }, 'resnapshot failed; retrying');
        setTimeout(() => this.reread(topic), 1000).unref();
      },
    );
  }

  private buffer(state: TopicState, e: GatewayEvent): void {
    state.buffered.push(e);
    // Bounded while the gateway is unreachable: a hole this leaves is caught by the seq check.
    if (state.buffered.length > 2 * this.replaySize + 1000) state.buffered.shift();
  }

  private apply(topic: string, state: TopicState, e: GatewayEvent): void {
    if (!state.ready) return this.buffer(state, e);
    if (e.seq <= state.seq) return; // already applied (seqs never go backwards)
    if (e.seq !== state.seq + 1) {
      // A hole (a lost bus message, or a restarted gateway): never patch over it; re-read.
      this.buffer(state, e);
      return this.reread(topic);
    }
    const prev = state.seq;
    state.seq = e.seq;
    state.data = applyDelta(topic, state.data, e.data);
    state.snapshotFrame = null;
    const change: Change = {
      prev,
      seq: e.seq,
      data: e.data,
      ts: e.ts,
      frame: Buffer.from(JSON.stringify({ type: 'delta', topic, prev, seq: e.seq, data: e.data })),
    };
    if (this.replaySize > 0) {
      state.replay.push(change);
      // Trim in batches so the buffer costs O(1) amortised per change, never above 2× its size.
      if (state.replay.length >= 2 * this.replaySize)
        state.replay.splice(0, state.replay.length - this.replaySize);
    }
    this.events.change(topic, change);
  }
}
