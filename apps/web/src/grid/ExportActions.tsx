import type { GridId } from '@qd/contracts';
import type { GridApi } from 'ag-grid-community';
import { ClipboardCopy, Download } from 'lucide-react';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { showToast } from '../features/shell/toasts';

interface Props<T> {
  gridId: GridId;
  title: string;
  api: () => GridApi<T> | null;
}

const btn =
  'flex size-6 items-center justify-center rounded-sm text-muted hover:bg-hover hover:text-fg disabled:opacity-40';

/**
 * Title-row actions of a grid: download CSV, copy to clipboard. Both audited first. The export
 * code (CSV/TSV writing, the audit call) is loaded on the first click: the dashboard's first
 * view does not need it.
 */
export function ExportActions<T>({ gridId, title, api }: Props<T>) {
  const [busy, setBusy] = useState(false);
  async function run(kind: 'csv' | 'copy') {
    const grid = api();
    if (!grid || busy) return;
    setBusy(true);
    try {
      const { copyGrid, exportCsv } = await import('./exportGrid');
      if (kind === 'csv') {
        const r = await exportCsv(gridId, grid);
        showToast('success', `Exported ${r.rows} rows of ${title}`, r.fileName);
      } else {
        const r = await copyGrid(gridId, grid);
        showToast('success', `Copied ${r.rows} rows of ${title}`, 'Paste into a spreadsheet.');
      }
    } catch (e) {
      showToast(
        'error',
        `${kind === 'csv' ? 'Export' : 'Copy'} of ${title} failed`,
        e instanceof ApiError ? e.message : e instanceof Error ? e.message : undefined,
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="flex items-center gap-0.5">
      <button
        type="button"
        className={btn}
        disabled={busy}
        onClick={() => void run('csv')}
        aria-label={`Export ${title} as CSV`}
        title="Export CSV"
      >
        <Download aria-hidden className="size-3.5" />
      </button>
      <button
        type="button"
        className={btn}
        disabled={busy}
        onClick={() => void run('copy')}
        aria-label={`Copy ${title} to the clipboard`}
        title="Copy to clipboard"
      >
        <ClipboardCopy aria-hidden className="size-3.5" />
      </button>
    </span>
  );
}
