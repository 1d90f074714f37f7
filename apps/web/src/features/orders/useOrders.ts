import { WORKING_STATUSES, type Fill, type Order } from '@qd/contracts';
import { useMemo } from 'react';
import { useTopic } from '../../live/useTopic';

export function useOrders(): Order[] | undefined {
  return useTopic('orders');
}

/** Orders still able to fill (new, partially filled), newest first. */
export function useWorkingOrders(): Order[] | undefined {
  const orders = useOrders();
  return useMemo(
    () =>
      orders
        ?.filter((o) => WORKING_STATUSES.includes(o.status))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [orders],
  );
}

export function useFills(): Fill[] | undefined {
  return useTopic('fills');
}
