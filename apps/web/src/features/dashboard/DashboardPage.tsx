import '../../grid/setup';
import { useRef } from 'react';
import { useSession } from '../auth/session';
import { FillsGrid } from '../orders/FillsGrid';
import { OrderTicket } from '../orders/OrderTicket';
import { OrdersGrid } from '../orders/OrdersGrid';
import { PositionsGrid } from '../positions/PositionsGrid';
import { PHONE, useMediaQuery } from '../shell/useMediaQuery';
import { ActivityFeed } from './ActivityFeed';
import { PanelSkeleton, useFirstViewShown } from './firstView';
import { MetricStrip } from './MetricStrip';
import { PositionCards, WorkingOrderCards } from './MonitoringCards';

/**
 * Metric strip on top; positions centre with orders and fills beneath; the ticket docked right
 * above the activity feed. Below lg everything stacks in one scrolling column; on phones a single
 * column of monitoring cards (no grids, no ticket).
 */
export function DashboardPage() {
  const phone = useMediaQuery(PHONE);
  if (phone)
    return (
      <div className="flex flex-col gap-3 p-2" data-testid="dashboard-phone">
        <MetricStrip />
        <PositionCards />
        <WorkingOrderCards />
        <ActivityFeed />
      </div>
    );
  return <DeskLayout />;
}

// The trading ticket's height on the desk layout, so the feed below does not move when it comes.
const TICKET_HEIGHT = 'min-h-[438px]';

/**
 * The desk layout; the orders and fills grids, the ticket and the activity feed come after the
 * first view (firstView.tsx).
 */
function DeskLayout() {
  const positionsPanel = useRef<HTMLDivElement>(null);
  const rest = useFirstViewShown(positionsPanel);
  // A read-only ticket is a short note with no data to load: it does not wait (nor jump).
  const trader = useSession()?.permissions.includes('orders:write') ?? false;
  return (
    <div className="flex flex-col gap-2 p-2 lg:grid lg:h-full lg:grid-rows-[auto_minmax(0,1fr)]">
      <MetricStrip />
      <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-cols-[minmax(0,1fr)_300px]">
        <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-rows-[minmax(0,1.25fr)_minmax(0,1fr)]">
          {/* display: contents keeps the panel a direct item of the grid around it */}
          <div ref={positionsPanel} className="contents">
            <PositionsGrid />
          </div>
          <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-cols-[minmax(0,8fr)_minmax(0,5fr)]">
            {rest ? (
              <OrdersGrid />
            ) : (
              <PanelSkeleton
                title="Working orders"
                testId="orders-grid"
                className="min-h-[200px]"
                label="Loading orders"
              />
            )}
            {rest ? (
              <FillsGrid />
            ) : (
              <PanelSkeleton
                title="Fills"
                testId="fills-grid"
                className="min-h-[200px]"
                label="Loading fills"
              />
            )}
          </div>
        </div>
        <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-rows-[auto_minmax(0,1fr)]">
          {/* The ticket and the feed wait for the first view too: the feed subscribes to the
              orders topic (its snapshot is parsed and validated on the main thread) and renders
              the day's items; the ticket fetches the instruments. Both ran before the first row. */}
          {rest || !trader ? (
            <OrderTicket />
          ) : (
            <PanelSkeleton
              title="Order ticket"
              testId="order-ticket-pending"
              className={TICKET_HEIGHT}
              label="Loading order ticket"
            />
          )}
          {rest ? (
            <ActivityFeed />
          ) : (
            <PanelSkeleton
              title="Activity"
              testId="activity-feed-pending"
              className="min-h-[200px]"
              label="Loading activity"
            />
          )}
        </div>
      </div>
    </div>
  );
}
