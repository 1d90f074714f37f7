import type { GridId } from '@qd/contracts';
import {
  createGrid,
  type ColDef,
  type GetRowIdFunc,
  type GetRowIdParams,
  type GridApi,
  type GridOptions,
} from 'ag-grid-community';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { afterNextPaint } from '../afterPaint';
import { cspNonce } from '../cspNonce';
import { EmptyState } from '../ui/EmptyState';
import { SkeletonRows } from '../ui/Skeleton';
import { useGridTurn } from './gridTurn';
import { RowPacer } from './rowPacer';
import { PortalCells } from './PortalCells';
import { PortalCellStore, type PortalGridContext } from './portalCells';
import { gridTheme } from './setup';
import { TotalsBar, useTotalsFollow, type TotalsCells } from './TotalsBar';
import { useGridState } from './useGridState';

interface DataGridProps<T> {
  rows: T[] | undefined;
  columns: ColDef<T>[];
  getRowId: GetRowIdFunc<T>;
  loadingLabel: string;
  empty: { title: string; hint?: ReactNode };
  defaultColDef?: ColDef<T>;
  /** Saves the user's column layout under this id (per user, on the server). */
  gridId?: GridId;
  /** Receives the grid's API once ready (for export), null when it goes away. */
  onApi?: (api: GridApi<T> | null) => void;
  /** A totals row under the body (outside the grid), by column id; none when undefined. */
  totals?: TotalsCells;
}

/**
 * Rows rendered beyond the visible ones on each side (AG Grid's default is 10). Every rendered
 * row's cells are refreshed on each pushed update, visible or not: on a ticking book the default
 * doubled the cells redrawn per update for rows nobody sees. Two still cover a wheel step.
 */
const ROW_BUFFER = 2;

const DEFAULT_COL: ColDef = {
  sortable: true,
  resizable: true,
  flex: 1,
  suppressHeaderMenuButton: false,
};

/**
 * Ids of the rows the grid has in the DOM, read from the DOM itself (a few dozen elements): the
 * API call for it needs a grid module this app does not load.
 */
function renderedRowIds(el: HTMLElement | null): Set<string> {
  const ids = new Set<string>();
  for (const row of el?.querySelectorAll('.ag-row[row-id]') ?? [])
    ids.add(row.getAttribute('row-id')!);
  return ids;
}

/**
 * An AG Grid filling its panel: skeleton rows until the first snapshot (and its turn: grids are
 * created one per frame, see gridTurn.ts), then the grid (kept mounted, so rows update in place),
 * with an empty message over its body when there are no rows.
 */
export function DataGrid<T>(props: DataGridProps<T>) {
  const turn = useGridTurn(props.rows !== undefined);
  if (props.rows === undefined || !turn) return <SkeletonRows label={props.loadingLabel} />;
  return <LiveGrid {...props} rows={props.rows} />;
}

/**
 * The grid itself: vanilla AG Grid in a div this component owns (no ag-grid-react, which would
 * put every row and cell through React on each pushed update; see docs/adr/0007). It gets its
 * rows once, at creation; every later `rows` array is handed over as transactions of the rows
 * that changed (the topic cache keeps unchanged rows' objects), paced so the rendered rows'
 * redraw is spread over frames (see RowPacer). Passing a new `rowData` instead makes AG Grid diff
 * every row and redraw and re-measure the whole viewport (a forced layout) on each pushed update.
 * Totals sit under the grid, outside it (see TotalsBar). React cells (action buttons) are
 * rendered into the grid's cells through portals (see portalCells.ts).
 */
function LiveGrid<T>({
  rows,
  columns,
  getRowId,
  empty,
  defaultColDef,
  gridId,
  onApi,
  totals,
}: DataGridProps<T> & { rows: T[] }) {
  const state = useGridState<T>(gridId);
  // A new object per render would make AG Grid rebuild every column on every pushed update.
  const colDef = useMemo(
    () => ({ ...(DEFAULT_COL as ColDef<T>), ...defaultColDef }),
    [defaultColDef],
  );
  const [initialRows] = useState(rows);
  const [cells] = useState(() => new PortalCellStore());
  const api = useRef<GridApi<T> | null>(null);
  const follow = useTotalsFollow<T>();
  const { onGridReady: restoreState, onColumnChanged } = state;
  const { onColumns, onBodyScroll } = follow;
  // The grid's options hold fixed functions that call the latest props and handlers.
  const latest = useRef({ rows, getRowId, onApi, restoreState, onColumnChanged });
  useLayoutEffect(() => {
    latest.current = { rows, getRowId, onApi, restoreState, onColumnChanged };
  });
  // AG Grid reads getRowId once; callers may pass a new function each render.
  const rowId = useCallback((p: GetRowIdParams<T>) => latest.current.getRowId(p), []);

  const pacer = useRef<RowPacer<T> | null>(null);
  const frame = useRef<HTMLDivElement | null>(null);
  const host = useRef<HTMLDivElement | null>(null);
  const sync = useCallback(() => {
    const grid = api.current;
    if (!grid || grid.isDestroyed()) return;
    pacer.current ??= new RowPacer<T>(
      {
        apply: (tx) => void grid.applyTransaction(tx),
        replace: (next) => grid.setGridOption('rowData', next),
        renderedIds: () => renderedRowIds(frame.current),
      },
      (data: T) => rowId({ data } as GetRowIdParams<T>),
      initialRows,
      afterNextPaint,
    );
    pacer.current.push(latest.current.rows);
  }, [rowId, initialRows]);

  useEffect(sync, [sync, rows]);

  // Columns and default column are the only options that change after creation.
  const created = useRef({ columns, colDef });
  useEffect(() => {
    if (created.current.columns !== columns) api.current?.setGridOption('columnDefs', columns);
    if (created.current.colDef !== colDef) api.current?.setGridOption('defaultColDef', colDef);
    created.current = { columns, colDef };
  }, [columns, colDef]);

  // Re-renders once after creation so the React cells the grid's first rows registered are
  // rendered before the frame is painted: PortalCells subscribes to the store in a passive
  // effect, which may run after the paint.
  const [, cellsCreated] = useReducer((n: number) => n + 1, 0);
  // A layout effect, as ag-grid-react's ref callback did: the grid is built in the commit that
  // removes the skeleton, so no frame shows an empty panel between them.
  useLayoutEffect(() => {
    const options: GridOptions<T> = {
      theme: gridTheme,
      styleNonce: cspNonce(), // the CSP has no 'unsafe-inline' for styles
      rowData: initialRows,
      columnDefs: created.current.columns,
      defaultColDef: created.current.colDef,
      getRowId: rowId,
      context: { portalCells: cells } satisfies PortalGridContext,
      suppressColumnVirtualisation: true,
      rowBuffer: ROW_BUFFER,
      suppressCellFocus: false,
      animateRows: false,
      // A transaction re-sorts only the rows it changed (merged into the sorted rest) instead of
      // all of them: a tick of 1,000 rows handed over a few rows a frame sorted 1,000 each time.
      deltaSort: true,
      // Header and row cells in the DOM in column order after a move, as ag-grid-react's React
      // rendering kept them (vanilla only repositions them): screen readers and anything reading
      // the DOM see the order on screen.
      ensureDomOrder: true,
      suppressNoRowsOverlay: true,
      onGridReady: (e) => {
        api.current = e.api;
        latest.current.restoreState(e);
        onColumns(e);
        latest.current.onApi?.(e.api);
        sync(); // rows that arrived while the grid was being created
      },
      onGridPreDestroyed: () => {
        pacer.current?.cancel();
        pacer.current = null;
        api.current = null;
        latest.current.onApi?.(null);
      },
      onSortChanged: (e) => latest.current.onColumnChanged(e),
      onColumnMoved: (e) => latest.current.onColumnChanged(e),
      onColumnResized: (e) => {
        latest.current.onColumnChanged(e);
        onColumns(e);
      },
      onDisplayedColumnsChanged: onColumns,
      onBodyScroll,
      onColumnVisible: (e) => latest.current.onColumnChanged(e),
      onColumnPinned: (e) => latest.current.onColumnChanged(e),
    };
    const grid = createGrid(host.current!, options);
    if (cells.getSnapshot().length > 0) cellsCreated();
    return () => grid.destroy();
  }, [initialRows, rowId, cells, sync, onColumns, onBodyScroll]);

  return (
    <div ref={frame} className="absolute inset-0 flex flex-col" data-grid-id={gridId}>
      <div className="relative min-h-0 flex-1">
        <div ref={host} className="h-full w-full" />
        <PortalCells store={cells} />
        {rows.length === 0 && <EmptyState overlay title={empty.title} hint={empty.hint} />}
      </div>
      {totals && <TotalsBar columns={follow.columns} centerRef={follow.center} cells={totals} />}
    </div>
  );
}
