import { Reason, type Position } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { closePosition } from '../../api/positions';
import { formatMoney, formatNumber, formatQty } from '../../format/numbers';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ReasonField } from '../killSwitch/ReasonField';
import { showToast } from '../shell/toasts';

/** "Sell 10 AAPL at market" — the order that flattens a position. */
export function closingWords(p: Position): string {
  const short = p.qty.startsWith('-');
  return `${short ? 'Buy' : 'Sell'} ${formatQty(p.qty.replace(/^-/, ''))} ${p.symbol} at market`;
}

/** Restates the close in plain words with the numbers, asks for a reason, then sends it. */
export function ClosePositionDialog({
  position,
  onClose,
}: {
  position: Position;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notional = formatMoney(position.marketValue.replace(/^-/, ''));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const parsed = Reason.safeParse(reason);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid reason');
    setBusy(true);
    try {
      await closePosition(position.symbol, parsed.data);
      showToast('success', `Close sent: ${closingWords(position)}`, `Reason: ${parsed.data}`);
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
          {closingWords(position)}, ≈ {notional} (last {formatNumber(position.lastPrice, 2)}).
        </span>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
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
