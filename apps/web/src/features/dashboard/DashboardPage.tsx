import '../../grid/setup';
import { FillsGrid } from '../orders/FillsGrid';
import { OrderTicket } from '../orders/OrderTicket';
import { OrdersGrid } from '../orders/OrdersGrid';
import { PositionsGrid } from '../positions/PositionsGrid';
import { PHONE, useMediaQuery } from '../shell/useMediaQuery';
import { ActivityFeed } from './ActivityFeed';
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
  return (
    <div className="flex flex-col gap-2 p-2 lg:grid lg:h-full lg:grid-rows-[auto_minmax(0,1fr)]">
      <MetricStrip />
      <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-cols-[minmax(0,1fr)_300px]">
        <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-rows-[minmax(0,1.25fr)_minmax(0,1fr)]">
          <PositionsGrid />
          <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-cols-[minmax(0,8fr)_minmax(0,5fr)]">
            <OrdersGrid />
            <FillsGrid />
          </div>
        </div>
        <div className="flex flex-col gap-2 lg:grid lg:min-h-0 lg:grid-rows-[auto_minmax(0,1fr)]">
          <OrderTicket />
          <ActivityFeed />
        </div>
      </div>
    </div>
  );
}
