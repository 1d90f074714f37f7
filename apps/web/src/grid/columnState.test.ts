import { describe, expect, it } from 'vitest';
import { isUserChange, toColumnState, toSavedState } from './columnState';

describe('grid column state', () => {
  it('keeps order, visibility, pinning, sort and the widths the user set', () => {
    const saved = toSavedState([
      { colId: 'symbol', width: 120.4, flex: null, sort: 'asc', sortIndex: 0, pinned: 'left' },
      { colId: 'qty', width: 90, flex: 1, hide: true },
      { colId: 'pnl', width: 100, flex: 1, sort: null, pinned: null },
    ]);
    expect(saved).toEqual([
      { colId: 'symbol', width: 120, sort: 'asc', sortIndex: 0, pinned: 'left' },
      { colId: 'qty', hide: true },
      { colId: 'pnl' },
    ]);
  });

  it('restores sized columns as fixed width and resets what the saved state does not name', () => {
    expect(toColumnState([{ colId: 'symbol', width: 120 }, { colId: 'qty' }])).toEqual([
      {
        colId: 'symbol',
        hide: false,
        pinned: null,
        sort: null,
        sortIndex: null,
        width: 120,
        flex: null,
      },
      { colId: 'qty', hide: false, pinned: null, sort: null, sortIndex: null },
    ]);
  });

  it('saves only changes a person made', () => {
    expect(isUserChange('uiColumnResized')).toBe(true);
    expect(isUserChange('uiColumnMoved')).toBe(true);
    expect(isUserChange('api')).toBe(false);
    expect(isUserChange('flex')).toBe(false);
    expect(isUserChange('gridInitializing')).toBe(false);
  });
});
