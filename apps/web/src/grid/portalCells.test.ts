import { describe, expect, it } from 'vitest';
import { PortalCellStore } from './portalCells';

// The store only keys on the elements; no DOM is needed to test it.
const element = () => ({}) as HTMLElement;
const Cell = () => null;

describe('PortalCellStore', () => {
  it('lists each registered cell once, with its latest data, until it is removed', () => {
    const store = new PortalCellStore();
    const a = element();
    const b = element();
    store.set(a, Cell, { id: 1 });
    store.set(b, Cell, { id: 2 });
    store.set(a, Cell, { id: 1, qty: 5 });
    expect(store.getSnapshot().map((c) => [c.container, c.data])).toEqual([
      [a, { id: 1, qty: 5 }],
      [b, { id: 2 }],
    ]);
    store.delete(a);
    expect(store.getSnapshot().map((c) => c.container)).toEqual([b]);
  });

  it('keeps a cell key across data updates so React keeps its state (an open dialog)', () => {
    const store = new PortalCellStore();
    const a = element();
    store.set(a, Cell, { id: 1 });
    const key = store.getSnapshot()[0]!.key;
    store.set(a, Cell, { id: 1, qty: 5 });
    expect(store.getSnapshot()[0]!.key).toBe(key);
  });

  it('tells subscribers about changes only, and keeps the same snapshot when nothing changed', () => {
    const store = new PortalCellStore();
    const a = element();
    const data = { id: 1 };
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.set(a, Cell, data);
    const snapshot = store.getSnapshot();
    store.set(a, Cell, data); // a refresh with the same row object
    store.delete(element()); // never registered
    expect(calls).toBe(1);
    expect(store.getSnapshot()).toBe(snapshot);
    stop();
    store.delete(a);
    expect(calls).toBe(1);
  });
});
