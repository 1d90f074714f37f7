import { describe, expect, it } from 'vitest';
import { totalsLayout, type TotalsColumn } from './totalsLayout';

const col = (colId: string, width: number, pinned: TotalsColumn['pinned'] = null) => ({
  colId,
  width,
  pinned,
});

describe('totalsLayout', () => {
  it('places each cell under its column, in display order and at its width', () => {
    const layout = totalsLayout([col('symbol', 100), col('dayPnl', 120), col('qty', 80)]);
    expect(layout.center).toEqual({
      cells: [
        { colId: 'symbol', left: 0, width: 100 },
        { colId: 'dayPnl', left: 100, width: 120 },
        { colId: 'qty', left: 220, width: 80 },
      ],
      width: 300,
    });
    expect(layout.left).toEqual({ cells: [], width: 0 });
    expect(layout.right).toEqual({ cells: [], width: 0 });
  });

  it('keeps pinned columns out of the scrolling centre', () => {
    const layout = totalsLayout([
      col('qty', 80),
      col('symbol', 100, 'left'),
      col('actions', 76, 'right'),
      col('dayPnl', 120),
    ]);
    expect(layout.left).toEqual({ cells: [{ colId: 'symbol', left: 0, width: 100 }], width: 100 });
    expect(layout.center.cells.map((c) => [c.colId, c.left])).toEqual([
      ['qty', 0],
      ['dayPnl', 80],
    ]);
    expect(layout.right).toEqual({ cells: [{ colId: 'actions', left: 0, width: 76 }], width: 76 });
  });
});
