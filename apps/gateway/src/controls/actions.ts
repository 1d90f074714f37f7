import { createHash } from 'node:crypto';
import type { ControlResult, Order } from '@qd/contracts';
import { Decimal, closingOrder, dec, type CloseAmount } from '@qd/domain';
import { AppError } from '@qd/platform';
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

/** Closes one position fully or partly with a market order on the opposite side. */
export async function closePosition(
  engine: Engine,
  controls: Controls,
  symbol: string,
  amount: CloseAmount,
  reason: string,
  actor: string,
): Promise<Order> {
  const held = engine.positions.get(symbol)?.qty ?? dec(0);
  if (held.isZero())
    throw new AppError('NO_POSITION', `There is no open ${symbol} position to close`);
  let o: { side: 'buy' | 'sell'; qty: ReturnType<typeof dec> };
  try {
    o = closingOrder(held, amount);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', (e as Error).message, [
      { path: amount.kind === 'pct' ? 'pct' : 'qty', message: (e as Error).message },
    ]);
  }
  const qty = o.qty.toFixed();
  const id = controlOrderId(['close', symbol, o.side, qty, actor], engine.now());
  const { order, created } = await engine.place(
    {
      clientOrderId: id,
      order: { symbol, side: o.side, qty, type: 'market', tif: 'day', reason },
    },
    actor,
  );
  if (created)
    await controls.recordEvent('close', symbol, reason, actor, {
      qty,
      side: o.side,
      orderId: order.id,
    });
  await controls.publishStatus();
  return order;
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
 * Flattens everything: cancels every working order, then closes every position at market.
 * At most once per 5 minutes; each refused close is reported with its reason.
 */
export async function flattenAll(
  engine: Engine,
  controls: Controls,
  reason: string,
  actor: string,
): Promise<ControlResult> {
  const next = (await controls.status()).nextFlattenAt;
  const wait = next ? Date.parse(next) - engine.now().getTime() : 0;
  if (wait > 0)
    throw new AppError(
      'RATE_LIMITED',
      `Flatten all ran less than ${FLATTEN_INTERVAL_MS / 60_000} minutes ago; allowed again in ${Math.ceil(wait / 1000)} s`,
    );
  const canceled = await engine.cancelAll(undefined, actor);
  const orders: Order[] = [];
  const refused: ControlResult['refused'] = [];
  for (const [symbol, p] of [...engine.positions.entries()].filter(([, p]) => !p.qty.isZero())) {
    const side = p.qty.gt(0) ? 'sell' : 'buy';
    for (const part of attribute(controls, symbol, p.qty)) {
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
  });
  await controls.publishStatus();
  return { orders, canceled, refused };
}

/**
 * Splits closing a whole position between the strategies that hold it in the same direction and
 * the rest (people), so each strategy's own book goes flat with the account.
 */
function attribute(
  controls: Controls,
  symbol: string,
  held: Decimal,
): { strategyId: string | null; qty: Decimal }[] {
  const parts: { strategyId: string | null; qty: Decimal }[] = [];
  let left = held.abs();
  for (const id of controls.book.strategyIds()) {
    const q = controls.book.position(id, symbol).qty;
    if (q.isZero() || q.isNeg() !== held.isNeg() || left.isZero()) continue;
    const take = Decimal.min(q.abs(), left);
    parts.push({ strategyId: id, qty: take });
    left = left.minus(take);
  }
  if (left.gt(0)) parts.push({ strategyId: null, qty: left });
  return parts;
}
