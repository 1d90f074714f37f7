import type { GridId } from '@qd/contracts';
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef } from 'react';
import { usePreferences } from '../features/preferences/usePreferences';
import { isUserChange, toColumnState, toSavedState } from './columnState';

const SAVE_DELAY_MS = 500;

/**
 * Restores a grid's column layout from the user's preferences and saves the user's changes
 * (debounced) back to the server. Returns handlers for the grid's ready and column events.
 */
export function useGridState<T>(gridId: GridId | undefined) {
  const { prefs, loaded, update } = usePreferences();
  const saved = gridId ? prefs.grids[gridId] : undefined;
  const api = useRef<GridApi<T> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<(() => void) | null>(null);
  const applied = useRef<unknown>(undefined);

  const restore = useCallback(() => {
    const grid = api.current;
    // a change of ours still on its way to the server wins over an older saved copy
    if (!grid || !loaded || pending.current || applied.current === saved) return;
    if (JSON.stringify(applied.current) === JSON.stringify(saved)) return;
    if (saved) grid.applyColumnState({ state: toColumnState(saved), applyOrder: true });
    else if (applied.current) grid.resetColumnState(); // the user reset their layouts
    applied.current = saved;
  }, [saved, loaded]);

  useEffect(restore, [restore]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      pending.current?.();
    },
    [],
  );

  const onGridReady = useCallback(
    (e: { api: GridApi<T> }) => {
      api.current = e.api;
      restore();
    },
    [restore],
  );

  const onColumnChanged = useCallback(
    (e: { api: GridApi<T>; source: string; finished?: boolean }) => {
      if (!gridId || !isUserChange(e.source) || e.finished === false) return;
      clearTimeout(timer.current);
      // read the state now: the grid may be gone when the debounced save runs
      const state = toSavedState(e.api.getColumnState());
      applied.current = state;
      const save = () => {
        pending.current = null;
        void update({ grids: { [gridId]: state } });
      };
      pending.current = save;
      timer.current = setTimeout(save, SAVE_DELAY_MS);
    },
    [gridId, update],
  );

  return { onGridReady, onColumnChanged };
}
