import type { Position } from '@qd/contracts';
import type { ColDef, GetRowIdParams, GridApi } from 'ag-grid-community';
import { useMemo, useRef } from 'react';
import { ColumnsMenu } from '../../grid/ColumnsMenu';
import { ExportActions } from '../../grid/ExportActions';
import { numberColumn, textColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
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
    colId: 'actions',
    headerName: '',
    cellRenderer: ClosePositionCell,
    sortable: false,
    filter: false,
    resizable: false,
    suppressMovable: true,
    minWidth: 76,
    maxWidth: 76,
    cellStyle: { paddingLeft: '4px', paddingRight: '8px', display: 'flex', alignItems: 'center' },
  },
];

const rowId = (p: GetRowIdParams<Position>) =>
  p.rowPinned ? `pinned-${p.rowPinned}` : p.data.symbol;

export function PositionsGrid() {
  const positions = usePositions();
  const fresh = useFreshness('positions');
  const api = useRef<GridApi<Position> | null>(null);
  // no action buttons at all for roles that cannot trade
  const canTrade = useSession()?.permissions.includes('orders:write') ?? false;
  const columns = useMemo(
    () => (canTrade ? COLUMNS : COLUMNS.filter((c) => c.colId !== 'actions')),
    [canTrade],
  );
  const totals = useMemo(
    () => (positions && positions.length > 0 ? [positionTotals(positions)] : undefined),
    [positions],
  );
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
          <ColumnsMenu gridId="positions" title="positions" api={() => api.current} />
          <ExportActions gridId="positions" title="positions" api={() => api.current} />
        </>
      }
    >
      <div className={`absolute inset-0 ${fresh.stale ? 'stale' : ''}`}>
        <DataGrid<Position>
          gridId="positions"
          rows={positions}
          columns={columns}
          getRowId={rowId}
          pinnedBottomRows={totals}
          onApi={(a) => (api.current = a)}
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
