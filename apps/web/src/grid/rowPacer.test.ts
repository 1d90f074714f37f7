import type { RowDataTransaction } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { RowPacer } from './rowPacer';

interface Row {
  id: string;
  v: number;
}
const id = (r: Row) => r.id;
const rows = (n: number, v: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, v }));

/** A fake grid holding rows by id, with the first `rendered` rows of the list in the DOM. */
function fakeGrid(initial: Row[], rendered: number) {
  const held = new Map(initial.map((r) => [r.id, r]));
  const txs: RowDataTransaction<Row>[] = [];
  const steps: Array<() => void> = [];
  const grid = {
    apply(tx: RowDataTransaction<Row>) {
      txs.push(tx);
      for (const r of tx.remove ?? []) held.delete(r.id);
      for (const r of [...(tx.add ?? []), ...(tx.update ?? [])]) held.set(r.id, r);
    },
    replace(next: Row[]) {
      held.clear();
      for (const r of next) held.set(r.id, r);
    },
    renderedIds: () => new Set(initial.slice(0, rendered).map(id)),
  };
  const schedule = (step: () => void) => {
    steps.push(step);
    return () => steps.splice(steps.indexOf(step), 1);
  };
  /** Runs the scheduled frames one by one until none is left; returns how many ran. */
  const frames = () => {
    let n = 0;
    for (; steps.length; n++) steps.shift()!();
    return n;
  };
  return { grid, held, txs, steps, schedule, frames };
}

describe('RowPacer', () => {
  it('hands off-screen rows over in the first frame and rendered rows a few per frame', () => {
    const first = rows(100, 1);
    const f = fakeGrid(first, 12);
    const pacer = new RowPacer(f.grid, id, first, f.schedule, 5);
    const next = rows(100, 2);
    pacer.push(next);
    expect(f.txs).toHaveLength(0); // nothing before the next frame
    f.steps.shift()!();
    expect(f.txs[0]!.update).toHaveLength(88 + 5);
    expect(f.frames()).toBe(2); // the 7 rendered rows left: 5, then 2
    expect(f.txs.map((t) => t.update!.length)).toEqual([93, 5, 2]);
    expect([...f.held.values()]).toEqual(expect.arrayContaining(next));
    expect(pacer.queued).toBe(0);
  });

  it('gives the grid only the newest object of a row still queued, keeping its place', () => {
    const first = rows(10, 1);
    const f = fakeGrid(first, 10);
    const pacer = new RowPacer(f.grid, id, first, f.schedule, 4);
    pacer.push(rows(10, 2));
    f.steps.shift()!(); // r0..r3 at v2
    pacer.push(rows(10, 3));
    f.frames();
    const handed = f.txs.flatMap((t) => t.update!);
    expect(handed.filter((r) => r.v === 2).map(id)).toEqual(['r0', 'r1', 'r2', 'r3']);
    // r4..r9 were still queued at v2: they go over once, at v3, before r0..r3 come round again
    expect(handed.slice(4, 10).map((r) => `${r.id}:${r.v}`)).toEqual(
      ['r4', 'r5', 'r6', 'r7', 'r8', 'r9'].map((r) => `${r}:3`),
    );
    expect([...f.held.values()].every((r) => r.v === 3)).toBe(true);
  });

  it('flushes the queue with an added or removed row, in one transaction', () => {
    const first = rows(10, 1);
    const f = fakeGrid(first, 10);
    const pacer = new RowPacer(f.grid, id, first, f.schedule, 2);
    pacer.push(rows(10, 2));
    const added = { id: 'new', v: 1 };
    const next = [added, ...rows(10, 2).filter((r) => r.id !== 'r3')];
    pacer.push(next);
    expect(f.txs).toHaveLength(1);
    expect(f.txs[0]!.add).toEqual([added]);
    expect(f.txs[0]!.remove!.map(id)).toEqual(['r3']);
    expect(f.txs[0]!.update!.map(id)).not.toContain('r3');
    expect(f.txs[0]!.update).toHaveLength(9);
    expect(f.frames()).toBe(0); // nothing left queued
    expect([...f.held.keys()].sort()).toEqual(next.map(id).sort());
  });

  it('replaces the rows on a reorder and drops what was queued', () => {
    const first = rows(3, 1);
    const f = fakeGrid(first, 3);
    const pacer = new RowPacer(f.grid, id, first, f.schedule, 1);
    pacer.push(rows(3, 2));
    const reordered = [...rows(3, 3)].reverse();
    pacer.push(reordered);
    expect(f.frames()).toBe(0);
    expect([...f.held.values()]).toEqual(reordered);
  });

  it('hands nothing over after cancel', () => {
    const first = rows(3, 1);
    const f = fakeGrid(first, 3);
    const pacer = new RowPacer(f.grid, id, first, f.schedule, 1);
    pacer.push(rows(3, 2));
    pacer.cancel();
    expect(f.frames()).toBe(0);
    expect(f.txs).toHaveLength(0);
  });
});
