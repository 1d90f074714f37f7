import { schema, type DatabaseHandle } from '@qd/platform';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD as PASSWORD, startConsoleKit, type ConsoleKit } from '../consoleTestKit';

// The control routes over real HTTP: permission per role, validation, and the audit trail.
let kit: ConsoleKit;
let handle: DatabaseHandle;
let base: string;

beforeAll(async () => {
  // MFA policy off: step-up is then proved with the password (the security suite covers MFA).
  // The gateway is reached over HTTP.
  kit = await startConsoleKit({
    gateway: 'http',
    env: { QD_MARKET_TICK_MS: '200', QD_MFA_REQUIRED_ROLES: 'none' },
    admin: PASSWORD,
    users: { vera: 'viewer', otto: 'operator' },
  });
  ({ handle, base } = kit);
});
afterAll(async () => {
  await kit?.close();
});

type Session = ((method: string, path: string, body?: unknown) => Promise<Response>) & {
  /** Proves the password again (step-up) and keeps the rotated session. */
  stepUp(): Promise<void>;
};
async function as(username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'controls-test' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  let cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  let { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        'user-agent': 'controls-test',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return Object.assign(call, {
    async stepUp() {
      const r = await call('POST', '/auth/step-up', { password: PASSWORD });
      expect(r.status).toBe(200);
      const next = r.headers.get('set-cookie');
      if (next) cookie = next.split(';')[0]!;
      const b = (await r.json()) as { csrfToken?: string };
      if (b.csrfToken) csrfToken = b.csrfToken;
    },
  });
}
const lastAudit = async () =>
  (await handle.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1))[0]!;

describe('control routes', () => {
  it('closes part of a position and audits who, why and the resulting order', async () => {
    const admin = await as('admin');
    await admin('POST', '/orders', { symbol: 'AAPL', side: 'buy', qty: '20', type: 'market' });
    const res = await admin('POST', '/positions/AAPL/close', {
      pct: '50',
      reason: 'halve the AAPL position',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ side: 'sell', qty: '10' });
    expect(await lastAudit()).toMatchObject({
      actor: 'admin',
      action: 'position.close',
      target: 'AAPL',
      outcome: 'success',
      reason: 'halve the AAPL position',
    });
  });

  it('refuses a short reason with a 400 naming the field, changes nothing, audits the failure', async () => {
    const admin = await as('admin');
    await admin.stepUp();
    const res = await admin('POST', '/controls/flatten', {
      reason: 'too short',
      confirm: 'FLATTEN',
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({
      path: 'reason',
      message: 'give a reason of at least 20 characters',
    });
    expect(await lastAudit()).toMatchObject({ action: 'positions.flatten', outcome: 'failure' });
    // Every control wants a reason, the older cancel-all address included.
    const legacy = await admin('POST', '/orders/cancel-all', { symbol: 'AAPL' });
    expect(legacy.status).toBe(400);
    expect(((await legacy.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      'reason',
    );
    const twap = await admin('POST', '/twap/preview', {
      symbol: 'AAPL',
      side: 'buy',
      qty: '10',
      durationMin: 5,
      intervalS: 30,
      reason: 'short',
    });
    expect(twap.status).toBe(400);
  });

  it('a viewer reads the controls but gets 403 on every control action', async () => {
    const viewer = await as('vera');
    expect((await viewer('GET', '/breaker')).status).toBe(200);
    expect((await viewer('GET', '/strategies')).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/positions/AAPL/close', { reason: 'viewer tries to close' }],
      ['POST', '/controls/pause', { scope: 'all', paused: true, reason: 'viewer tries a pause' }],
      ['POST', '/controls/cancel-all', { reason: 'viewer tries to cancel' }],
      ['POST', '/controls/flatten', { reason: 'viewer tries to flatten all', confirm: 'FLATTEN' }],
      ['POST', '/breaker/trip', { reason: 'viewer tries to trip' }],
      ['PATCH', '/orders/abcdefgh', { qty: '2' }],
      [
        'POST',
        '/twap',
        {
          symbol: 'AAPL',
          side: 'buy',
          qty: '10',
          durationMin: 5,
          intervalS: 30,
          reason: 'viewer twap try',
        },
      ],
    ] as const) {
      const res = await viewer(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('an operator trips the breaker and pauses entries but may not reset it or flatten', async () => {
    const otto = await as('otto');
    const trip = await otto('POST', '/breaker/trip', { reason: 'operator sees a bad feed' });
    expect(trip.status).toBe(200);
    expect(((await trip.json()) as { state: { tripped: boolean } }).state.tripped).toBe(true);
    const reset = await otto('POST', '/breaker/reset', {
      reason: 'operator would like to resume now',
      confirm: 'RESET',
    });
    expect(reset.status).toBe(403);
    const order = await otto('POST', '/orders', {
      symbol: 'MSFT',
      side: 'buy',
      qty: '1',
      type: 'market',
    });
    expect(order.status).toBe(422);
    expect(((await order.json()) as { code: string }).code).toBe('ORDER_BREAKER_TRIPPED');
    const admin = await as('admin');
    const resetBody = {
      reason: 'feed checked by the admin, resuming',
      confirm: 'RESET',
    };
    const noStepUp = await admin('POST', '/breaker/reset', resetBody);
    expect(noStepUp.status).toBe(403);
    expect(((await noStepUp.json()) as { code: string }).code).toBe('STEP_UP_REQUIRED');
    await admin.stepUp();
    const ok = await admin('POST', '/breaker/reset', resetBody);
    expect(ok.status).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'breaker.reset', outcome: 'success' });
    const pause = await otto('POST', '/controls/pause', {
      scope: 'meanrev-etf',
      paused: true,
      reason: 'hold the ETF strategy',
    });
    expect(pause.status).toBe(200);
    expect(
      (
        await otto('POST', '/controls/flatten', {
          reason: 'operator flattens everything',
          confirm: 'FLATTEN',
        })
      ).status,
    ).toBe(403);
  });

  it('modifies a working order and shows its event trail', async () => {
    const admin = await as('admin');
    const placed = (await (
      await admin('POST', '/orders', {
        symbol: 'JPM',
        side: 'buy',
        qty: '4',
        type: 'limit',
        limitPrice: '1.00',
        tif: 'gtc',
      })
    ).json()) as { id: string };
    const res = await admin('PATCH', `/orders/${placed.id}`, { limitPrice: '1.25' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ limitPrice: '1.25' });
    const trail = (await (await admin('GET', `/orders/${placed.id}/events`)).json()) as {
      kind: string;
    }[];
    expect(trail.map((e) => e.kind)).toEqual(['created', 'modified']);
    expect(await lastAudit()).toMatchObject({ action: 'order.modify', target: placed.id });
  });

  it('documents every control route in the OpenAPI description', async () => {
    const res = await fetch(`${base}/api/docs/json`);
    expect(res.status).toBe(200);
    const paths = Object.keys(((await res.json()) as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/controls/flatten',
        '/api/v1/breaker/reset',
        '/api/v1/risk-limits',
        '/api/v1/positions/{symbol}/close',
        '/api/v1/twap',
        '/api/v1/strategies/{id}/enabled',
      ]),
    );
  });
  it('flatten all also pauses new entries globally and says so', async () => {
    const admin = await as('admin');
    await admin.stepUp();
    await admin('POST', '/orders', { symbol: 'MSFT', side: 'buy', qty: '3', type: 'market' });
    const res = await admin('POST', '/controls/flatten', {
      reason: 'flatten everything for the test',
      confirm: 'FLATTEN',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ entriesPaused: true });
    const controls = (await (await admin('GET', '/controls')).json()) as {
      pauses: { scope: string; reason: string }[];
    };
    expect(controls.pauses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          scope: 'all',
          reason: 'Flatten all: flatten everything for the test',
        }),
      ]),
    );
    const entry = await admin('POST', '/orders', {
      symbol: 'MSFT',
      side: 'buy',
      qty: '1',
      type: 'market',
    });
    expect(entry.status).toBe(422);
    expect(((await entry.json()) as { code: string }).code).toBe('ORDER_ENTRIES_PAUSED');
    const soon = await admin('POST', '/controls/flatten', {
      reason: 'flatten everything again too soon',
      confirm: 'FLATTEN',
    });
    expect(soon.status).toBe(429);
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(200);
    await admin('POST', '/controls/pause', {
      scope: 'all',
      paused: false,
      reason: 'resume entries after the test',
    });
  });

  // Last: it leaves the breaker tripped (a reset is refused for a minute).
  it('a rate-limited control answers 429 with Retry-After, audited, and changes nothing', async () => {
    const admin = await as('admin');
    await admin.stepUp();
    const resetBody = { reason: 'feed checked by the admin, resuming', confirm: 'RESET' };
    // Two resets in a row: the second (or the first, after an earlier test's) is within a minute.
    await admin('POST', '/breaker/trip', { reason: 'first trip of the test' });
    let again = await admin('POST', '/breaker/reset', resetBody);
    if (again.status === 200) {
      await admin('POST', '/breaker/trip', { reason: 'second trip of the test' });
      again = await admin('POST', '/breaker/reset', resetBody);
    }
    expect(again.status).toBe(429);
    const wait = Number(again.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const problem = (await again.json()) as { code: string; retryAfter: number };
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryAfter: wait });
    expect(await lastAudit()).toMatchObject({ action: 'breaker.reset', outcome: 'failure' });
    const breaker = (await (await admin('GET', '/breaker')).json()) as {
      state: { tripped: boolean };
    };
    expect(breaker.state.tripped).toBe(true);
  });
});
