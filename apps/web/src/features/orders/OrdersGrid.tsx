import type { Order } from '@qd/contracts';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef } from 'react';
import { ColumnsMenu } from '../../grid/ColumnsMenu';
import { ExportActions } from '../../grid/ExportActions';
import { headerTitle, numberColumn, sideColumn, textColumn, timeColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { portalCell } from '../../grid/portalCells';
import { useFreshness } from '../../live/useFreshness';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { StaleMarker } from '../../ui/StaleMarker';
import { CancelOrderCell } from './CancelOrderCell';
import { formatQty } from '../../format/numbers';
import { priceWords, statusWord } from './orderText';
import { useWorkingOrders } from './useOrders';

const COLUMNS: ColDef<Order>[] = [
  timeColumn<Order>('createdAt', 'Time', { sort: 'desc', minWidth: 86 }),
  textColumn<Order>('symbol', 'Symbol', { cellClass: 'font-semibold' }),
  sideColumn<Order>('side'),
  numberColumn<Order>('filledQty', 'Filled', 'qty', {
    headerName: 'Filled / qty',
    valueFormatter: (p) =>
      p.data ? `${formatQty(p.data.filledQty)} / ${formatQty(p.data.qty)}` : '—',
    minWidth: 84,
  }),
  {
    colId: 'price',
    headerName: 'Price',
    type: 'rightAligned',
    cellClass: 'num',
    valueGetter: (p) => (p.data ? (p.data.type === 'market' ? 'market' : priceWords(p.data)) : ''),
    ...headerTitle<Order>('Order type and price'),
    minWidth: 92,
  },
  textColumn<Order>('status', 'Status', {
    minWidth: 76,
    valueFormatter: (p) => statusWord(p.value as Order['status']),
  }),
  {
    colId: 'actions',
    headerName: '',
    ...portalCell(CancelOrderCell),
    // No value, so AG Grid refreshes the cell on every update of its row and the button gets
    // the live order (a modify changes its price and quantity); orders change per event, not tick.
    sortable: false,
    filter: false,
    resizable: false,
    minWidth: 84,
    maxWidth: 84,
    cellStyle: { paddingLeft: '4px', paddingRight: '8px', display: 'flex', alignItems: 'center' },
  },
];

export function OrdersGrid() {
  const orders = useWorkingOrders();
  const fresh = useFreshness('orders');
  const api = useRef<GridApi<Order> | null>(null);
  // no action buttons at all for roles that cannot trade
  const canTrade = useSession()?.permissions.includes('orders:write') ?? false;
  const columns = useMemo(
    () => (canTrade ? COLUMNS : COLUMNS.filter((c) => c.colId !== 'actions')),
    [canTrade],
  );
  return (
    <Panel
      title="Working orders"
      testId="orders-grid"
      className="min-h-[200px]"
      maximisable
      actions={
        <>
          <StaleMarker freshness={fresh} />
          {orders && <span className="num">{orders.length}</span>}
          <ColumnsMenu gridId="orders" title="working orders" api={() => api.current} />
          <ExportActions gridId="orders" title="working orders" api={() => api.current} />
        </>
      }
    >
      <div className={`absolute inset-0 ${fresh.stale ? 'stale' : ''}`}>
        <DataGrid<Order>
          gridId="orders"
          onApi={(a) => (api.current = a)}
          rows={orders}
          columns={columns}
          getRowId={(p) => p.data.id}
          loadingLabel="Loading orders"
          empty={{
            title: 'No working orders',
            hint: 'Limit and stop orders wait here until they fill.',
          }}
        />
      </div>
    </Panel>
  );
}
