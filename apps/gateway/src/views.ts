import type { Account, Position, Quote } from '@qd/contracts';
import { computeAccount, dayPnl, dec, markToMarket, money, str, type Decimal } from '@qd/domain';

export interface HeldPosition {
  qty: Decimal;
  avgPrice: Decimal;
  realizedPnl: Decimal;
  dayStartQty: Decimal;
  updatedAt: Date;
}

export interface AccountState {
  cash: Decimal;
  realizedPnlToday: Decimal;
  dayStartEquity: Decimal;
  tradingDay: string;
}

/** A held position marked to a quote, as the API shows it. */
export function positionView(symbol: string, p: HeldPosition, q: Quote): Position {
  const last = dec(q.last);
  const m = markToMarket(p, last);
  return {
    symbol,
    qty: str(p.qty),
    avgPrice: str(p.avgPrice, 4),
    lastPrice: q.last,
    marketValue: money(m.marketValue),
    costBasis: money(m.costBasis),
    unrealizedPnl: money(m.unrealizedPnl),
    unrealizedPnlPct: str(m.unrealizedPnlPct, 4),
    realizedPnl: money(p.realizedPnl),
    dayPnl: money(dayPnl(p.qty, p.dayStartQty, p.avgPrice, last, dec(q.prevClose))),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The account as the API shows it, from cash and the marked positions. */
export function accountView(a: AccountState, positions: Position[], asOf: Date): Account {
  const c = computeAccount({
    cash: a.cash,
    dayStartEquity: a.dayStartEquity,
    marketValues: positions.map((p) => dec(p.marketValue)),
  });
  const unrealized = positions.reduce((s, p) => s.plus(p.unrealizedPnl), dec(0));
  return {
    cash: money(a.cash),
    buyingPower: money(c.buyingPower),
    equity: money(c.equity),
    longMarketValue: money(c.longMarketValue),
    shortMarketValue: money(c.shortMarketValue),
    unrealizedPnl: money(unrealized),
    realizedPnlToday: money(a.realizedPnlToday),
    dayChange: money(c.dayChange),
    dayChangePct: str(c.dayChangePct, 4),
    grossLeverage: str(c.grossLeverage, 4),
    positionsCount: positions.length,
    asOf: asOf.toISOString(),
  };
}
