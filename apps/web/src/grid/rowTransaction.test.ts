import { describe, expect, it } from 'vitest';
import { isEmptyTransaction, rowTransaction } from './rowTransaction';

interface Row {
  id: string;
  v: number;
}
const id = (r: Row) => r.id;
const a = { id: 'a', v: 1 };
const b = { id: 'b', v: 1 };
const c = { id: 'c', v: 1 };

describe('rowTransaction', () => {
  it('updates only the rows whose object changed', () => {
    const b2 = { id: 'b', v: 2 };
    expect(rowTransaction([a, b, c], [a, b2, c], id)).toEqual({
      add: [],
      addIndex: 0,
      update: [b2],
      remove: [],
    });
  });

  it('adds new rows at the top and removes the missing ones', () => {
    const d = { id: 'd', v: 1 };
    expect(rowTransaction([a, b, c], [d, a, c], id)).toEqual({
      add: [d],
      addIndex: 0,
      update: [],
      remove: [b],
    });
  });

  it('gives up (null) when a new row comes after an old one', () => {
    expect(rowTransaction([a, b], [a, b, c], id)).toBeNull();
  });

  it('gives up (null) when old rows change order', () => {
    expect(rowTransaction([a, b, c], [a, c, b], id)).toBeNull();
  });

  it('is empty when nothing changed', () => {
    const tx = rowTransaction([a, b], [a, b], id);
    expect(tx && isEmptyTransaction(tx)).toBe(true);
    expect(isEmptyTransaction(rowTransaction([a], [b], id)!)).toBe(false);
  });
});
