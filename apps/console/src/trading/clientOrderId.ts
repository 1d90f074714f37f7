import { createHash } from 'node:crypto';
import type { OrderRequest } from '@qd/contracts';

export const ORDER_ID_BUCKET_MS = 10_000;

/**
 * Deterministic client order id: the same order content from the same user in the same 10-second
 * bucket hashes to the same id, so a double click or a retry can never create a second order.
 */
export function clientOrderId(order: OrderRequest, actor: string, now: Date): string {
  const bucket = Math.floor(now.getTime() / ORDER_ID_BUCKET_MS);
  const content = [
    order.symbol,
    order.side,
    order.qty,
    order.type,
    order.limitPrice ?? '',
    order.stopPrice ?? '',
    order.tif,
    order.reason ?? '',
  ];
  return createHash('sha256')
    .update(JSON.stringify([...content, actor, bucket]))
    .digest('base64url')
    .slice(0, 32);
}
