import type { GridId } from '@qd/contracts';
import type { Column, GridApi } from 'ag-grid-community';
import { Columns3 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { usePreferences } from '../features/preferences/usePreferences';
import { toSavedState } from './columnState';

interface Props<T> {
  gridId: GridId;
  title: string;
  api: () => GridApi<T> | null;
}

/** Title-row menu to show or hide columns and reset the layout; changes are saved per user. */
export function ColumnsMenu<T>({ gridId, title, api }: Props<T>) {
  const { update } = usePreferences();
  const [open, setOpen] = useState(false);
  const [columns, setColumns] = useState<Column[]>([]);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const refresh = (grid: GridApi<T>) =>
    setColumns(grid.getColumns()?.filter((c) => c.getColDef().headerName) ?? []);

  function toggleMenu() {
    const grid = api();
    if (grid) refresh(grid);
    setOpen(!open);
  }

  function setVisible(column: Column, visible: boolean) {
    const grid = api();
    if (!grid) return;
    grid.setColumnsVisible([column], visible);
    refresh(grid);
    void update({ grids: { [gridId]: toSavedState(grid.getColumnState()) } });
  }

  function reset() {
    const grid = api();
    grid?.resetColumnState();
    if (grid) refresh(grid);
    void update({ grids: { [gridId]: null } });
  }

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        onClick={toggleMenu}
        aria-expanded={open}
        aria-label={`Choose ${title} columns`}
        title="Columns"
        className="flex size-6 items-center justify-center rounded-sm text-muted hover:bg-hover hover:text-fg"
      >
        <Columns3 aria-hidden className="size-3.5" />
      </button>
      {open && (
        <div
          role="group"
          aria-label={`${title} columns`}
          className="absolute top-7 right-0 z-30 flex w-48 flex-col rounded-md border border-line-strong bg-raised py-1 text-ui text-fg"
        >
          {columns.map((c) => (
            <label
              key={c.getColId()}
              className="flex h-7 cursor-pointer items-center gap-2 px-3 hover:bg-hover"
            >
              <input
                type="checkbox"
                checked={c.isVisible()}
                onChange={(e) => setVisible(c, e.target.checked)}
              />
              {c.getColDef().headerName}
            </label>
          ))}
          <button
            type="button"
            onClick={reset}
            className="mt-1 h-7 border-t border-line px-3 text-left text-xs text-muted hover:bg-hover hover:text-fg"
          >
            Reset columns
          </button>
        </div>
      )}
    </div>
  );
}
