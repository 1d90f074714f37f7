import { dec, settleFills, str } from '@qd/domain';
import type { schema } from '@qd/platform';
import type { PendingFill } from './orderFills';
import { ACCOUNT_ID } from './seed';
import type { AccountState, HeldPosition } from './views';

/** Decimal places the database keeps of average prices, realized P&L and cash. */
const STORED_DP = 10;

export type FillRow = typeof schema.fills.$inferInsert;
export type PositionRow = typeof schema.positions.$inferInsert;

/** A batch of fills settled against the account: the rows to write, then the state to adopt. */
export interface SettledFills {
  ts: string;
  /** One row per fill, in the fills' order. */
  fillRows: FillRow[];
  /** The last state of every position the fills touched (an upsert; day-start qty 0 if new). */
  positionRows: PositionRow[];
  account: AccountState;
  positions: Map<string, HeldPosition>;
}

/**
 * Settles fills against the engine's account and positions without changing them: the caller
 * writes the rows and adopts `account`/`positions` only once the write has succeeded.
 */
export function settle(
  fills: readonly PendingFill[],
  account: AccountState,
  positions: ReadonlyMap<string, HeldPosition>,
  ts: string,
): SettledFills {
  const s = settleFills(
    account,
    (symbol) => positions.get(symbol),
    fills.map((f) => ({
      symbol: f.order.symbol,
      side: f.order.side as 'buy' | 'sell',
      qty: f.qty,
      price: f.price,
    })),
  );
  const at = new Date(ts);
  const fillRows = fills.map((f, i) => ({
    // The order's filled quantity before this batch, plus the fill's place in it: unique per
    // order and batch, like the time stamp that follows.
    id: `${f.order.id}-${str(dec(f.order.filledQty).plus(i))}-${Date.parse(ts)}`,
    orderId: f.order.id,
    accountId: ACCOUNT_ID,
    symbol: f.order.symbol,
    side: f.order.side,
    qty: str(f.qty),
    price: str(f.price),
    ts,
  }));
  const held = new Map<string, HeldPosition>();
  const positionRows: PositionRow[] = [];
  for (const [symbol, p] of s.positions) {
    // Memory adopts the figures as they are stored (10 decimal places), so a restart loads
    // exactly what the running engine held, also for an average price like 3,508 / 7.
    const avgPrice = p.avgPrice.toDecimalPlaces(STORED_DP);
    const realizedPnl = p.realizedPnl.toDecimalPlaces(STORED_DP);
    held.set(symbol, {
      ...p,
      avgPrice,
      realizedPnl,
      dayStartQty: positions.get(symbol)?.dayStartQty ?? dec(0),
      updatedAt: at,
    });
    positionRows.push({
      accountId: ACCOUNT_ID,
      symbol,
      dayStartQty: '0',
      qty: str(p.qty),
      avgPrice: str(avgPrice),
      realizedPnl: str(realizedPnl),
      updatedAt: ts,
    });
  }
  return {
    ts,
    fillRows,
    positionRows,
    account: {
      ...account,
      cash: s.cash.toDecimalPlaces(STORED_DP),
      realizedPnlToday: s.realizedPnlToday.toDecimalPlaces(STORED_DP),
    },
    positions: held,
  };
}
