import type { Order, Position } from '@qd/contracts';
import type { ReactNode } from 'react';
import { formatMoney, formatNumber, formatPct, formatQty, toneClass } from '../../format/numbers';
import { formatTime } from '../../format/time';
import { useFreshness } from '../../live/useFreshness';
import { EmptyState } from '../../ui/EmptyState';
import { SkeletonRows } from '../../ui/Skeleton';
import { StaleMarker } from '../../ui/StaleMarker';
import { priceWords, statusWord } from '../orders/orderText';
import { useWorkingOrders } from '../orders/useOrders';
import { usePositions } from '../positions/usePositions';

function CardList({
  title,
  testId,
  topic,
  count,
  children,
}: {
  title: string;
  testId: string;
  topic: string;
  count: number | undefined;
  children: ReactNode;
}) {
  const fresh = useFreshness(topic);
  return (
    <section aria-label={title} data-testid={testId} className={fresh.stale ? 'stale' : ''}>
      <h2 className="flex items-center gap-2 px-1 pb-1.5 text-xs font-semibold tracking-wide text-muted uppercase">
        {title}
        {count !== undefined && <span className="num font-normal">{count}</span>}
        <StaleMarker freshness={fresh} />
      </h2>
      <div className="flex flex-col gap-1.5">{children}</div>
    </section>
  );
}

function PositionCard({ p }: { p: Position }) {
  return (
    <article
      data-testid={`position-card-${p.symbol}`}
      className="num grid grid-cols-2 gap-x-3 gap-y-0.5 rounded-lg border border-line bg-panel px-3 py-2"
    >
      <span className="text-sm font-semibold">{p.symbol}</span>
      <span className={`text-right text-sm font-semibold ${toneClass(p.unrealizedPnl)}`}>
        {formatMoney(p.unrealizedPnl, { sign: true })}
      </span>
      <span className="text-xs text-muted">
        {formatQty(p.qty, { sign: true })} @ {formatNumber(p.avgPrice, 2)}
      </span>
      <span className={`text-right text-xs ${toneClass(p.unrealizedPnlPct)}`}>
        {formatPct(p.unrealizedPnlPct)}
      </span>
      <span className="text-xs text-muted">Last {formatNumber(p.lastPrice, 2)}</span>
      <span className={`text-right text-xs ${toneClass(p.dayPnl)}`}>
        Day {formatMoney(p.dayPnl, { sign: true })}
      </span>
    </article>
  );
}

function OrderCard({ o }: { o: Order }) {
  return (
    <article className="num flex items-center justify-between gap-2 rounded-lg border border-line bg-panel px-3 py-2 text-xs">
      <span>
        <span className={o.side === 'buy' ? 'font-semibold text-up' : 'font-semibold text-down'}>
          {o.side === 'buy' ? 'BUY' : 'SELL'}
        </span>{' '}
        {formatQty(o.qty)} <span className="font-semibold">{o.symbol}</span> {priceWords(o)}
      </span>
      <span className="shrink-0 text-muted">
        {statusWord(o.status)} · {formatTime(o.createdAt)}
      </span>
    </article>
  );
}

/** Phones: positions as cards (symbol, P&L, size), read at a glance. */
export function PositionCards() {
  const positions = usePositions();
  return (
    <CardList title="Positions" testId="position-cards" topic="positions" count={positions?.length}>
      {positions === undefined ? (
        <SkeletonRows rows={3} label="Loading positions" />
      ) : positions.length === 0 ? (
        <EmptyState title="No open positions" />
      ) : (
        [...positions]
          .sort((a, b) => a.symbol.localeCompare(b.symbol))
          .map((p) => <PositionCard key={p.symbol} p={p} />)
      )}
    </CardList>
  );
}

/** Phones: working orders as cards. */
export function WorkingOrderCards() {
  const orders = useWorkingOrders();
  return (
    <CardList title="Working orders" testId="order-cards" topic="orders" count={orders?.length}>
      {orders === undefined ? (
        <SkeletonRows rows={2} label="Loading orders" />
      ) : orders.length === 0 ? (
        <EmptyState title="No working orders" />
      ) : (
        orders.map((o) => <OrderCard key={o.id} o={o} />)
      )}
    </CardList>
  );
}
