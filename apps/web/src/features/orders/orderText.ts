import type { Fill, Order, OrderRequestInput, OrderStatus } from '@qd/contracts';
import { formatNumber, formatQty } from '../../format/numbers';

type OrderShape = Pick<OrderRequestInput, 'side' | 'qty' | 'symbol' | 'type'> & {
  limitPrice?: string | null | undefined;
  stopPrice?: string | null | undefined;
};

/** "at market", "limit 1.00", "stop 99.00 limit 98.50". */
export function priceWords(o: OrderShape): string {
  switch (o.type) {
    case 'market':
      return 'at market';
    case 'limit':
      return `limit ${formatNumber(o.limitPrice, 2)}`;
    case 'stop':
      return `stop ${formatNumber(o.stopPrice, 2)}`;
    default:
      return `stop ${formatNumber(o.stopPrice, 2)} limit ${formatNumber(o.limitPrice, 2)}`;
  }
}

/** "Buy 10 AAPL at market". */
export function describeOrder(o: OrderShape): string {
  const side = o.side === 'buy' ? 'Buy' : 'Sell';
  return `${side} ${formatQty(o.qty)} ${o.symbol.toUpperCase()} ${priceWords(o)}`;
}

const STATUS_WORD: Record<OrderStatus, string> = {
  new: 'working',
  partially_filled: 'partially filled',
  filled: 'filled',
  canceled: 'canceled',
  rejected: 'rejected',
  expired: 'expired',
};
export const statusWord = (s: OrderStatus): string => STATUS_WORD[s];

/** "bought 10 AAPL @ 234.56". */
export function describeFill(f: Pick<Fill, 'side' | 'qty' | 'symbol' | 'price'>): string {
  return `${f.side === 'buy' ? 'bought' : 'sold'} ${formatQty(f.qty)} ${f.symbol} @ ${formatNumber(f.price, 2)}`;
}

/** The toast after placing: what happened, in words. */
export function placementOutcome(o: Order): {
  tone: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
} {
  const verb = o.side === 'buy' ? 'bought' : 'sold';
  const avg = formatNumber(o.avgFillPrice, 2);
  switch (o.status) {
    case 'filled':
      return {
        tone: 'success',
        title: `Order filled: ${verb} ${formatQty(o.filledQty)} ${o.symbol} @ ${avg}`,
      };
    case 'partially_filled':
      return {
        tone: 'success',
        title: `Order partially filled: ${verb} ${formatQty(o.filledQty)} of ${formatQty(o.qty)} ${o.symbol} @ ${avg}`,
        detail: 'The rest is working.',
      };
    case 'rejected':
      return {
        tone: 'error',
        title: `Order rejected: ${describeOrder(o)}`,
        detail: o.rejectReason ?? 'No reason given.',
      };
    case 'new':
      return {
        tone: 'info',
        title: `Order placed: ${describeOrder(o)}`,
        detail: 'Working — it will fill when the price is reached.',
      };
    default:
      return { tone: 'info', title: `Order ${STATUS_WORD[o.status]}: ${describeOrder(o)}` };
  }
}
