import type { OrderPreview, OrderRequestInput } from '@qd/contracts';
import { CheckCircle2, Loader2, XCircle } from 'lucide-react';
import { formatMoney, formatNumber, formatQty, toneClass } from '../../format/numbers';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { describeOrder } from './orderText';
import type { Gate } from './useTradingGate';

interface ConfirmOrderDialogProps {
  request: OrderRequestInput;
  /** Null while the preview round trip runs: the dialog shows at once, the figures follow. */
  preview: OrderPreview | null;
  gate: Gate;
  submitting: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Restates the order in words with its numbers; the confirm button is never the default and stays
 * disabled until the server's pre-trade checks have passed.
 */
export function ConfirmOrderDialog({
  request,
  preview,
  gate,
  submitting,
  onConfirm,
  onClose,
}: ConfirmOrderDialogProps) {
  const failed = preview?.checks.filter((c) => !c.ok) ?? [];
  const sentence = `${describeOrder(request)}${preview ? `, ≈ ${formatMoney(preview.notional)}` : ''}${
    request.reason ? `, reason: ${request.reason}` : ''
  }`;
  const blocked = !gate.allowed
    ? gate.reason
    : !preview
      ? 'Waiting for the pre-trade checks'
      : !preview.ok
        ? 'The order fails pre-trade checks'
        : null;
  const figure = (f: (p: OrderPreview) => string) => (preview ? f(preview) : '…');
  const side = request.side === 'buy' ? 'buy' : 'sell';
  const row = (label: string, value: string, props: { testId?: string; cls?: string } = {}) => (
    <div className="flex items-baseline justify-between gap-4 border-b border-line py-1.5 last:border-0">
      <dt className="text-ui text-muted">{label}</dt>
      <dd data-testid={props.testId} className={`num text-ui font-medium ${props.cls ?? ''}`}>
        {value}
      </dd>
    </div>
  );
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !submitting && onClose()}
      title="Confirm order"
      description={sentence}
    >
      <dl className="rounded-md border border-line px-3">
        {row(
          'Estimated price',
          figure((p) => formatNumber(p.estimatedPrice, 2)),
        )}
        {row(
          'Notional',
          figure((p) => formatMoney(p.notional)),
          { testId: 'preview-notional' },
        )}
        {row(
          'Buying power before',
          figure((p) => formatMoney(p.buyingPowerBefore)),
        )}
        {row(
          'Buying power after',
          figure((p) => formatMoney(p.buyingPowerAfter)),
          {
            testId: 'preview-bp-after',
            cls: preview && toneClass(preview.buyingPowerAfter) === 'text-down' ? 'text-down' : '',
          },
        )}
        {row(
          'Current position',
          figure((p) => `${formatQty(p.positionQty, { sign: true })} ${request.symbol}`),
        )}
      </dl>
      {!preview ? (
        <p role="status" className="flex items-center gap-2 text-ui text-muted">
          <Loader2 aria-hidden className="size-4 animate-spin" />
          Running the pre-trade checks…
        </p>
      ) : failed.length > 0 ? (
        <ul
          aria-label="Failed checks"
          className="flex flex-col gap-1.5 rounded-md border border-down/50 bg-down/10 p-3"
        >
          {failed.map((c) => (
            <li key={c.name} className="flex gap-2 text-ui">
              <XCircle aria-hidden className="mt-px size-4 shrink-0 text-down" />
              <span>
                <span className="font-medium">{c.name}:</span> {c.detail}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="flex items-center gap-2 text-ui text-muted">
          <CheckCircle2 aria-hidden className="size-4 text-up" />
          All {preview.checks.length} pre-trade checks passed.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <span title={blocked ?? undefined} className="inline-flex">
          <Button
            data-testid="confirm-order"
            variant={side}
            busy={submitting}
            disabled={blocked !== null}
            onClick={onConfirm}
          >
            Place {side} order
          </Button>
        </span>
      </div>
    </Dialog>
  );
}
