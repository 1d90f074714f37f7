import type { RowDataTransaction } from 'ag-grid-community';

/**
 * What changed from `prev` to `next` as an AG Grid transaction (rows compared by reference: the
 * topic cache keeps an unchanged row's object). New rows must come first, as every live list puts
 * them (they are added at the top); null when the rows were reordered otherwise, so the caller
 * replaces the row data instead and the unsorted order stays exactly the server's.
 */
export function rowTransaction<T>(
  prev: readonly T[],
  next: readonly T[],
  id: (row: T) => string,
): RowDataTransaction<T> | null {
  const prevIndex = new Map<string, number>();
  prev.forEach((row, i) => prevIndex.set(id(row), i));
  const add: T[] = [];
  const update: T[] = [];
  const kept = new Set<string>();
  let last = -1;
  for (const row of next) {
    const key = id(row);
    const i = prevIndex.get(key);
    if (i === undefined) {
      if (last >= 0) return null; // a new row below an old one
      add.push(row);
      continue;
    }
    if (i < last) return null; // old rows in another order
    last = i;
    kept.add(key);
    if (prev[i] !== row) update.push(row);
  }
  const remove = prev.filter((row) => !kept.has(id(row)));
  return { add, addIndex: 0, update, remove };
}

/** True when the transaction changes nothing. */
export function isEmptyTransaction<T>(tx: RowDataTransaction<T>): boolean {
  return !tx.add?.length && !tx.update?.length && !tx.remove?.length;
}
