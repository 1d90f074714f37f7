import type { Fill } from '@qd/contracts';
import type { ColDef } from 'ag-grid-community';
import { numberColumn, sideColumn, textColumn, timeColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { useFreshness } from '../../live/useFreshness';
import { Panel } from '../../ui/Panel';
import { StaleMarker } from '../../ui/StaleMarker';
import { useFills } from './useOrders';

const COLUMNS: ColDef<Fill>[] = [
  timeColumn<Fill>('ts', 'Time', { sort: 'desc', minWidth: 72 }),
  textColumn<Fill>('symbol', 'Symbol', { cellClass: 'font-semibold' }),
  sideColumn<Fill>('side'),
  numberColumn<Fill>('qty', 'Qty', 'qty', { cellRenderer: undefined, minWidth: 60 }),
  numberColumn<Fill>('price', 'Price', 'price', { cellRenderer: undefined, minWidth: 72 }),
];

export function FillsGrid() {
  const fills = useFills();
  const fresh = useFreshness('fills');
  return (
    <Panel
      title="Fills"
      testId="fills-grid"
      className="min-h-[200px]"
      actions={
        <>
          <StaleMarker freshness={fresh} />
          {fills && <span className="num">{fills.length}</span>}
        </>
      }
    >
      <div className={`absolute inset-0 ${fresh.stale ? 'stale' : ''}`}>
        <DataGrid<Fill>
          rows={fills}
          columns={COLUMNS}
          getRowId={(p) => p.data.id}
          loadingLabel="Loading fills"
          empty={{ title: 'No fills today', hint: 'Executions appear here as orders fill.' }}
        />
      </div>
    </Panel>
  );
}
