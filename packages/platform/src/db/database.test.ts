import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseTargets } from '../testing';
import { schema, type DatabaseHandle } from './index';

// One contract suite, run against PGlite and a real Postgres server.
describe.each(databaseTargets(inject('postgresUrl')))('database on $name', (target) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await target.open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reports which engine it runs on', () => {
    expect(handle.kind).toBe(target.name);
  });

  it('applies the checked-in migrations and records them', async () => {
    const result = await handle.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect((result as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('keeps money exact: numeric columns round-trip decimal strings without float error', async () => {
    await handle.db.insert(schema.accounts).values({
      id: 'exact',
      cash: '0.1',
      dayStartEquity: '123456789012.3456789012',
      tradingDay: '2026-11-25',
    });
    await handle.db
      .update(schema.accounts)
      .set({ cash: sql`${schema.accounts.cash} + 0.2` })
      .where(eq(schema.accounts.id, 'exact'));
    const [row] = await handle.db
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.id, 'exact'));
    expect(Number(row!.cash)).not.toBe(0.1 + 0.2);
    expect(row!.cash).toBe('0.3000000000');
    expect(row!.dayStartEquity).toBe('123456789012.3456789012');
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(schema.killSwitchEvents).values({
          action: 'engage',
          reason: 'rollback test',
          actor: 'test',
          at: new Date().toISOString(),
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await handle.db
      .select()
      .from(schema.killSwitchEvents)
      .where(eq(schema.killSwitchEvents.reason, 'rollback test'));
    expect(rows).toHaveLength(0);
  });

  it('keeps a statement from outside out of an open transaction, however the two interleave', async () => {
    const reason = 'isolation test';
    const byReason = () =>
      handle.db
        .select()
        .from(schema.killSwitchEvents)
        .where(eq(schema.killSwitchEvents.reason, reason));
    let outside: Promise<unknown[]> | undefined;
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(schema.killSwitchEvents).values({
          action: 'engage',
          reason,
          actor: 'test',
          at: new Date().toISOString(),
        });
        outside = byReason(); // started while the transaction is open, with its row written
        for (let i = 0; i < 3; i++) await tx.execute(sql`select 1`);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await outside).toHaveLength(0);
    expect(await byReason()).toHaveLength(0);
  });

  it('refuses a duplicate order id, so a retried order can never be stored twice', async () => {
    const order = {
      id: 'dup-1',
      accountId: 'main',
      symbol: 'AAPL',
      side: 'buy',
      qty: '10',
      type: 'market',
      tif: 'day',
      status: 'new',
      createdBy: 'admin',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    await handle.db.insert(schema.orders).values(order);
    const again = await handle.db
      .insert(schema.orders)
      .values(order)
      .onConflictDoNothing()
      .returning({ id: schema.orders.id });
    expect(again).toHaveLength(0);
    await expect(handle.db.insert(schema.orders).values(order)).rejects.toThrow();
  });

  it('refuses a fill for an order that does not exist', async () => {
    await expect(
      handle.db.insert(schema.fills).values({
        id: 'f-orphan',
        orderId: 'no-such-order',
        accountId: 'main',
        symbol: 'AAPL',
        side: 'buy',
        qty: '1',
        price: '1',
        ts: new Date().toISOString(),
      }),
    ).rejects.toThrow();
  });

  it('orders the kill-switch history by insertion, so the latest row is the current state', async () => {
    for (const action of ['engage', 'disengage', 'engage']) {
      await handle.db.insert(schema.killSwitchEvents).values({
        action,
        reason: 'history order',
        actor: 'test',
        at: new Date().toISOString(),
      });
    }
    const [latest] = await handle.db
      .select()
      .from(schema.killSwitchEvents)
      .orderBy(desc(schema.killSwitchEvents.id))
      .limit(1);
    expect(latest!.action).toBe('engage');
  });

  it('enforces unique usernames', async () => {
    const user = { id: 'u1', username: 'alice', passwordHash: 'x', role: 'viewer' };
    await handle.db.insert(schema.users).values(user);
    await expect(handle.db.insert(schema.users).values({ ...user, id: 'u2' })).rejects.toThrow();
  });
});
