import type { ClosePositionResult } from '@qd/contracts';
import { formatQty } from '../../format/numbers';

/** The toast for a close: what was sent and how it was split between strategies and the rest. */
export function closeResultText(r: ClosePositionResult): { title: string; detail: string } {
  const what = `${r.side} ${formatQty(r.qty)} ${r.symbol}`;
  const filled = r.orders.reduce((a, o) => a + Number(o.filledQty), 0);
  const split =
    r.orders.length > 1 || r.orders.some((o) => o.strategyId)
      ? `Split by holder: ${r.orders
          .map((o) => `${formatQty(o.qty)} ${o.strategyId ? `for ${o.strategyId}` : 'manual'}`)
          .join(', ')}. `
      : '';
  return {
    title: r.replay ? `Close already sent: ${what}` : `Close sent: ${what}`,
    detail: r.replay
      ? `The same close was sent moments ago; nothing new was sent. ${split}`.trim()
      : `${split}${formatQty(String(filled))} filled.`,
  };
}
