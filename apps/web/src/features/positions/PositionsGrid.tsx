import type { Position } from '@qd/contracts';
import type { ColDef } from 'ag-grid-community';
import { numberColumn, textColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { useFreshness } from '../../live/useFreshness';
import { Panel } from '../../ui/Panel';
import { StaleMarker } from '../../ui/StaleMarker';
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
];

export function PositionsGrid() {
  const positions = usePositions();
  const fresh = useFreshness('positions');
  return (
    <Panel
      title="Positions"
      testId="positions-grid"
      className="min-h-[240px]"
      actions={
        <>
          <StaleMarker freshness={fresh} />
          {positions && <span className="num">{positions.length}</span>}
        </>
      }
    >
      <div className={`absolute inset-0 ${fresh.stale ? 'stale' : ''}`}>
        <DataGrid<Position>
          rows={positions}
          columns={COLUMNS}
          getRowId={(p) => p.data.symbol}
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
