import type { Order } from '@qd/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { cancelOrder } from '../../api/endpoints';
import type { PortalCellProps } from '../../grid/portalCells';
import { Button } from '../../ui/Button';
import { showToast } from '../shell/toasts';
import { describeOrder } from './orderText';
import { useCancelGate } from './useTradingGate';

/** Cancel button for one working order; the row leaves the grid when the cancel is pushed back. */
export function CancelOrderCell({ data: order }: PortalCellProps<Order>) {
  const gate = useCancelGate();
  const [busy, setBusy] = useState(false);

  async function onCancel() {
    setBusy(true);
    try {
      await cancelOrder(order.id);
      showToast('success', `Cancel sent: ${describeOrder(order)}`);
    } catch (e) {
      showToast(
        'error',
        `Cancel failed: ${describeOrder(order)}`,
        e instanceof ApiError ? e.message : undefined,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <span title={gate.reason ?? undefined} className="inline-flex">
      <Button
        size="sm"
        variant="outline"
        onClick={onCancel}
        busy={busy}
        disabled={!gate.allowed}
        aria-label={`Cancel order ${describeOrder(order)}`}
      >
        Cancel
      </Button>
    </span>
  );
}
