import type { Position } from '@qd/contracts';
import type { ColDef, GetRowIdParams, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef } from 'react';
import { ColumnsMenu } from '../../grid/ColumnsMenu';
import { ExportActions } from '../../grid/ExportActions';
import { ACTIONS_COLUMN, formatNumberCell, numberColumn, textColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { portalCell } from '../../grid/portalCells';
import { signClass } from '../../grid/FlashCell';
import type { TotalsCells } from '../../grid/TotalsBar';
import { useFreshness } from '../../live/useFreshness';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { StaleMarker } from '../../ui/StaleMarker';
import { ClosePositionCell } from './ClosePositionCell';
import { positionTotals } from './positionTotals';
import { usePositions } from './usePositions';

const COLUMNS: ColDef<Position>[] = [
  textColumn<Position>('symbol', 'Symbol', {
    sort: 'asc',
    cellClass: 'font-semibold',
    pinned: false,
  }),
  numberColumn<Position>('qty', 'Qty', 'qty'),
  numberColumn<Position>('avgPrice', 'Avg entry', 'price'),
  numberColumn<Position>('lastPrice', 'Last', 'price'),
  numberColumn<Position>('marketValue', 'Mkt value', 'money', { minWidth: 104 }),
  numberColumn<Position>('unrealizedPnl', 'Unrl P&L', 'pnl', { minWidth: 104 }),
  numberColumn<Position>('unrealizedPnlPct', 'Unrl %', 'pct'),
  numberColumn<Position>('dayPnl', 'Day P&L', 'pnl', { minWidth: 104 }),
  {
    colId: ACTIONS_COLUMN,
    headerName: '',
    ...portalCell(ClosePositionCell),
    // A column with no value is refreshed on every update of its row (a React render per row
    // per tick); with the symbol as its value it is refreshed only if that changes.
    valueGetter: (p) => p.data?.symbol,
    sortable: false,
    filter: false,
    resizable: false,
    suppressMovable: true,
    minWidth: 76,
    maxWidth: 76,
    cellStyle: { paddingLeft: '4px', paddingRight: '8px', display: 'flex', alignItems: 'center' },
  },
];

const rowId = (p: GetRowIdParams<Position>) => p.data.symbol;

/** The totals bar's cells: the summed money columns, formatted as the columns are. */
function totalsCells(positions: readonly Position[]): TotalsCells {
  const t = positionTotals(positions);
  const money = (v: string | null) => ({
    text: formatNumberCell('money', v),
    align: 'right' as const,
  });
  const pnl = (v: string | null) => ({
    text: formatNumberCell('pnl', v),
    align: 'right' as const,
    className: signClass(v),
  });
  return {
    symbol: { text: 'Total' },
    marketValue: money(t.marketValue),
    unrealizedPnl: pnl(t.unrealizedPnl),
    dayPnl: pnl(t.dayPnl),
  };
}

export function PositionsGrid() {
  const positions = usePositions();
  const fresh = useFreshness('positions');
  const api = useRef<GridApi<Position> | null>(null);
  // no action buttons at all for roles that cannot trade
  const canTrade = useSession()?.permissions.includes('orders:write') ?? false;
  const columns = useMemo(
    () => (canTrade ? COLUMNS : COLUMNS.filter((c) => c.colId !== ACTIONS_COLUMN)),
    [canTrade],
  );
  const totals = useMemo(
    () => (positions && positions.length > 0 ? totalsCells(positions) : undefined),
    [positions],
  );
  const onApi = useCallback((a: GridApi<Position> | null) => (api.current = a), []);
  // The same elements on every render, so a pushed update does not re-render the menus.
  const menus = useMemo(() => {
    const getApi = () => api.current;
    return (
      <>
        <ColumnsMenu gridId="positions" title="positions" api={getApi} />
        <ExportActions gridId="positions" title="positions" api={getApi} />
      </>
    );
  }, []);
  return (
    <Panel
      title="Positions"
      testId="positions-grid"
      className="min-h-[240px]"
      maximisable
      actions={
        <>
          <StaleMarker freshness={fresh} />
          {positions && <span className="num">{positions.length}</span>}
          {menus}
        </>
      }
    >
      <div className={`absolute inset-0 ${fresh.stale ? 'stale' : ''}`}>
        <DataGrid<Position>
          gridId="positions"
          rows={positions}
          columns={columns}
          getRowId={rowId}
          totals={totals}
          onApi={onApi}
          loadingLabel="Loading positions"
          empty={{
            title: 'No open positions',
            hint: 'Place an order from the ticket to open one.',
          }}
        />
      </div>
    </Panel>
  );
}
