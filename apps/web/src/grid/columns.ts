import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatMoney, formatNumber, formatPct, formatQty } from '../format/numbers';
import { formatTime, formatDateTime } from '../format/time';
import { FlashCell } from './FlashCell';
import { cachedFormat } from './formatCache';
import { TitledCell, TitledHeader, type TitledCellParams } from './titledCells';

/** The column id of a grid's per-row buttons: never exported. */
export const ACTIONS_COLUMN = 'actions';

export type NumberKind = 'price' | 'money' | 'pnl' | 'pct' | 'qty';

const FORMAT: Record<NumberKind, (v: string | null | undefined) => string> = {
  price: cachedFormat((v) => formatNumber(v, 2)),
  money: cachedFormat((v) => formatNumber(v, 2)),
  pnl: cachedFormat((v) => formatMoney(v, { sign: true })),
  pct: cachedFormat((v) => formatPct(v)),
  qty: cachedFormat((v) => formatQty(v)),
};

/** A numeric column's text for a value; '' is a deliberately blank cell (e.g. a total's price). */
export function formatNumberCell(kind: NumberKind, value: string | null | undefined): string {
  return value === '' ? '' : FORMAT[kind](value);
}

/** Sorting and filtering only: display and order math never use these floats. */
function asNumber(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function compareDecimal(a: unknown, b: unknown): number {
  return (asNumber(a) ?? -Infinity) - (asNumber(b) ?? -Infinity);
}

/** Tabular figures, right-aligned (the alignment class the `rightAligned` column type adds). */
const ALWAYS_NUMERIC = { num: () => true, 'ag-right-aligned-cell': () => true };

/** A right-aligned, fixed-decimal, tabular numeric column that flashes on change. */
export function numberColumn<T>(
  field: ColDef<T>['field'],
  headerName: string,
  kind: NumberKind,
  extra: ColDef<T> = {},
): ColDef<T> {
  return {
    field,
    colId: field as string,
    headerName,
    type: 'rightAligned',
    // Not `cellClass`: AG Grid removes and re-adds a static cell class on every refresh of the
    // cell (four class-list writes, each invalidating its style, per ticking cell). A rule that
    // always holds is set once. The empty `cellClass` replaces the column type's own.
    cellClass: [],
    cellClassRules: ALWAYS_NUMERIC,
    valueFormatter: (p: ValueFormatterParams<T>) =>
      formatNumberCell(kind, p.value as string | null),
    // AG Grid redraws a cell whose value changed; a change the text does not show (a fourth
    // decimal of a price shown to two) is not one, so the cell is neither rewritten nor flashed.
    equals: (a: unknown, b: unknown) =>
      a === b ||
      formatNumberCell(kind, a as string | null) === formatNumberCell(kind, b as string | null),
    comparator: compareDecimal,
    filter: 'agNumberColumnFilter',
    filterValueGetter: (p) => asNumber(p.getValue(field as string)),
    cellRenderer: FlashCell,
    cellRendererParams: { signed: kind === 'pnl' || kind === 'pct' },
    minWidth: 84,
    ...extra,
  };
}

export function textColumn<T>(
  field: ColDef<T>['field'],
  headerName: string,
  extra: ColDef<T> = {},
): ColDef<T> {
  return {
    field,
    colId: field as string,
    headerName,
    filter: 'agTextColumnFilter',
    minWidth: 72,
    ...extra,
  };
}

/** A time column in the user's zone, with the full date and zone on hover. */
export function timeColumn<T>(
  field: ColDef<T>['field'],
  headerName: string,
  extra: ColDef<T> = {},
): ColDef<T> {
  return {
    field,
    colId: field as string,
    headerName,
    cellClass: 'num text-muted',
    valueFormatter: (p) => formatTime(p.value as string),
    cellRenderer: TitledCell,
    cellRendererParams: {
      titleOf: (v) => formatDateTime(v as string),
    } satisfies Partial<TitledCellParams>,
    minWidth: 80,
    maxWidth: 96,
    ...extra,
  };
}

/** Buy/Sell in words and colour. */
export function sideColumn<T>(field: ColDef<T>['field'], extra: ColDef<T> = {}): ColDef<T> {
  return {
    field,
    colId: field as string,
    headerName: 'Side',
    minWidth: 56,
    maxWidth: 72,
    valueFormatter: (p) => (p.value === 'buy' ? 'BUY' : p.value === 'sell' ? 'SELL' : '—'),
    cellClassRules: {
      'text-up font-semibold': (p) => p.value === 'buy',
      'text-down font-semibold': (p) => p.value === 'sell',
    },
    filter: 'agTextColumnFilter',
    ...extra,
  };
}

/** Header props giving a column's label a hover text (the browser's, see TitledCell). */
export function headerTitle<T>(title: string): Pick<ColDef<T>, 'headerComponentParams'> {
  return {
    headerComponentParams: {
      innerHeaderComponent: TitledHeader,
      innerHeaderComponentParams: { title },
    },
  };
}
