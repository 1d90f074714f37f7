import type { GridColumnState, GridState } from '@qd/contracts';
import type { ColumnState } from 'ag-grid-community';

/**
 * The part of AG Grid's column state worth keeping per user: order, visibility, pinning, sort,
 * and the width of columns the user sized (flexible columns keep flexing).
 */
export function toSavedState(state: readonly ColumnState[]): GridState {
  return state.map((c) => {
    const out: GridColumnState = { colId: c.colId };
    if (typeof c.width === 'number' && (c.flex === null || c.flex === undefined))
      out.width = Math.max(20, Math.min(2000, Math.round(c.width)));
    if (c.hide) out.hide = true;
    if (c.pinned === 'left' || c.pinned === 'right') out.pinned = c.pinned;
    if (c.sort === 'asc' || c.sort === 'desc') {
      out.sort = c.sort;
      if (typeof c.sortIndex === 'number') out.sortIndex = c.sortIndex;
    }
    return out;
  });
}

/** Saved state back into AG Grid's shape: sized columns stop flexing; unnamed fields reset. */
export function toColumnState(saved: GridState): ColumnState[] {
  return saved.map((c) => ({
    colId: c.colId,
    hide: c.hide ?? false,
    pinned: c.pinned ?? null,
    sort: c.sort ?? null,
    sortIndex: c.sortIndex ?? null,
    ...(c.width !== undefined ? { width: c.width, flex: null } : {}),
  }));
}

/** Only a person's changes are saved, not the grid's own sizing or our restores. */
export function isUserChange(source: string): boolean {
  return source.startsWith('ui') || source === 'columnMenu' || source === 'contextMenu';
}
