import { createHash } from 'node:crypto';
import type { ClosePositionResult, ControlResult, FlattenResult, Order } from '@qd/contracts';
import { closingOrder, dec, splitClose, type CloseAmount, type Decimal } from '@qd/domain';
import { AppError, schema } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { orderFromRow } from '../mappers';
import type { Engine } from '../engine';
import { type Controls, FLATTEN_INTERVAL_MS } from './controls';

const BUCKET_MS = 10_000;

/** Deterministic id of an order a control places: a retry in the same 10 s is the same order. */
export function controlOrderId(parts: (string | number)[], now: Date): string {
  const bucket = Math.floor(now.getTime() / BUCKET_MS);
  return createHash('sha256')
    .update(JSON.stringify([...parts, bucket]))
    .digest('base64url')
    .slice(0, 32);
}

/**
 * Closes one position fully or partly with market orders on the opposite side, one per holder:
 * each strategy holding it in the same direction closes its share under its own id (as flatten
 * does), so strategy books stay consistent with the account. Runs in the engine's queue, so a
 * retry sees the first close's result; a retry in the same 10 s is the same orders, never more.
 */
export async function closePosition(
  engine: Engine,
  controls: Controls,
  symbol: string,
  amount: CloseAmount,
  reason: string,
  actor: string,
): Promise<ClosePositionResult> {
  return engine.serial.run(async () => {
    const held = engine.positions.get(symbol)?.qty ?? dec(0);
    if (held.isZero())
      throw new AppError('NO_POSITION', `There is no open ${symbol} position to close`);
    let o: { side: 'buy' | 'sell'; qty: Decimal };
    try {
      o = closingOrder(held, amount);
    } catch (e) {
      throw new AppError('VALIDATION_FAILED', (e as Error).message, [
        { path: amount.kind === 'pct' ? 'pct' : 'qty', message: (e as Error).message },
      ]);
    }
    const qty = o.qty.toFixed();
    const now = engine.now();
    const idOf = (i: number) => controlOrderId(['close', symbol, o.side, qty, actor, i], now);
    const replayed = await storedOrders(engine, idOf);
    if (replayed.length) return { symbol, side: o.side, qty, orders: replayed, replay: true };
    const parts = splitClose(held, strategyShares(controls, symbol), o.qty);
    const orders: Order[] = [];
    for (const [i, part] of parts.entries()) {
      const { order } = await engine.placeNow(
        {
          clientOrderId: idOf(i),
          order: {
            symbol,
            side: o.side,
            qty: part.qty.toFixed(),
            type: 'market',
            tif: 'day',
            reason,
          },
        },
        actor,
        { strategyId: part.strategyId },
      );
      orders.push(order);
    }
    await controls.recordEvent('close', symbol, reason, actor, {
      qty,
      side: o.side,
      orders: orders.map((x) => ({ id: x.id, qty: x.qty, strategyId: x.strategyId ?? null })),
    });
    await controls.publishStatus();
    return { symbol, side: o.side, qty, orders, replay: false };
  });
}

/** Orders already placed under the ids of an identical earlier close, in order. */
async function storedOrders(engine: Engine, idOf: (i: number) => string): Promise<Order[]> {
  const out: Order[] = [];
  for (let i = 0; ; i++) {
    const [row] = await engine.db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, idOf(i)));
    if (!row) return out;
    out.push(orderFromRow(row));
  }
}

/** Each strategy's signed position in a symbol, from the strategy book. */
function strategyShares(controls: Controls, symbol: string) {
  return controls.book
    .strategyIds()
    .map((strategyId) => ({ strategyId, qty: controls.book.position(strategyId, symbol).qty }));
}

/** Cancels every working order (or one symbol's) and records who and why. */
export async function cancelAllOrders(
  engine: Engine,
  controls: Controls,
  symbol: string | undefined,
  reason: string,
  actor: string,
): Promise<ControlResult> {
  const canceled = await engine.cancelAll(symbol, actor);
  await controls.recordEvent('cancel_all', symbol ?? 'all', reason, actor, {
    canceled: canceled.length,
  });
  await controls.publishStatus();
  return { orders: [], canceled, refused: [] };
}

/**
 * Flattens everything: pauses new entries globally (so strategies do not simply re-enter),
 * cancels every working order, then closes every position at market. At most once per 5 minutes;
 * each refused close is reported with its reason. The pause stays until someone resumes entries.
 */
export async function flattenAll(
  engine: Engine,
  controls: Controls,
  reason: string,
  actor: string,
): Promise<FlattenResult> {
  const next = (await controls.status()).nextFlattenAt;
  const wait = next ? Date.parse(next) - engine.now().getTime() : 0;
  if (wait > 0)
    throw AppError.rateLimited(
      `Flatten all ran less than ${FLATTEN_INTERVAL_MS / 60_000} minutes ago; allowed again in ${Math.ceil(wait / 1000)} s`,
      wait / 1000,
    );
  const entriesPaused = !controls.isPaused('all');
  if (entriesPaused) await controls.setPause('all', true, `Flatten all: ${reason}`, actor);
  const canceled = await engine.cancelAll(undefined, actor);
  const orders: Order[] = [];
  const refused: ControlResult['refused'] = [];
  for (const [symbol, p] of [...engine.positions.entries()].filter(([, p]) => !p.qty.isZero())) {
    const side = p.qty.gt(0) ? 'sell' : 'buy';
    for (const part of splitClose(p.qty, strategyShares(controls, symbol), p.qty.abs())) {
      const qty = part.qty.toFixed();
      try {
        const { order } = await engine.place(
          {
            clientOrderId: controlOrderId(
              ['flatten', symbol, side, qty, part.strategyId ?? '', actor],
              engine.now(),
            ),
            order: { symbol, side, qty, type: 'market', tif: 'day', reason },
          },
          actor,
          { strategyId: part.strategyId },
        );
        orders.push(order);
      } catch (e) {
        refused.push({ symbol, reason: (e as Error).message });
      }
    }
  }
  await controls.recordEvent('flatten', 'all', reason, actor, {
    canceled: canceled.length,
    orders: orders.length,
    refused: refused.length,
    entriesPaused,
  });
  await controls.publishStatus();
  return { orders, canceled, refused, entriesPaused };
}
