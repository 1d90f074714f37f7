import type { TwapPreview, TwapRequestInput } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { formatMoney, formatNumber, formatQty } from '../../format/numbers';
import { formatTime } from '../../format/time';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { showToast } from '../shell/toasts';
import { previewTwap, startTwap } from '../positionControls/controlsApi';

/** "+10 bps" / "−20 bps" / "exactly": how far from the touch a limit slice is priced. */
function offsetWords(bps: number): string {
  if (bps === 0) return 'exactly';
  return `${bps > 0 ? '+' : '−'}${Math.abs(bps)} bps`;
}

/** TWAP entry: fields → slice preview (every slice listed, with its pricing) → confirm starts it. */
export function TwapForm({ disabledReason }: { disabledReason: string | null }) {
  const [f, setF] = useState({
    symbol: '',
    side: 'buy' as 'buy' | 'sell',
    qty: '',
    durationMin: '5',
    intervalS: '30',
    sliceType: 'market' as 'market' | 'limit',
    limitOffsetBps: '0',
    reason: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<TwapPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const req = (): TwapRequestInput => ({
    symbol: f.symbol.trim().toUpperCase(),
    side: f.side,
    qty: f.qty.trim(),
    durationMin: Number(f.durationMin),
    intervalS: Number(f.intervalS),
    sliceType: f.sliceType,
    ...(f.sliceType === 'limit' ? { limitOffsetBps: Number(f.limitOffsetBps) } : {}),
    reason: f.reason.trim(),
  });
  const fail = (e: unknown, title: string) => {
    const api = e instanceof ApiError ? e : null;
    setErrors(api?.fieldErrors ?? {});
    showToast('error', title, api?.message ?? 'The request failed unexpectedly.');
  };

  async function onPreview(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      setPreview(await previewTwap(req()));
      setErrors({});
    } catch (err) {
      fail(err, 'TWAP preview failed');
    } finally {
      setBusy(false);
    }
  }

  async function onConfirm() {
    setBusy(true);
    try {
      const t = await startTwap(req());
      showToast(
        'success',
        `TWAP started: ${t.side} ${formatQty(t.qty)} ${t.symbol}`,
        `${t.slices} slices; ${t.slicesSent} sent`,
      );
      setPreview(null);
    } catch (err) {
      fail(err, 'TWAP refused');
      setPreview(null);
    } finally {
      setBusy(false);
    }
  }

  type TextKey = Exclude<keyof typeof f, 'side' | 'sliceType'>;
  const text = (key: TextKey, label: string, mode?: 'numeric', hint?: string) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {({ id, invalid, describedBy }) => (
        <input
          id={id}
          inputMode={mode}
          value={f[key]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => setF({ ...f, [key]: e.target.value })}
          className={inputClass}
        />
      )}
    </Field>
  );

  return (
    <form
      noValidate
      aria-label="New TWAP"
      onSubmit={onPreview}
      className="grid grid-cols-2 gap-3 p-3 md:grid-cols-4"
    >
      {text('symbol', 'Symbol')}
      <Field label="Side">
        {({ id }) => (
          <select
            id={id}
            value={f.side}
            onChange={(e) => setF({ ...f, side: e.target.value as 'buy' | 'sell' })}
            className={inputClass}
          >
            <option value="buy">Buy</option>
            <option value="sell">Sell</option>
          </select>
        )}
      </Field>
      {text('qty', 'Quantity', 'numeric')}
      {text('durationMin', 'Duration (min, 5–480)', 'numeric')}
      {text('intervalS', 'Interval (s, 30–300)', 'numeric')}
      <Field label="Slices as">
        {({ id }) => (
          <select
            id={id}
            value={f.sliceType}
            onChange={(e) => setF({ ...f, sliceType: e.target.value as 'market' | 'limit' })}
            className={inputClass}
          >
            <option value="market">Market</option>
            <option value="limit">Limit at touch ± offset</option>
          </select>
        )}
      </Field>
      {f.sliceType === 'limit' &&
        text(
          'limitOffsetBps',
          'Offset (bps, ±500)',
          'numeric',
          'From the ask (buy) or bid (sell); + pays up, − waits.',
        )}
      {text('reason', 'Reason', undefined, 'At least 10 characters; recorded with your name.')}
      <div className="col-span-2 flex items-center gap-3 md:col-span-4">
        <Button type="submit" variant="primary" busy={busy} disabled={Boolean(disabledReason)}>
          Preview slices
        </Button>
        {disabledReason && (
          <p data-testid="twap-disabled-reason" className="text-xs text-warn">
            {disabledReason}
          </p>
        )}
      </div>
      {preview && (
        <Dialog
          open
          onOpenChange={(o) => !o && !busy && setPreview(null)}
          title={`TWAP ${preview.request.side} ${formatQty(preview.request.qty)} ${preview.request.symbol}`}
          description={`${preview.slices.length} slices over ${preview.request.durationMin} min, about ${formatMoney(preview.estimatedNotional)}. Each slice re-checks the kill switch and breaker.`}
        >
          <p data-testid="twap-slice-pricing" className="text-ui">
            {preview.request.sliceType === 'limit'
              ? `Limit slices at the ${preview.request.side === 'buy' ? 'ask' : 'bid'} ${offsetWords(preview.request.limitOffsetBps ?? 0)}, priced as each slice is sent (now ${formatNumber(preview.indicativeLimitPrice ?? '0', 2)}). Unfilled slices rest until the TWAP is cancelled or the day ends.`
              : 'Market slices: each fills at the touch when it is sent.'}
          </p>
          <ol data-testid="twap-slices" className="max-h-64 overflow-auto text-ui">
            {preview.slices.map((s) => (
              <li key={s.index} className="flex justify-between border-b border-line py-0.5">
                <span className="text-muted">
                  Slice {s.index + 1} at {formatTime(s.at)}
                </span>
                <span className="num">
                  {formatQty(s.qty)}
                  {preview.request.sliceType === 'limit' ? ' limit' : ' market'}
                </span>
              </li>
            ))}
          </ol>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setPreview(null)} disabled={busy}>
              Cancel
            </Button>
            <Button variant="primary" busy={busy} onClick={onConfirm}>
              Start TWAP
            </Button>
          </div>
        </Dialog>
      )}
    </form>
  );
}
