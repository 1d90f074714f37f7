import type { RowDataTransaction } from 'ag-grid-community';
import { rowTransaction } from './rowTransaction';

/** What the pacer drives: a grid's row API, narrowed to what pacing needs (tests fake it). */
export interface PacedGrid<T> {
  /** Hands a transaction to the grid. */
  apply(tx: RowDataTransaction<T>): void;
  /** Replaces every row (a reorder a transaction cannot express). */
  replace(rows: T[]): void;
  /** Ids of the rows the grid has in the DOM now. */
  renderedIds(): ReadonlySet<string>;
}

/** Runs `step` once, after the next frame; returns its cancellation. */
export type FrameScheduler = (step: () => void) => () => void;

/** Rendered rows whose update is handed to the grid per frame. */
export const ROWS_PER_FRAME = 5;

/**
 * Feeds a grid its rows so that a pushed update's DOM work is spread over frames instead of
 * landing before one. Only the rendered rows cost DOM work (their cells are rewritten, laid out,
 * painted and flashed), so their updates go to the grid a few rows per frame; every other row's
 * update goes in the first step at once (data only, nothing to draw). An update that arrives
 * while rows are still queued replaces their queued object (the grid only ever gets a row's
 * newest object); rows added or removed flush the whole queue with them, in one transaction.
 */
export class RowPacer<T> {
  /** Updates of rows that were not rendered: the next step takes all of them. */
  private readonly offscreen = new Map<string, T>();
  /** Updates of rendered rows, oldest first: each step takes `perFrame` of them. */
  private readonly onscreen = new Map<string, T>();
  private cancelStep: (() => void) | null = null;

  constructor(
    private readonly grid: PacedGrid<T>,
    private readonly id: (row: T) => string,
    private shown: readonly T[],
    private readonly schedule: FrameScheduler,
    private readonly perFrame = ROWS_PER_FRAME,
  ) {}

  /** The grid should show `next` (the list the rows came from; unchanged rows keep their object). */
  push(next: readonly T[]): void {
    if (next === this.shown) return;
    const tx = rowTransaction(this.shown, next, this.id);
    this.shown = next;
    if (!tx) {
      this.clear();
      return this.grid.replace([...next]);
    }
    const update = tx.update ?? [];
    if (tx.add?.length || tx.remove?.length) {
      // Structural: everything queued goes with it (a queued row may be the one removed).
      const all = new Map([...this.offscreen, ...this.onscreen]);
      for (const row of tx.remove ?? []) all.delete(this.id(row));
      for (const row of update) all.set(this.id(row), row);
      this.clear();
      return this.grid.apply({ ...tx, update: [...all.values()] });
    }
    if (update.length === 0) return;
    const rendered = this.grid.renderedIds();
    for (const row of update) {
      const key = this.id(row);
      // A queued row keeps its place in line: delete + set would send it to the back.
      if (rendered.has(key)) {
        this.offscreen.delete(key);
        this.onscreen.set(key, row);
      } else {
        this.onscreen.delete(key);
        this.offscreen.set(key, row);
      }
    }
    this.cancelStep ??= this.schedule(this.step);
  }

  /** Rows waiting for a frame (for tests and diagnostics). */
  get queued(): number {
    return this.offscreen.size + this.onscreen.size;
  }

  /** Stops: nothing queued is handed to the grid any more. */
  cancel(): void {
    this.clear();
  }

  private clear(): void {
    this.cancelStep?.();
    this.cancelStep = null;
    this.offscreen.clear();
    this.onscreen.clear();
  }

  private readonly step = (): void => {
    this.cancelStep = null;
    const update = [...this.offscreen.values()];
    this.offscreen.clear();
    let taken = 0;
    for (const [key, row] of this.onscreen) {
      if (taken++ === this.perFrame) break;
      update.push(row);
      this.onscreen.delete(key);
    }
    if (update.length) this.grid.apply({ update });
    if (this.onscreen.size) this.cancelStep = this.schedule(this.step);
  };
}
