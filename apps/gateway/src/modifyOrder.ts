import type { ModifyOrderRequest, Order, OrderRequest } from '@qd/contracts';
import { dec, str } from '@qd/domain';
import { AppError, schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { Engine } from './engine';
import { orderFromRow } from './mappers';
import { rejectError } from './orderFills';
import { recordOrderEvent } from './orderEvents';

/**
 * Changes a working order's quantity, limit, stop or time in force. The changed order passes the
 * pre-trade checks again (on what is left to fill) before anything is written.
 */
export function modifyOrder(
  engine: Engine,
  id: string,
  change: ModifyOrderRequest,
  actor: string,
): Promise<Order> {
  return engine.serial.run(async () => {
    const w = engine.working.get(id);
    if (!w) {
      const [row] = await engine.db.select().from(schema.orders).where(eq(schema.orders.id, id));
      if (!row) throw new AppError('NOT_FOUND', `No order ${id}`);
      throw new AppError(
        'ORDER_NOT_MODIFIABLE',
        `Order ${id} is ${row.status} and can no longer be modified`,
      );
    }
    const r = w.row;
    const type = r.type as OrderRequest['type'];
    const errors: { path: string; message: string }[] = [];
    if (change.limitPrice && type !== 'limit' && type !== 'stop_limit')
      errors.push({ path: 'limitPrice', message: `a ${type} order has no limit price` });
    if (change.stopPrice && type !== 'stop' && type !== 'stop_limit')
      errors.push({ path: 'stopPrice', message: `a ${type} order has no stop price` });
    if (change.qty && dec(change.qty).lte(r.filledQty))
      errors.push({
        path: 'qty',
        message: `must be more than the ${str(dec(r.filledQty))} shares already filled`,
      });
    if (errors.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `Invalid change: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        errors,
      );
    const next = {
      qty: change.qty ?? str(dec(r.qty)),
      limitPrice: change.limitPrice ?? (r.limitPrice === null ? null : str(dec(r.limitPrice))),
      stopPrice: change.stopPrice ?? (r.stopPrice === null ? null : str(dec(r.stopPrice))),
      tif: change.tif ?? r.tif,
    };
    const remaining = dec(next.qty).minus(r.filledQty);
    const preview = await engine.preview(
      {
        symbol: r.symbol,
        side: r.side as 'buy' | 'sell',
        qty: str(remaining),
        type,
        ...(next.limitPrice ? { limitPrice: next.limitPrice } : {}),
        ...(next.stopPrice ? { stopPrice: next.stopPrice } : {}),
        tif: next.tif as OrderRequest['tif'],
      },
      r.strategyId,
    );
    const failed = preview.checks.filter((c) => !c.ok);
    if (failed.length) throw rejectError(failed);
    const now = engine.now().toISOString();
    const before = { qty: r.qty, limitPrice: r.limitPrice, stopPrice: r.stopPrice, tif: r.tif };
    const row = { ...r, ...next, updatedAt: now };
    await engine.db.transaction(async (tx) => {
      await tx
        .update(schema.orders)
        .set({ ...next, updatedAt: now })
        .where(eq(schema.orders.id, id));
      await recordOrderEvent(tx, id, 'modified', actor, now, {
        before,
        after: next,
        reason: change.reason ?? null,
      });
    });
    engine.working.set(id, { row, triggered: w.triggered });
    await engine.publisher.publish('orders', { upsert: [orderFromRow(row)] });
    return orderFromRow(row);
  });
}
