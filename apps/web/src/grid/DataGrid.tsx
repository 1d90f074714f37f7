import type { ColDef, GetRowIdFunc } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { ReactNode } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { SkeletonRows } from '../ui/Skeleton';
import { gridTheme } from './setup';

interface DataGridProps<T> {
  rows: T[] | undefined;
  columns: ColDef<T>[];
  getRowId: GetRowIdFunc<T>;
  loadingLabel: string;
  empty: { title: string; hint?: ReactNode };
  defaultColDef?: ColDef<T>;
}

const DEFAULT_COL: ColDef = {
  sortable: true,
  resizable: true,
  flex: 1,
  suppressHeaderMenuButton: false,
};

/**
 * An AG Grid filling its panel: skeleton rows until the first snapshot, then the grid (kept
 * mounted, so rows update in place), with an empty message over its body when there are no rows.
 */
export function DataGrid<T>({
  rows,
  columns,
  getRowId,
  loadingLabel,
  empty,
  defaultColDef,
}: DataGridProps<T>) {
  if (rows === undefined) return <SkeletonRows label={loadingLabel} />;
  return (
    <div className="absolute inset-0">
      <AgGridReact<T>
        theme={gridTheme}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={{ ...(DEFAULT_COL as ColDef<T>), ...defaultColDef }}
        getRowId={getRowId}
        suppressColumnVirtualisation
        suppressCellFocus={false}
        animateRows={false}
        tooltipShowDelay={400}
        suppressNoRowsOverlay
      />
      {rows.length === 0 && <EmptyState overlay title={empty.title} hint={empty.hint} />}
    </div>
  );
}
