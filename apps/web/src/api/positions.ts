import type { ClosePositionResult } from '@qd/contracts';
import { apiRequest } from './client';

/**
 * Closes a position at market (the controls API: `POST /positions/{symbol}/close`). The gateway
 * re-checks everything; its problem+json answer is shown as is when it refuses.
 */
export async function closePosition(
  symbol: string,
  body: { reason: string; qty?: string },
): Promise<ClosePositionResult> {
  return apiRequest(`/positions/${encodeURIComponent(symbol)}/close`, {
    method: 'POST',
    body,
  }) as Promise<ClosePositionResult>;
}
