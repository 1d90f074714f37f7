import type { GridId } from '@qd/contracts';
import { toCsv, toTsv, type CellValue } from '@qd/domain/export';
import type { GridApi } from 'ag-grid-community';
import { auditExport } from '../api/preferences';
import { ACTIONS_COLUMN } from './columns';

export interface GridTable {
  header: string[];
  columns: string[];
  rows: CellValue[][];
}

/**
 * What the grid shows, as a table: displayed data columns in their order (action columns
 * skipped), rows after the user's filter and sort, raw values (exact decimal strings, ISO times).
 */
export function gridTable<T>(api: GridApi<T>): GridTable {
  const cols = api.getAllDisplayedColumns().filter((c) => {
    const def = c.getColDef();
    // an action column may have a value (the row's key, so its buttons redraw only with the row)
    return (
      c.getColId() !== ACTIONS_COLUMN &&
      !!(def.field || def.valueGetter) &&
      !(def as { suppressExport?: boolean }).suppressExport
    );
  });
  const rows: CellValue[][] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (!node.data) return;
    rows.push(cols.map((c) => api.getCellValue({ rowNode: node, colKey: c }) as CellValue));
  });
  return {
    header: cols.map((c) => api.getDisplayNameForColumn(c, 'csv') ?? c.getColId()),
    columns: cols.map((c) => c.getColId()),
    rows,
  };
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Audits, then downloads the grid as a formula-safe CSV; returns the file name and row count. */
export async function exportCsv<T>(gridId: GridId, api: GridApi<T>) {
  const t = gridTable(api);
  const receipt = await auditExport({
    grid: gridId,
    format: 'csv',
    rows: t.rows.length,
    columns: t.columns,
  });
  download(receipt.fileName, toCsv(t.header, t.rows));
  return { fileName: receipt.fileName, rows: t.rows.length };
}

/** Audits, then copies the grid as formula-safe tab-separated text (pastes into spreadsheets). */
export async function copyGrid<T>(gridId: GridId, api: GridApi<T>) {
  const t = gridTable(api);
  await auditExport({ grid: gridId, format: 'clipboard', rows: t.rows.length, columns: t.columns });
  await navigator.clipboard.writeText(toTsv(t.header, t.rows));
  return { rows: t.rows.length };
}
