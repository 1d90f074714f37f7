import { Reason, type Position } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { closePosition } from '../../api/positions';
import { formatMoney, formatNumber, formatQty } from '../../format/numbers';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { ReasonField } from '../killSwitch/ReasonField';
import { closeResultText } from '../positionControls/closeResultText';
import { showToast } from '../shell/toasts';

const abs = (v: string) => v.replace(/^-/, '');

/** "Sell 10 AAPL at market" — the order that closes (part of) a position. */
export function closingWords(p: Position, qty: string = abs(p.qty)): string {
  const short = p.qty.startsWith('-');
  return `${short ? 'Buy' : 'Sell'} ${formatQty(qty)} ${p.symbol} at market`;
}

/** A partial quantity must be a positive number no larger than the position. */
function qtyError(qty: string, full: string): string | null {
  if (!/^\d+(\.\d+)?$/.test(qty) || Number(qty) <= 0) return 'enter a positive quantity';
  if (Number(qty) > Number(full)) return `at most ${formatQty(full)} (the whole position)`;
  return null;
}

/** Restates the close in plain words with the numbers, asks for a reason, then sends it. */
export function ClosePositionDialog({
  position,
  onClose,
}: {
  position: Position;
  onClose: () => void;
}) {
  const full = abs(position.qty);
  const [qty, setQty] = useState(full);
  const [qtyProblem, setQtyProblem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const partial = qty.trim() !== full;
  const notional = partial
    ? `${formatMoney(String(Number(qty) * Number(position.lastPrice)))} (estimate)`
    : formatMoney(abs(position.marketValue));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const badQty = qtyError(qty.trim(), full);
    if (badQty) return setQtyProblem(badQty);
    const parsed = Reason.safeParse(reason);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid reason');
    setBusy(true);
    try {
      const result = await closePosition(position.symbol, {
        reason: parsed.data,
        ...(partial ? { qty: qty.trim() } : {}),
      });
      const text = closeResultText(result);
      showToast('success', text.title, `${text.detail} Reason: ${parsed.data}`);
      onClose();
    } catch (err) {
      const why =
        err instanceof ApiError && err.status === 404
          ? 'Closing positions is not available on this server yet.'
          : err instanceof ApiError
            ? err.message
            : 'The server could not be reached.';
      setError(why);
      showToast('error', `Close of ${position.symbol} failed`, why);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      tone="danger"
      onOpenChange={(open) => !open && !busy && onClose()}
      title={`Close ${position.symbol} position`}
      description={
        <span data-testid="close-position-summary" className="num">
          {closingWords(position, qty.trim() || full)}, ≈ {notional} (last{' '}
          {formatNumber(position.lastPrice, 2)}).
        </span>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <Field
          label="Quantity to close"
          error={qtyProblem ?? undefined}
          hint={`The whole position is ${formatQty(full)}; enter less to close part of it.`}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={qty}
              inputMode="decimal"
              onChange={(e) => {
                setQty(e.target.value);
                setQtyProblem(null);
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={`${inputClass} num`}
            />
          )}
        </Field>
        <ReasonField
          value={reason}
          error={error}
          onChange={(v) => {
            setReason(v);
            setError(null);
          }}
        />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            Close position
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
