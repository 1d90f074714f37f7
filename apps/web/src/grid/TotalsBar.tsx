import type { BodyScrollEvent, Column, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { totalsLayout, type TotalsColumn, type TotalsGroup } from './totalsLayout';

/** One totals cell's text, keyed by the column it sits under. */
export interface TotalsCell {
  text: string;
  /** Extra classes, e.g. the sign colour of a P&L total. */
  className?: string;
  align?: 'right';
}

export type TotalsCells = Partial<Record<string, TotalsCell>>;

function displayedColumns<T>(api: GridApi<T>): TotalsColumn[] {
  return api.getAllDisplayedColumns().map((c: Column) => ({
    colId: c.getColId(),
    width: c.getActualWidth(),
    pinned: c.isPinnedLeft() ? 'left' : c.isPinnedRight() ? 'right' : null,
  }));
}

const sameColumns = (a: TotalsColumn[], b: TotalsColumn[]) =>
  a.length === b.length &&
  a.every(
    (c, i) => c.colId === b[i]!.colId && c.width === b[i]!.width && c.pinned === b[i]!.pinned,
  );

const shift = (left: number) => `translateX(${-left}px)`;

/** What the grid tells the totals bar: hand the handlers to the grid's events. */
export interface TotalsFollow<T> {
  /** For the grid's ready, displayed-columns and column-resized events. */
  onColumns: (e: { api: GridApi<T> }) => void;
  /** For the grid's body scroll event. */
  onBodyScroll: (e: BodyScrollEvent<T>) => void;
  columns: TotalsColumn[];
  /** Ref for the bar's scrolling centre. */
  center: (el: HTMLDivElement | null) => void;
}

/**
 * Follows a grid's displayed columns (order, widths, hiding, pinning) and horizontal scroll for a
 * totals bar. Fed from the grid's own event props, so the grid needs no event-API module; kept
 * by the grid even while no bar is shown, so a bar that appears later starts in place.
 */
export function useTotalsFollow<T>(): TotalsFollow<T> {
  const [columns, setColumns] = useState<TotalsColumn[]>([]);
  const scrollLeft = useRef(0);
  const centerEl = useRef<HTMLDivElement | null>(null);
  const onColumns = useCallback(
    ({ api }: { api: GridApi<T> }) =>
      setColumns((prev) => {
        const next = displayedColumns(api);
        return sameColumns(prev, next) ? prev : next;
      }),
    [],
  );
  // Scrolling moves the centre cells directly (React leaves `transform` alone): no React render
  // per scroll event.
  const onBodyScroll = useCallback((e: BodyScrollEvent<T>) => {
    if (e.direction !== 'horizontal') return;
    scrollLeft.current = e.left;
    if (centerEl.current) centerEl.current.style.transform = shift(e.left);
  }, []);
  const center = useCallback((el: HTMLDivElement | null) => {
    centerEl.current = el;
    if (el) el.style.transform = shift(scrollLeft.current);
  }, []);
  return useMemo(
    () => ({ onColumns, onBodyScroll, columns, center }),
    [onColumns, onBodyScroll, columns, center],
  );
}

function Group({ group, cells }: { group: TotalsGroup; cells: TotalsCells }) {
  return group.cells.map(({ colId, left, width }) => {
    const cell = cells[colId];
    return (
      <div
        key={colId}
        data-col-id={colId}
        style={{ left, width }}
        className={`absolute inset-y-0 flex items-center truncate px-2.5 ${
          cell?.align === 'right' ? 'justify-end' : ''
        } ${cell?.className ?? ''}`}
      >
        {cell?.text}
      </div>
    );
  });
}

/**
 * A totals row under a grid, outside it, laid out under the grid's displayed columns. Kept out of
 * AG Grid on purpose: a pinned bottom row made the grid re-measure its viewport (a forced layout)
 * on every pushed update, whereas this re-renders only when the totals or the columns change.
 */
export function TotalsBar({
  columns,
  centerRef,
  cells,
}: {
  columns: TotalsColumn[];
  /** TotalsFollow's `center`: the grid's horizontal scroll moves this element. */
  centerRef: (el: HTMLDivElement | null) => void;
  cells: TotalsCells;
}) {
  const layout = totalsLayout(columns);
  return (
    <div
      role="group"
      aria-label="Totals"
      data-testid="grid-totals"
      className="num flex h-7 shrink-0 border-t border-line bg-raised text-xs font-semibold"
    >
      <div className="relative shrink-0" style={{ width: layout.left.width }}>
        <Group group={layout.left} cells={cells} />
      </div>
      <div className="relative min-w-0 flex-1 overflow-hidden">
        <div
          ref={centerRef}
          className="absolute inset-y-0 left-0"
          style={{ width: layout.center.width }}
        >
          <Group group={layout.center} cells={cells} />
        </div>
      </div>
      <div className="relative shrink-0" style={{ width: layout.right.width }}>
        <Group group={layout.right} cells={cells} />
      </div>
    </div>
  );
}
