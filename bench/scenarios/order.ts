import WebSocket from 'ws';
import { login, type BenchSession } from '../lib/login';
import { BENCH_USER_AGENT } from '../lib/userAgent';
import { summarize } from '../lib/stats';
import { DASHBOARD_TOPICS } from './push';
import { row, type Scenario } from './types';

const FILLS_DELTA = '{"type":"delta","topic":"fills"';

/** Opens a socket on the given topics and resolves once the fills snapshot arrived. */
function openSocket(
  baseUrl: string,
  cookie: string,
  topics: string[],
  onFill: (orderId: string, at: number) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws`, {
      headers: { cookie, origin: baseUrl, 'user-agent': BENCH_USER_AGENT },
      perMessageDeflate: false,
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics })));
    ws.on('message', (raw) => {
      const at = performance.now();
      const text = raw.toString();
      if (text.startsWith('{"type":"snapshot","topic":"fills"')) resolve(ws);
      if (!text.startsWith(FILLS_DELTA)) return;
      const m = JSON.parse(text) as { data: { add: Array<{ orderId: string }> } };
      for (const f of m.data.add) onFill(f.orderId, at);
    });
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) =>
      reject(new Error(`WS upgrade refused: ${res.statusCode}`)),
    );
  });
}

/** Places `count` market orders one after another; POST start → fill frame on the socket. */
async function timeOrders(baseUrl: string, session: BenchSession, topics: string[], count: number) {
  const fillAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const ws = await openSocket(baseUrl, session.cookie, topics, (id, at) => {
    fillAt.set(id, at);
    waiters.get(id)?.(at);
  });
  const samples: number[] = [];
  const responses: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < count; i++) {
      const side = i % 2 === 0 ? 'buy' : 'sell';
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/v1/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          'user-agent': BENCH_USER_AGENT,
          'x-csrf-token': session.csrfToken,
        },
        body: JSON.stringify({
          symbol: 'AAPL',
          side,
          qty: '1',
          type: 'market',
          tif: 'day',
          reason: `bench order ${Date.now()}-${i}`,
        }),
      });
      const body = (await res.json()) as { id?: string };
      responses.push(performance.now() - t0);
      if (res.status >= 300 || !body.id) {
        if (i === 0)
          throw new Error(`the first order was refused: ${res.status} ${JSON.stringify(body)}`);
        failures++;
        continue;
      }
      const id = body.id;
      const at =
        fillAt.get(id) ??
        (await new Promise<number | null>((resolve) => {
          const t = setTimeout(() => resolve(null), 5000);
          waiters.set(id, (x) => {
            clearTimeout(t);
            resolve(x);
          });
        }));
      waiters.delete(id);
      if (at === null) failures++;
      else samples.push(at - t0);
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    ws.close();
  }
  return { latency: summarize(samples), response: summarize(responses), failures };
}

export const order: Scenario = {
  name: 'order',
  describe: 'order end to end: POST /api/v1/orders (market) → fill frame on the WS',
  needsServer: true,
  async run(ctx) {
    const count = ctx.quick ? 5 : 100;
    const session = await login(ctx.server.url);
    // A fresh console compiles the order path (V8) and prepares its statements on the first
    // orders: about 20 of them ran 2-4x slower than the rest. Those are reported on their own.
    const warm = await timeOrders(ctx.server.url, session, DASHBOARD_TOPICS, ctx.quick ? 2 : 20);
    const warmNote = `after ${warm.latency.n} warm-up orders (not counted: p50 ${warm.latency.p50} / max ${warm.latency.max} ms)`;
    const dash = await timeOrders(ctx.server.url, session, DASHBOARD_TOPICS, count);
    const only = await timeOrders(ctx.server.url, session, ['fills'], ctx.quick ? 5 : 50);
    return [
      row({
        id: 'order-e2e',
        scenario: 'Order end to end: POST → fill frame on the WS (paper broker, market order)',
        seedTarget: '< 200 ms',
        goal: 'p99 < 25 ms',
        unit: 'ms',
        measured: dash.latency,
        met: dash.latency.p99 !== null && dash.latency.p99 < 25 && dash.failures === 0,
        notes: `${count} sequential orders (buy/sell 1 AAPL alternately) ${warmNote}, ${dash.failures} without a fill frame; HTTP response p50 ${dash.response.p50} / p99 ${dash.response.p99} ms; the socket holds the dashboard's topics (${DASHBOARD_TOPICS.join(', ')})`,
      }),
      row({
        id: 'order-e2e-fills-only',
        scenario: 'Order end to end, diagnostic: socket subscribed to fills only',
        seedTarget: '< 200 ms',
        goal: 'p99 < 25 ms',
        unit: 'ms',
        measured: only.latency,
        met: only.latency.p99 !== null && only.latency.p99 < 25 && only.failures === 0,
        notes: `${only.latency.n} orders; HTTP response p50 ${only.response.p50} / p99 ${only.response.p99} ms; no other topic can occupy the hub's per-client flush window`,
      }),
    ];
  },
};
