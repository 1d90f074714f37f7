import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatMoney, formatNumber, formatPct, formatQty } from '../format/numbers';
import { formatTime, formatDateTime } from '../format/time';
import { FlashCell } from './FlashCell';

type Kind = 'price' | 'money' | 'pnl' | 'pct' | 'qty';

const FORMAT: Record<Kind, (v: string | null | undefined) => string> = {
  price: (v) => formatNumber(v, 2),
  money: (v) => formatNumber(v, 2),
  pnl: (v) => formatMoney(v, { sign: true }),
  pct: (v) => formatPct(v),
  qty: (v) => formatQty(v),
};

/** Sorting and filtering only: display and order math never use these floats. */
function asNumber(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function compareDecimal(a: unknown, b: unknown): number {
  return (asNumber(a) ?? -Infinity) - (asNumber(b) ?? -Infinity);
}

/** A right-aligned, fixed-decimal, tabular numeric column that flashes on change. */
export function numberColumn<T>(
  field: ColDef<T>['field'],
  headerName: string,
  kind: Kind,
  extra: ColDef<T> = {},
): ColDef<T> {
  return {
    field,
    colId: field as string,
    headerName,
    type: 'rightAligned',
    // the column type's own cellClass is replaced by ours, so keep its alignment class
    cellClass: 'num ag-right-aligned-cell',
    // '' is a deliberately blank cell (e.g. per-share columns of a totals row)
    valueFormatter: (p: ValueFormatterParams<T>) =>
      p.value === '' ? '' : FORMAT[kind](p.value as string | null),
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
    tooltipValueGetter: (p) => formatDateTime(p.value as string),
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
