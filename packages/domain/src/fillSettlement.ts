import type { Decimal } from './money';
import { applyFill, FLAT, type PositionState } from './position';

/** One execution to settle: buys add to the position and spend cash, sells the reverse. */
export interface SettlementFill {
  symbol: string;
  side: 'buy' | 'sell';
  qty: Decimal;
  price: Decimal;
}

/** The account figures a fill moves. */
export interface CashState {
  cash: Decimal;
  realizedPnlToday: Decimal;
}

export interface Settlement {
  cash: Decimal;
  realizedPnlToday: Decimal;
  /** The position after the fills, for every symbol they touched (the last state per symbol). */
  positions: Map<string, PositionState>;
}

/**
 * Settles fills in order: each moves its symbol's position (applyFill), cash by −signed qty ×
 * price, and the day's realized P&L by what that fill realized. Changes nothing it is given, so
 * a caller can write the result first and adopt it only once the write has succeeded.
 */
export function settleFills(
  start: CashState,
  positionOf: (symbol: string) => PositionState | undefined,
  fills: readonly SettlementFill[],
): Settlement {
  const positions = new Map<string, PositionState>();
  let cash = start.cash;
  let realizedPnlToday = start.realizedPnlToday;
  for (const f of fills) {
    const signed = f.side === 'buy' ? f.qty : f.qty.neg();
    const held = positions.get(f.symbol) ?? positionOf(f.symbol) ?? FLAT;
    const next = applyFill(held, signed, f.price);
    realizedPnlToday = realizedPnlToday.plus(next.realizedPnl.minus(held.realizedPnl));
    cash = cash.minus(signed.mul(f.price));
    positions.set(f.symbol, next);
  }
  return { cash, realizedPnlToday, positions };
}
