import type { GridId } from '@qd/contracts';
import type { ColDef, GetRowIdFunc, GridApi, RowClassParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, type ReactNode } from 'react';
import { cspNonce } from '../cspNonce';
import { EmptyState } from '../ui/EmptyState';
import { SkeletonRows } from '../ui/Skeleton';
import { useGridTurn } from './gridTurn';
import { gridTheme } from './setup';
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
  /** Rows pinned under the body, e.g. totals. */
  pinnedBottomRows?: T[];
}

const DEFAULT_COL: ColDef = {
  sortable: true,
  resizable: true,
  flex: 1,
  suppressHeaderMenuButton: false,
};

const rowClass = (p: RowClassParams) => (p.node.rowPinned ? 'totals-row' : undefined);

/**
 * An AG Grid filling its panel: skeleton rows until the first snapshot (and its turn: grids are
 * created one per frame, see gridTurn.ts), then the grid (kept mounted, so rows update in place),
 * with an empty message over its body when there are no rows.
 */
export function DataGrid<T>({
  rows,
  columns,
  getRowId,
  loadingLabel,
  empty,
  defaultColDef,
  gridId,
  onApi,
  pinnedBottomRows,
}: DataGridProps<T>) {
  const state = useGridState<T>(gridId);
  // A new object per render would make AG Grid rebuild every column on every pushed update.
  const colDef = useMemo(
    () => ({ ...(DEFAULT_COL as ColDef<T>), ...defaultColDef }),
    [defaultColDef],
  );
  const turn = useGridTurn(rows !== undefined);
  if (rows === undefined || !turn) return <SkeletonRows label={loadingLabel} />;
  return (
    <div className="absolute inset-0" data-grid-id={gridId}>
      <AgGridReact<T>
        theme={gridTheme}
        styleNonce={cspNonce()}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={colDef}
        getRowId={getRowId}
        pinnedBottomRowData={pinnedBottomRows}
        getRowClass={rowClass}
        suppressColumnVirtualisation
        suppressCellFocus={false}
        animateRows={false}
        tooltipShowDelay={400}
        suppressNoRowsOverlay
        onGridReady={(e) => {
          state.onGridReady(e);
          onApi?.(e.api);
        }}
        onGridPreDestroyed={() => onApi?.(null)}
        onSortChanged={state.onColumnChanged}
        onColumnMoved={state.onColumnChanged}
        onColumnResized={state.onColumnChanged}
        onColumnVisible={state.onColumnChanged}
        onColumnPinned={state.onColumnChanged}
      />
      {rows.length === 0 && <EmptyState overlay title={empty.title} hint={empty.hint} />}
    </div>
  );
}
