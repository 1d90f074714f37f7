import { str } from '@qd/domain';
import { schema, type Tx } from '@qd/platform';
import { eq } from 'drizzle-orm';
import type { SettledFills } from './fillSettlement';
import { ACCOUNT_ID } from './seed';

/** Writes settled fills of working orders (the market tick) inside the caller's transaction. */
export async function writeSettled(tx: Tx, s: SettledFills): Promise<void> {
  if (!s.fillRows.length) return;
  await tx.insert(schema.fills).values(s.fillRows);
  for (const r of s.positionRows)
    await tx
      .insert(schema.positions)
      .values(r)
      .onConflictDoUpdate({
        target: [schema.positions.accountId, schema.positions.symbol],
        set: {
          qty: r.qty,
          avgPrice: r.avgPrice,
          realizedPnl: r.realizedPnl,
          updatedAt: r.updatedAt,
        },
      });
  await tx
    .update(schema.accounts)
    .set({
      cash: str(s.account.cash, 10),
      realizedPnlToday: str(s.account.realizedPnlToday, 10),
      updatedAt: s.ts,
    })
    .where(eq(schema.accounts.id, ACCOUNT_ID));
}
