import type { Order, TimeInForce } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { showToast } from '../shell/toasts';
import { modifyOrder } from './controlsApi';

const TIFS: TimeInForce[] = ['day', 'gtc', 'ioc', 'fok'];

/** Changes a working order's quantity, limit, stop or time in force (the gateway re-checks it). */
export function ModifyOrderDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const [qty, setQty] = useState(order.qty);
  const [limit, setLimit] = useState(order.limitPrice ?? '');
  const [stop, setStop] = useState(order.stopPrice ?? '');
  const [tif, setTif] = useState<TimeInForce>(order.tif);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasLimit = order.type === 'limit' || order.type === 'stop_limit';
  const hasStop = order.type === 'stop' || order.type === 'stop_limit';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const change = {
      ...(qty !== order.qty ? { qty } : {}),
      ...(hasLimit && limit !== (order.limitPrice ?? '') ? { limitPrice: limit } : {}),
      ...(hasStop && stop !== (order.stopPrice ?? '') ? { stopPrice: stop } : {}),
      ...(tif !== order.tif ? { tif } : {}),
    };
    if (!Object.keys(change).length) return setError('change at least one field');
    setBusy(true);
    setError(null);
    try {
      const o = await modifyOrder(order.id, change);
      showToast('success', `Order modified: ${o.side} ${o.qty} ${o.symbol}`);
      onClose();
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : 'The request failed unexpectedly.';
      setError(msg);
      showToast('error', 'Modify failed', msg);
    } finally {
      setBusy(false);
    }
  }

  const input = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>
      {({ id }) => (
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => set(e.target.value.trim())}
          className={`${inputClass} num`}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && onClose()}
      title={`Modify ${order.side} ${order.symbol}`}
      description={`${order.filledQty} of ${order.qty} filled. The changed order passes the pre-trade checks again.`}
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
        {input('Quantity', qty, setQty)}
        {hasLimit && input('Limit price', limit, setLimit)}
        {hasStop && input('Stop price', stop, setStop)}
        <Field label="Time in force">
          {({ id }) => (
            <select
              id={id}
              value={tif}
              onChange={(e) => setTif(e.target.value as TimeInForce)}
              className={inputClass}
            >
              {TIFS.map((t) => (
                <option key={t} value={t}>
                  {t.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error && (
          <p role="alert" className="text-xs text-down">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Modify order
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
