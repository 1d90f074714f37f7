/** A column as the grid displays it, in display order (hidden columns left out). */
export interface TotalsColumn {
  colId: string;
  width: number;
  pinned: 'left' | 'right' | null;
}

/** Where one totals cell sits inside its group, in pixels from the group's left edge. */
export interface TotalsCellBox {
  colId: string;
  left: number;
  width: number;
}

export interface TotalsGroup {
  cells: TotalsCellBox[];
  width: number;
}

/** The totals bar in three groups like the grid's: pinned left, scrolling centre, pinned right. */
export interface TotalsLayout {
  left: TotalsGroup;
  center: TotalsGroup;
  right: TotalsGroup;
}

function group(columns: readonly TotalsColumn[]): TotalsGroup {
  let x = 0;
  const cells = columns.map(({ colId, width }) => {
    const box = { colId, left: x, width };
    x += width;
    return box;
  });
  return { cells, width: x };
}

/**
 * Lays the totals cells out under the grid's displayed columns: same order, same widths, pinned
 * columns in their own groups (only the centre scrolls horizontally with the grid body).
 */
export function totalsLayout(columns: readonly TotalsColumn[]): TotalsLayout {
  return {
    left: group(columns.filter((c) => c.pinned === 'left')),
    center: group(columns.filter((c) => c.pinned === null)),
    right: group(columns.filter((c) => c.pinned === 'right')),
  };
}
