import type { Position } from '@qd/contracts';
import { sumDecimals } from '../../format/sumDecimals';

/** The summed money columns of the positions grid, by column; null where a value is malformed. */
export type PositionTotals = Record<'marketValue' | 'unrealizedPnl' | 'dayPnl', string | null>;

/** Money columns summed exactly; per-share columns have no total. */
export function positionTotals(positions: readonly Position[]): PositionTotals {
  const sum = (k: keyof PositionTotals) => sumDecimals(positions.map((p) => p[k]));
  return {
    marketValue: sum('marketValue'),
    unrealizedPnl: sum('unrealizedPnl'),
    dayPnl: sum('dayPnl'),
  };
}
