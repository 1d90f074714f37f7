import type { Instrument } from '@qd/contracts';
import { UNIVERSE, dec, str } from '@qd/domain';
import { schema, type Config, type Database } from '@qd/platform';
import { eq } from 'drizzle-orm';
import { nyDate } from './mappers';
import type { OrderRow } from './orderFills';
import type { AccountState, HeldPosition } from './views';

export const ACCOUNT_ID = 'main';

/** Seeds an empty database (the universe, the paper account) and reads the trading state back. */
export async function seedAndLoad(db: Database, config: Config, now: () => Date) {
  await db
    .insert(schema.instruments)
    .values(UNIVERSE.map((u) => ({ ...u, tickSize: '0.01', tradable: true })))
    .onConflictDoNothing();
  await db
    .insert(schema.accounts)
    .values({
      id: ACCOUNT_ID,
      cash: config.QD_INITIAL_CASH,
      dayStartEquity: config.QD_INITIAL_CASH,
      tradingDay: nyDate(now()),
    })
    .onConflictDoNothing();
  const rows = await db.select().from(schema.instruments);
  const instruments: Instrument[] = rows.map((r) => ({
    symbol: r.symbol,
    name: r.name,
    kind: r.kind as Instrument['kind'],
    tickSize: str(dec(r.tickSize)),
    adv: r.adv,
    tradable: r.tradable,
  }));
  const refPrices = rows.map((r) => ({ symbol: r.symbol, refPrice: str(dec(r.refPrice)) }));
  const [acct] = await db.select().from(schema.accounts).where(eq(schema.accounts.id, ACCOUNT_ID));
  const account: AccountState = {
    cash: dec(acct!.cash),
    realizedPnlToday: dec(acct!.realizedPnlToday),
    dayStartEquity: dec(acct!.dayStartEquity),
    tradingDay: acct!.tradingDay,
  };
  const held = await db
    .select()
    .from(schema.positions)
    .where(eq(schema.positions.accountId, ACCOUNT_ID));
  const positions = held.map((p): [string, HeldPosition] => [
    p.symbol,
    {
      qty: dec(p.qty),
      avgPrice: dec(p.avgPrice),
      realizedPnl: dec(p.realizedPnl),
      dayStartQty: dec(p.dayStartQty),
      updatedAt: new Date(p.updatedAt),
    },
  ]);
  const working: OrderRow[] = (await db.select().from(schema.orders)).filter(
    (o) => o.status === 'new' || o.status === 'partially_filled',
  );
  return { instruments, refPrices, account, positions, working };
}
