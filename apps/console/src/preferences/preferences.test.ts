import { schema, type DatabaseHandle } from '@qd/platform';
import { databaseTargets } from '@qd/platform/testing';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '../audit/auditLog';
import {
  TEST_PASSWORD as PASSWORD,
  injectLogin,
  startConsoleKit,
  type ConsoleKit,
} from '../consoleTestKit';
import type { ConsoleServer } from '../server';

// Preferences and export auditing need no gateway: the console is built without starting its hub.
describe.each(databaseTargets(inject('postgresUrl')))('preferences and exports on $name', (t) => {
  let handle: DatabaseHandle;
  let server: ConsoleServer;
  let kit: ConsoleKit;

  beforeAll(async () => {
    // MFA enrolment is the security suite's subject; here it would only stand in the way.
    kit = await startConsoleKit({
      open: () => t.open(),
      gateway: 'none',
      listen: false,
      env: { QD_MFA_REQUIRED_ROLES: 'none' },
      admin: PASSWORD,
      users: { vera: 'viewer' },
    });
    ({ handle, server } = kit);
  });
  afterAll(async () => {
    await kit?.close();
  });

  const login = (username = 'admin') => injectLogin(server, username);
  const lastAudit = async () =>
    (await handle.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1))[0]!;

  it('gives a new user the defaults: dark theme, standard palette, no saved grids', async () => {
    const h = await login();
    const res = await server.app.inject({ url: '/api/v1/preferences', headers: h });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      theme: 'dark',
      palette: 'standard',
      navCollapsed: false,
      quietMode: false,
      grids: {},
    });
  });

  it('saves a change per user, merges grid state per grid, and audits it', async () => {
    const h = await login();
    const patch = (payload: Record<string, unknown>) =>
      server.app.inject({ method: 'PATCH', url: '/api/v1/preferences', headers: h, payload });
    expect((await patch({ theme: 'light', palette: 'colorblind' })).statusCode).toBe(200);
    const cols = [
      { colId: 'symbol', width: 120, sort: 'asc' },
      { colId: 'qty', hide: true },
    ];
    await patch({ grids: { positions: cols } });
    const res = await patch({ grids: { orders: [{ colId: 'status', width: 90 }] } });
    expect(res.json()).toMatchObject({
      theme: 'light',
      palette: 'colorblind',
      grids: { positions: cols, orders: [{ colId: 'status', width: 90 }] },
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      actor: 'admin',
      action: 'preferences.update',
      outcome: 'success',
      detail: { grids: ['orders'] },
    });

    // another user's preferences are their own
    const v = await login('vera');
    const vera = await server.app.inject({ url: '/api/v1/preferences', headers: v });
    expect(vera.json()).toMatchObject({ theme: 'dark', grids: {} });

    // null resets one grid and leaves the other
    const reset = await patch({ grids: { positions: null } });
    expect(Object.keys(reset.json().grids)).toEqual(['orders']);
    expect(await verifyAuditChain(handle.db)).toBeNull();
  });

  it('refuses bad input with a clear problem and changes nothing', async () => {
    const h = await login();
    const before = (await server.app.inject({ url: '/api/v1/preferences', headers: h })).json();
    for (const payload of [
      { theme: 'neon' },
      { grids: { 'Bad Id': [] } },
      { grids: { positions: [{ colId: 'x', width: -5 }] } },
      { unknownKey: true },
      {},
    ]) {
      const res = await server.app.inject({
        method: 'PATCH',
        url: '/api/v1/preferences',
        headers: h,
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const after = (await server.app.inject({ url: '/api/v1/preferences', headers: h })).json();
    expect(after).toEqual(before);
  });

  it('needs a session and a CSRF token', async () => {
    expect((await server.app.inject({ url: '/api/v1/preferences' })).statusCode).toBe(401);
    const { cookie } = await login();
    const res = await server.app.inject({
      method: 'PATCH',
      url: '/api/v1/preferences',
      headers: { cookie },
      payload: { theme: 'light' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('audits a grid export with its grid, format, rows and columns, and names the file', async () => {
    const h = await login();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: h,
      payload: { grid: 'positions', format: 'csv', rows: 3, columns: ['symbol', 'qty'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toMatch(/^quarterdeck-positions-\d{4}-\d{2}-\d{2}T.*\.csv$/);
    expect(await lastAudit()).toMatchObject({
      actor: 'admin',
      action: 'grid.export',
      target: 'positions',
      outcome: 'success',
      detail: { format: 'csv', rows: 3, columns: ['symbol', 'qty'] },
    });
  });

  it('refuses an export of an unknown grid or bad body, and audits the refusal', async () => {
    const h = await login();
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: h,
      payload: { grid: 'secrets', format: 'csv', rows: 1, columns: ['a'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(await lastAudit()).toMatchObject({ action: 'grid.export', outcome: 'failure' });
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: h,
      payload: { grid: 'positions', format: 'xlsx', rows: -1, columns: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('lets a viewer export what a viewer may read', async () => {
    const h = await login('vera');
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: h,
      payload: { grid: 'fills', format: 'clipboard', rows: 0, columns: ['id'] },
    });
    expect(res.statusCode).toBe(201);
    expect(await lastAudit()).toMatchObject({ actor: 'vera', target: 'fills' });
  });
});
