import type { Gateway } from '@qd/gateway';
import { AppError, schema, type DatabaseHandle } from '@qd/platform';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AuditEntry } from '../audit/auditLog';
import { TEST_PASSWORD as PASSWORD, startConsoleKit, type ConsoleKit } from '../consoleTestKit';
import type { ConsoleServer } from '../server';
import { GatewayInProcessClient } from './gatewayInProcess';

// The console as `npm start` runs it: the gateway embedded and called in process.
const order = { symbol: 'AAPL', side: 'buy', qty: '2', type: 'market', tif: 'day' };

let kit: ConsoleKit;
let handle: DatabaseHandle;
let gateway: Gateway;
let server: ConsoleServer;
let base: string;
const originalWrite = () =>
  Object.getPrototypeOf(server.audit).write as ConsoleServer['audit']['write'];

beforeAll(async () => {
  kit = await startConsoleKit({
    gateway: 'embedded',
    env: { QD_MARKET_TICK_MS: '100', QD_MFA_REQUIRED_ROLES: 'none' },
    admin: PASSWORD,
  });
  ({ handle, server, base } = kit);
  gateway = kit.gateway!;
});
afterEach(() => {
  server.audit.write = originalWrite();
});
afterAll(async () => {
  await kit?.close();
});

async function login(): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

const placeOrder = (h: Record<string, string>, qty: string) =>
  fetch(`${base}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...h },
    body: JSON.stringify({ ...order, qty }),
  });

const auditRowOf = async (orderId: string) =>
  handle.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, 'order.place'), eq(schema.auditLog.target, orderId)));

describe('the embedded gateway, called in process', () => {
  it('still checks the service credential', async () => {
    const wrong = new GatewayInProcessClient(gateway.app, 'not-the-service-token-0123456789');
    const err = await wrong.get('/v1/positions').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAUTHENTICATED');
  });

  it('answers the positions read and places orders as the signed-in user', async () => {
    const h = await login();
    const read = await fetch(`${base}/api/v1/positions`, { headers: h });
    expect(read.status).toBe(200);
    expect(Array.isArray(await read.json())).toBe(true);
    const placed = await placeOrder(h, '4');
    expect(placed.status).toBe(201);
    const o = (await placed.json()) as { id: string; createdBy: string };
    expect(o.createdBy).toBe('admin');
  });

  it('passes the gateway refusal through as the same problem', async () => {
    const h = await login();
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...h },
      body: JSON.stringify({ ...order, symbol: 'NOPE' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('UNKNOWN_SYMBOL');
  });
});

describe('an order and its audit entry', () => {
  it('writes the audit entry before the answer, even when the write is slow', async () => {
    const h = await login();
    const write = originalWrite().bind(server.audit);
    server.audit.write = async (entry: AuditEntry) => {
      await new Promise((r) => setTimeout(r, 50));
      return write(entry);
    };
    const res = await placeOrder(h, '5');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await auditRowOf(id)).toHaveLength(1);
  });

  it('sends the fill frame before the audit write starts', async () => {
    const h = await login();
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, {
      headers: { cookie: h.cookie!, origin: base, 'user-agent': 'node' },
    });
    const frames: Array<{ type: string; topic?: string; data?: unknown }> = [];
    ws.on('message', (m) => frames.push(JSON.parse(m.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['fills'] }));
    while (!frames.some((f) => f.type === 'snapshot')) await new Promise((r) => setTimeout(r, 20));

    // Frames the hub has written to sockets, counted when the order's audit write begins.
    let sent = 0;
    const countSent = server.metrics.hub.sent;
    server.metrics.hub.sent = (n) => {
      sent += n;
      countSent(n);
    };
    let sentAtAudit: number | null = null;
    const write = originalWrite().bind(server.audit);
    server.audit.write = (entry: AuditEntry) => {
      if (entry.action === 'order.place') sentAtAudit = sent;
      return write(entry);
    };
    try {
      const res = await placeOrder(h, '6');
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect(sentAtAudit).toBe(1); // the fills delta, and nothing else on this socket
      while (!frames.some((f) => f.type === 'delta' && JSON.stringify(f.data).includes(id)))
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      server.metrics.hub.sent = countSent;
      ws.close();
    }
  });
});
