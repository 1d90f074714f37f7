import { schema, type DatabaseHandle } from '@qd/platform';
import { databaseTargets } from '@qd/platform/testing';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  TEST_PASSWORD as PASSWORD,
  injectLogin,
  startConsoleKit,
  type ConsoleKit,
} from '../consoleTestKit';
import type { ConsoleServer } from '../server';

// The notification history needs no gateway: the console is built without starting its hub.
describe.each(databaseTargets(inject('postgresUrl')))('notification history on $name', (t) => {
  let handle: DatabaseHandle;
  let server: ConsoleServer;
  let kit: ConsoleKit;

  beforeAll(async () => {
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

  /** Signs in afresh: a new session stands for another browser. */
  async function browser(username = 'admin') {
    const headers = await injectLogin(server, username);
    return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      server.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  }
  const item = (title: string, at = '2026-03-02T15:00:00.000Z') => ({ tone: 'info', title, at });

  it('keeps each user their own history, across browsers, with unread counts and mark-read', async () => {
    const first = await browser();
    const rec = await first('POST', '/notifications', {
      items: [
        item('Order filled: buy 5 AAPL'),
        { ...item('Kill switch engaged by olga'), tone: 'error', detail: 'feed looks wrong' },
        { ...item('Seen while the bell was open'), read: true },
      ],
    });
    expect(rec.statusCode).toBe(200);
    expect(rec.json().unread).toBe(2);

    const second = await browser();
    const list = (await second('GET', '/notifications')).json();
    expect(list.items.map((n: { title: string }) => n.title)).toEqual([
      'Seen while the bell was open',
      'Kill switch engaged by olga',
      'Order filled: buy 5 AAPL',
    ]);
    expect(list.items[1]).toMatchObject({ tone: 'error', detail: 'feed looks wrong', read: false });
    expect(list.unread).toBe(2);

    const kill = list.items[1].id as string;
    const one = (await second('POST', '/notifications/read', { ids: [kill] })).json();
    expect(one.unread).toBe(1);
    expect(one.items[1].read).toBe(true);
    const [row] = await handle.db
      .select()
      .from(schema.auditLog)
      .orderBy(desc(schema.auditLog.id))
      .limit(1);
    expect(row).toMatchObject({ action: 'notifications.read', outcome: 'success' });

    const vera = await browser('vera');
    expect((await vera('GET', '/notifications')).json()).toEqual({ items: [], unread: 0 });
    // Another user's ids are simply not hers: nothing changes for the admin.
    const order = list.items[2].id as string;
    await vera('POST', '/notifications/read', { ids: [order] });
    expect((await first('GET', '/notifications')).json().unread).toBe(1);

    expect((await first('POST', '/notifications/read', {})).json().unread).toBe(0);
    expect((await first('DELETE', '/notifications')).json()).toEqual({ items: [], unread: 0 });
  });

  it('refuses a bad batch with a 400 naming the field and records nothing', async () => {
    const b = await browser();
    const bad = await b('POST', '/notifications', {
      items: [item('fine'), { ...item(''), tone: 'loud' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['items.1.tone']),
    );
    const tooMany = await b('POST', '/notifications', {
      items: Array.from({ length: 51 }, (_, i) => item(`n${i}`)),
    });
    expect(tooMany.statusCode).toBe(400);
    expect((await b('GET', '/notifications')).json().items).toEqual([]);
    const anon = await server.app.inject({ url: '/api/v1/notifications' });
    expect(anon.statusCode).toBe(401);
  });

  it('keeps the newest 200 and drops older ones', async () => {
    const b = await browser();
    for (let batch = 0; batch < 5; batch++)
      await b('POST', '/notifications', {
        items: Array.from({ length: 50 }, (_, i) => item(`n${batch * 50 + i}`)),
      });
    const rows = await handle.db.select().from(schema.notifications);
    expect(rows).toHaveLength(200);
    const list = (await b('GET', '/notifications')).json();
    expect(list.items).toHaveLength(100);
    expect(list.items[0].title).toBe('n249');
    expect(list.unread).toBe(200);
    await b('DELETE', '/notifications');
  });
});
