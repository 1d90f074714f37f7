import type { ChildProcess } from 'node:child_process';
import { ask, forkTs, stopChild, waitFor } from './children';

/** A fleet of WebSocket clients spread over load-generator processes. */
export interface WsFleet {
  ok: number;
  failed: number;
  /** Collects push latencies (ms) for `ms` from every process. */
  measure(ms: number): Promise<{ samples: number[]; frames: number; dropped: number }>;
  close(): Promise<void>;
}

export interface FleetOptions {
  url: string;
  mode: 'console' | 'bare';
  cookies: string[];
  origin: string;
  count: number;
  topics: string[];
  processes: number;
}

/** Starts the load-generator processes and connects `count` clients through them. */
export async function openFleet(o: FleetOptions): Promise<WsFleet> {
  const procs: ChildProcess[] = [];
  for (let i = 0; i < o.processes; i++) {
    const c = forkTs('loadgen/wsClients.ts');
    procs.push(c);
    await waitFor(c, 'ready');
  }
  const shares = procs.map(
    (_, i) => Math.floor(o.count / o.processes) + (i < o.count % o.processes ? 1 : 0),
  );
  const results = await Promise.all(
    procs.map((c, i) =>
      ask<{ ok: number; failed: number }>(
        c,
        {
          type: 'connect',
          url: o.url,
          mode: o.mode,
          cookies: o.cookies,
          origin: o.origin,
          count: shares[i],
          topics: o.topics,
        },
        'connected',
        300_000,
      ),
    ),
  );
  return {
    ok: results.reduce((s, r) => s + r.ok, 0),
    failed: results.reduce((s, r) => s + r.failed, 0),
    async measure(ms) {
      const parts = await Promise.all(
        procs.map((c) =>
          ask<{ samples: number[]; frames: number; dropped: number }>(
            c,
            { type: 'measure', ms },
            'measured',
            ms + 60_000,
          ),
        ),
      );
      return {
        samples: parts.flatMap((p) => p.samples),
        frames: parts.reduce((s, p) => s + p.frames, 0),
        dropped: parts.reduce((s, p) => s + p.dropped, 0),
      };
    },
    async close() {
      await Promise.all(
        procs.map(async (c) => {
          await ask(c, { type: 'close' }, 'closed', 30_000).catch(() => undefined);
          await stopChild(c);
        }),
      );
    },
  };
}

/** Load-generator processes for n clients (at most 500 per process, at most 2 processes). */
export function processesFor(n: number): number {
  return Math.min(2, Math.max(1, Math.ceil(n / 500)));
}
