import type { Fill } from '@qd/contracts';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useRef } from 'react';
import { ColumnsMenu } from '../../grid/ColumnsMenu';
import { ExportActions } from '../../grid/ExportActions';
import { numberColumn, sideColumn, textColumn, timeColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { useFreshness } from '../../live/useFreshness';
import { Panel } from '../../ui/Panel';
import { StaleMarker } from '../../ui/StaleMarker';
import { useFills } from './useOrders';

const COLUMNS: ColDef<Fill>[] = [
  timeColumn<Fill>('ts', 'Time', { sort: 'desc', minWidth: 86 }),
  textColumn<Fill>('symbol', 'Symbol', { cellClass: 'font-semibold' }),
  sideColumn<Fill>('side'),
  numberColumn<Fill>('qty', 'Qty', 'qty', { cellRenderer: undefined, minWidth: 60 }),
  numberColumn<Fill>('price', 'Price', 'price', { cellRenderer: undefined, minWidth: 72 }),
];

export function FillsGrid() {
  const fills = useFills();
  const fresh = useFreshness('fills');
  const api = useRef<GridApi<Fill> | null>(null);
  return (
    <Panel
      title="Fills"
      testId="fills-grid"
      className="min-h-[200px]"
      maximisable
      actions={
        <>
          <StaleMarker freshness={fresh} />
          {fills && <span className="num">{fills.length}</span>}
          <ColumnsMenu gridId="fills" title="fills" api={() => api.current} />
          <ExportActions gridId="fills" title="fills" api={() => api.current} />
        </>
      }
    >
      <div className={`absolute inset-0 ${fresh.stale ? 'stale' : ''}`}>
        <DataGrid<Fill>
          gridId="fills"
          onApi={(a) => (api.current = a)}
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
