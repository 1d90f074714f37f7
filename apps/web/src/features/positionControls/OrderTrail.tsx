import type { Order } from '@qd/contracts';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../format/time';
import { Dialog } from '../../ui/Dialog';
import { fetchOrderTrail } from './controlsApi';

/** One order's history: created, modified, fills, cancelled, with who and when. */
export function OrderTrailDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const trail = useQuery({
    queryKey: ['order-trail', order.id, order.updatedAt],
    queryFn: () => fetchOrderTrail(order.id),
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Order trail: ${order.symbol}`}>
      {trail.isError && <p className="text-ui text-down">Could not load the trail.</p>}
      {trail.isPending && <p className="text-ui text-muted">Loading…</p>}
      {trail.data && (
        <ol data-testid="order-trail" className="flex flex-col gap-1 text-ui">
          {trail.data.map((e) => (
            <li key={e.id} className="flex gap-3 border-b border-line py-1 last:border-0">
              <span className="num w-36 shrink-0 text-muted">{formatDateTime(e.at)}</span>
              <span className="w-20 shrink-0 font-medium">{e.kind}</span>
              <span className="min-w-0 flex-1 truncate text-muted" title={JSON.stringify(e.detail)}>
                {e.actor} · {summary(e.kind, e.detail)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}

function summary(kind: string, d: Record<string, unknown>): string {
  if (kind === 'fill') return `${String(d.qty)} @ ${String(d.price)}`;
  if (kind === 'modified') {
    const after = d.after as Record<string, unknown>;
    return Object.entries(after)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
  }
  if (kind === 'created') return `status ${String(d.status)}`;
  return '';
}
