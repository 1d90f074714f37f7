import type { GatewayOrderRequest, Instrument } from '@qd/contracts';
import { dec, displayedSize, matchOrder, str, type Decimal, type MarketState } from '@qd/domain';
import { AppError, type schema } from '@qd/platform';
import { ACCOUNT_ID } from './seed';

// Order bookkeeping shared by placement and the market tick: matching, time in force, rejects.

export type OrderRow = typeof schema.orders.$inferSelect;
export interface Working {
  row: OrderRow;
  triggered: boolean;
}
/** A fill decided by matching; id and ts are set when it is written. */
export interface PendingFill {
  order: OrderRow;
  qty: Decimal;
  price: Decimal;
  id?: string;
  ts?: string;
}

/** Matches working orders against the current quotes; records which stops have triggered. */
export function matchWorking(
  works: Working[],
  quotes: MarketState['quotes'],
  instruments: Map<string, Instrument>,
): PendingFill[] {
  const fills: PendingFill[] = [];
  for (const w of works) {
    const q = quotes[w.row.symbol]!;
    const instrument = instruments.get(w.row.symbol)!;
    const remaining = dec(w.row.qty).minus(w.row.filledQty);
    const r = matchOrder(
      {
        side: w.row.side as 'buy' | 'sell',
        type: w.row.type as 'market',
        remainingQty: remaining,
        limitPrice: w.row.limitPrice ? dec(w.row.limitPrice) : null,
        stopPrice: w.row.stopPrice ? dec(w.row.stopPrice) : null,
        triggered: w.triggered,
      },
      {
        bid: dec(q.bid),
        ask: dec(q.ask),
        last: dec(q.last),
        size: displayedSize(instrument.adv),
      },
    );
    w.triggered = r.triggered;
    if (r.fill) fills.push({ order: w.row, ...r.fill });
  }
  return fills;
}

/** The order row after its fills, with time-in-force applied (ioc/fok never rest). */
export function applyTif(w: Working, fills: PendingFill[], nowIso: string): OrderRow {
  const mine = fills.filter((f) => f.order.id === w.row.id);
  const prevQty = dec(w.row.filledQty);
  let filled = prevQty;
  let cost = w.row.avgFillPrice ? dec(w.row.avgFillPrice).mul(prevQty) : dec(0);
  for (const f of mine) {
    filled = filled.plus(f.qty);
    cost = cost.plus(f.qty.mul(f.price));
  }
  const qty = dec(w.row.qty);
  let status = filled.gte(qty) ? 'filled' : filled.gt(0) ? 'partially_filled' : 'new';
  if (w.row.tif === 'fok' && !filled.gte(qty)) {
    fills.splice(0, fills.length, ...fills.filter((f) => f.order.id !== w.row.id));
    return {
      ...w.row,
      status: 'canceled',
      rejectReason: 'fill-or-kill: not enough shares at the touch',
      updatedAt: nowIso,
    };
  }
  if (w.row.tif === 'ioc' && status !== 'filled') status = 'canceled';
  return {
    ...w.row,
    filledQty: str(filled),
    avgFillPrice: filled.gt(0) ? str(cost.div(filled), 6) : null,
    status,
    updatedAt: nowIso,
  };
}

/** The problem for an order that failed pre-trade checks, with the most specific code. */
export function rejectError(failed: { name: string; detail: string }[]): AppError {
  const names = failed.map((f) => f.name);
  const ks = failed.find((f) => f.name === 'kill_switch');
  const code = ks
    ? ks.detail.includes('unknown')
      ? 'ORDER_KILL_SWITCH_UNKNOWN'
      : 'ORDER_KILL_SWITCH_ENGAGED'
    : names.includes('breaker')
      ? 'ORDER_BREAKER_TRIPPED'
      : names.includes('entries_paused')
        ? 'ORDER_ENTRIES_PAUSED'
        : names.includes('buying_power')
          ? 'ORDER_INSUFFICIENT_BUYING_POWER'
          : names.includes('quote_age')
            ? 'ORDER_NO_MARKET_DATA'
            : 'ORDER_REJECTED';
  return new AppError(
    code,
    `Order rejected: ${failed.map((f) => f.detail).join('; ')}`,
    failed.map((f) => ({ path: f.name, message: f.detail })),
  );
}

/** The row of a new order as the request describes it (status `new`, nothing filled yet). */
export function newOrderRow(
  req: GatewayOrderRequest,
  actor: string,
  now: string,
  meta: { strategyId?: string | null; parentId?: string | null },
): OrderRow {
  const o = req.order;
  return {
    id: req.clientOrderId,
    accountId: ACCOUNT_ID,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty,
    filledQty: '0',
    avgFillPrice: null,
    type: o.type,
    limitPrice: o.limitPrice ?? null,
    stopPrice: o.stopPrice ?? null,
    tif: o.tif,
    status: 'new',
    rejectReason: null,
    reason: o.reason ?? null,
    createdBy: actor,
    createdAt: now,
    updatedAt: now,
    strategyId: meta.strategyId ?? null,
    parentId: meta.parentId ?? null,
  };
}
