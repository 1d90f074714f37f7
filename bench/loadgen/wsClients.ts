// Load-generator process: opens many WebSocket clients (console protocol or bare baseline) and
// reports per-frame push latency (receive time minus the publish time the frame carries).
import WebSocket from 'ws';
import { BENCH_USER_AGENT } from '../lib/userAgent';

interface ConnectMsg {
  type: 'connect';
  url: string;
  mode: 'console' | 'bare';
  /** Cookie headers of real sessions; sockets are spread over them round-robin. */
  cookies: string[];
  origin: string;
  count: number;
  topics: string[];
}
type Msg = ConnectMsg | { type: 'measure'; ms: number } | { type: 'close' };

const sockets: WebSocket[] = [];
let samples: number[] = [];
let frames = 0;
let dropped = 0;
let measuring = false;
let closing = false;

const ACCOUNT_DELTA = '{"type":"delta","topic":"account"';
const ACCOUNT_SNAPSHOT = '{"type":"snapshot","topic":"account"';

/** Publish time a frame carries: account.asOf for the console, `t` for the bare baseline. */
function publishTime(mode: 'console' | 'bare', text: string): number | null {
  if (mode === 'bare') return (JSON.parse(text) as { t: number }).t;
  if (!text.startsWith(ACCOUNT_DELTA)) return null;
  return Date.parse((JSON.parse(text) as { data: { asOf: string } }).data.asOf);
}

function open(m: ConnectMsg, i: number): Promise<boolean> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { origin: m.origin, 'user-agent': BENCH_USER_AGENT };
    if (m.cookies.length) headers.cookie = m.cookies[i % m.cookies.length]!;
    const ws = new WebSocket(m.url, { headers, perMessageDeflate: false });
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok);
    };
    ws.on('open', () => {
      if (m.mode === 'console') ws.send(JSON.stringify({ type: 'subscribe', topics: m.topics }));
      else done(true);
    });
    ws.on('message', (raw) => {
      const received = Date.now();
      const text = raw.toString();
      if (!settled) {
        if (m.mode === 'console' && text.startsWith(ACCOUNT_SNAPSHOT)) done(true);
        return;
      }
      if (!measuring) return;
      const t = publishTime(m.mode, text);
      if (t === null) return;
      frames++;
      samples.push(received - t);
    });
    ws.on('error', () => done(false));
    ws.on('unexpected-response', () => done(false));
    ws.on('close', () => {
      if (!settled) done(false);
      else if (!closing) dropped++;
    });
    sockets.push(ws);
    setTimeout(() => done(false), 30_000);
  });
}

async function connect(m: ConnectMsg): Promise<void> {
  let ok = 0;
  let failed = 0;
  const batch = 50;
  for (let i = 0; i < m.count; i += batch) {
    const results = await Promise.all(
      Array.from({ length: Math.min(batch, m.count - i) }, (_, k) => open(m, i + k)),
    );
    for (const r of results)
      if (r) ok++;
      else failed++;
  }
  process.send!({ type: 'connected', ok, failed });
}

process.on('message', (m: Msg) => {
  void (async () => {
    try {
      if (m.type === 'connect') await connect(m);
      else if (m.type === 'measure') {
        samples = [];
        frames = 0;
        dropped = 0;
        measuring = true;
        await new Promise((r) => setTimeout(r, m.ms));
        measuring = false;
        process.send!({ type: 'measured', samples, frames, dropped });
      } else if (m.type === 'close') {
        closing = true;
        for (const ws of sockets) ws.terminate();
        process.send!({ type: 'closed' }, () => process.exit(0));
      }
    } catch (err) {
      process.send!({ type: 'error', error: String(err) });
    }
  })();
});
process.send!({ type: 'ready' });
