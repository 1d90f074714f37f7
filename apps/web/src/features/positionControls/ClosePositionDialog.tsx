import { useState } from 'react';
import { formatQty } from '../../format/numbers';
import { Field, inputClass } from '../../ui/Field';
import { ActionDialog } from './ActionDialog';
import { closeResultText } from './closeResultText';
import { closePosition } from './controlsApi';

type Mode = 'all' | 'qty' | 'pct';

/** Closes one position fully, by a share count or by a percentage (market order, opposite side). */
export function ClosePositionDialog({
  symbol,
  qty,
  onClose,
}: {
  symbol: string;
  /** Signed position quantity, as shown. */
  qty: string;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<Mode>('all');
  const [amount, setAmount] = useState('');
  const held = qty.replace('-', '');
  const side = qty.startsWith('-') ? 'Buy to cover' : 'Sell';

  function validate(): string | null {
    if (mode === 'all') return null;
    if (!/^\d+(\.\d+)?$/.test(amount) || Number(amount) <= 0)
      return mode === 'qty' ? 'enter a whole number of shares' : 'enter a percentage';
    if (mode === 'qty' && (!/^\d+$/.test(amount) || Number(amount) > Number(held)))
      return `enter a whole number of shares up to ${formatQty(held)}`;
    if (mode === 'pct' && Number(amount) > 100) return 'a percentage is at most 100';
    return null;
  }

  return (
    <ActionDialog
      title={`Close ${symbol}`}
      description={`${side} at market from a position of ${formatQty(qty)} shares. Shares a strategy holds are closed under that strategy, in proportion.`}
      tone="danger"
      minReason={10}
      submitLabel="Close position"
      validate={validate}
      onClose={onClose}
      run={async (reason) => {
        const body =
          mode === 'qty'
            ? { qty: amount, reason }
            : mode === 'pct'
              ? { pct: amount, reason }
              : { reason };
        return closeResultText(await closePosition(symbol, body));
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-muted">How much</legend>
        <div className="flex gap-4 text-ui">
          {(
            [
              ['all', 'All'],
              ['qty', 'Quantity'],
              ['pct', 'Percent'],
            ] as const
          ).map(([m, label]) => (
            <label key={m} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="close-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {label}
            </label>
          ))}
        </div>
        {mode !== 'all' && (
          <Field label={mode === 'qty' ? 'Shares to close' : 'Percent to close'}>
            {({ id }) => (
              <input
                id={id}
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value.trim())}
                className={`${inputClass} num`}
              />
            )}
          </Field>
        )}
      </fieldset>
    </ActionDialog>
  );
}
