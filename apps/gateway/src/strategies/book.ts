import { FLAT, applyFill, dec, type Decimal, type PositionState } from '@qd/domain';
import { schema, type Database } from '@qd/platform';
import { eq, isNotNull } from 'drizzle-orm';
import type { PendingFill } from '../orderFills';

/** Positions and today's realized P&L per strategy, attributed from the strategy id on orders. */
export class StrategyBook {
  private readonly book = new Map<string, Map<string, PositionState>>();
  private readonly realizedToday = new Map<string, Decimal>();
  private day = '';

  /** Rebuilds the book from every strategy fill (today's realized P&L from today's fills). */
  async load(db: Database, dayStartIso: string, day: string): Promise<void> {
    this.book.clear();
    this.realizedToday.clear();
    this.day = day;
    const rows = await db
      .select({
        strategyId: schema.orders.strategyId,
        symbol: schema.fills.symbol,
        side: schema.fills.side,
        qty: schema.fills.qty,
        price: schema.fills.price,
        ts: schema.fills.ts,
      })
      .from(schema.fills)
      .innerJoin(schema.orders, eq(schema.orders.id, schema.fills.orderId))
      .where(isNotNull(schema.orders.strategyId))
      .orderBy(schema.fills.ts);
    for (const r of rows)
      this.apply(r.strategyId!, r.symbol, r.side, dec(r.qty), dec(r.price), r.ts >= dayStartIso);
  }

  /** Applies fills of strategy orders as they happen. */
  onFills(fills: PendingFill[], day: string): void {
    if (day !== this.day) {
      this.day = day;
      this.realizedToday.clear();
    }
    for (const f of fills)
      if (f.order.strategyId)
        this.apply(f.order.strategyId, f.order.symbol, f.order.side, f.qty, f.price, true);
  }

  private apply(
    id: string,
    symbol: string,
    side: string,
    qty: Decimal,
    price: Decimal,
    today: boolean,
  ): void {
    const mine = this.book.get(id) ?? new Map<string, PositionState>();
    this.book.set(id, mine);
    const before = mine.get(symbol) ?? FLAT;
    const after = applyFill(before, side === 'buy' ? qty : qty.neg(), price);
    mine.set(symbol, after);
    if (today)
      this.realizedToday.set(
        id,
        (this.realizedToday.get(id) ?? dec(0)).plus(after.realizedPnl.minus(before.realizedPnl)),
      );
  }

  positions(id: string): [string, PositionState][] {
    return [...(this.book.get(id) ?? new Map<string, PositionState>()).entries()].filter(
      ([, p]) => !p.qty.isZero(),
    );
  }

  strategyIds(): string[] {
    return [...this.book.keys()];
  }

  position(id: string, symbol: string): PositionState {
    return this.book.get(id)?.get(symbol) ?? FLAT;
  }

  realized(id: string): Decimal {
    return this.realizedToday.get(id) ?? dec(0);
  }

  /** Gross exposure of a strategy at the given prices. */
  gross(id: string, last: (symbol: string) => Decimal): Decimal {
    return this.positions(id).reduce((a, [s, p]) => a.plus(p.qty.abs().mul(last(s))), dec(0));
  }
}
