import type { Position } from '@qd/contracts';
import { sumDecimals } from '../../format/sumDecimals';

/** The totals row: money columns summed exactly; per-share columns left blank. */
export function positionTotals(positions: readonly Position[]): Position {
  const sum = (k: keyof Position) => sumDecimals(positions.map((p) => p[k] as string)) ?? '';
  return {
    symbol: 'Total',
    qty: '',
    avgPrice: '',
    lastPrice: '',
    marketValue: sum('marketValue'),
    costBasis: sum('costBasis'),
    unrealizedPnl: sum('unrealizedPnl'),
    unrealizedPnlPct: '',
    realizedPnl: sum('realizedPnl'),
    dayPnl: sum('dayPnl'),
    updatedAt: '',
  };
}
