// Test-only: open the live feed as a browser and read the first answer for each topic.
import { WebSocket } from 'ws';
import type { Browser } from './harness';

export type FirstFrame = { type: string; code?: string; detail?: string };

/**
 * Subscribes to `topics` over a real socket (the browser's cookie, same-origin) and resolves
 * with the first snapshot or error per topic; rejects when the upgrade is refused.
 */
export function firstFrames(
  base: string,
  b: Browser,
  topics: string[],
): Promise<Record<string, FirstFrame>> {
  return new Promise((resolve, reject) => {
    const seen: Record<string, FirstFrame> = {};
    const ws = new WebSocket(base.replace('http', 'ws') + '/ws', {
      headers: { cookie: b.cookie, origin: base, 'user-agent': b.ua },
    });
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error(`no answer for ${topics.filter((t) => !seen[t]).join(', ')}`));
    }, 10_000);
    ws.on('unexpected-response', (_q, res) => {
      clearTimeout(timer);
      reject(new Error(`upgrade refused: ${res.statusCode}`));
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics })));
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as FirstFrame & { topic?: string };
      if (!m.topic || seen[m.topic] || (m.type !== 'snapshot' && m.type !== 'error')) return;
      seen[m.topic] = { type: m.type, code: m.code, detail: m.detail };
      if (topics.every((t) => seen[t])) {
        clearTimeout(timer);
        ws.close();
        resolve(seen);
      }
    });
  });
}
