import type { OrderPreview, OrderRequestInput } from '@qd/contracts';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { afterNextPaintTasks } from '../../afterPaint';
import { ApiError } from '../../api/client';
import { placeOrder, previewOrder } from '../../api/endpoints';
import { showToast } from '../shell/toasts';
import { ConfirmOrderDialog } from './ConfirmOrderDialog';
import { placementOutcome } from './orderText';
import type { Gate } from './useTradingGate';

/** What the ticket can ask of its confirmation step. */
export interface OrderConfirmationHandle {
  /** Opens the confirm dialog for a validated request; ignored while a preview is running. */
  open: (request: OrderRequestInput) => void;
}

interface OrderConfirmationProps {
  ref: Ref<OrderConfirmationHandle>;
  gate: Gate;
  /** A preview round trip started (true) or ended (false): the ticket shows Preview as busy. */
  onPreviewing: (previewing: boolean) => void;
  /** A preview or placement failed: the ticket shows the server's error on the form. */
  onError: (error: unknown, what: string) => void;
}

/**
 * The confirm step of the order ticket: the pending order, its preview round trip and the dialog.
 * Its state lives here rather than in the ticket so that the click that opens the dialog renders
 * the dialog alone; re-rendering the whole ticket in that click cost about a millisecond.
 */
export function OrderConfirmation({ ref, gate, onPreviewing, onError }: OrderConfirmationProps) {
  // The order being confirmed; `preview` is null until the server's pre-trade checks return.
  const [pending, setPending] = useState<{
    request: OrderRequestInput;
    preview: OrderPreview | null;
  } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const previewing = useRef(false);
  const inFlight = useRef(false);
  const previewSeq = useRef(0); // a late preview answer for an earlier request is ignored

  async function runPreview(request: OrderRequestInput, seq: number) {
    try {
      const preview = await previewOrder(request);
      if (seq === previewSeq.current) setPending((p) => (p ? { request, preview } : p));
    } catch (err) {
      if (seq === previewSeq.current) {
        setPending(null);
        onError(err, 'Preview');
      }
    } finally {
      previewing.current = false;
      onPreviewing(false);
    }
  }

  useImperativeHandle(ref, () => ({
    open(request) {
      if (previewing.current) return;
      previewing.current = true;
      // The dialog opens at once with the order in words; the figures and checks fill in when
      // the preview returns, and the order cannot be placed before they have. The request (and
      // the ticket's busy state) start once the dialog is on screen, so they stay out of the click.
      const seq = ++previewSeq.current;
      setPending({ request, preview: null });
      afterNextPaintTasks(() => {
        onPreviewing(true);
        void runPreview(request, seq);
      });
    },
  }));

  async function onConfirm() {
    if (!pending?.preview?.ok || inFlight.current) return; // a double click must not send twice
    inFlight.current = true;
    setSubmitting(true);
    try {
      const order = await placeOrder(pending.request);
      const outcome = placementOutcome(order);
      showToast(outcome.tone, outcome.title, outcome.detail);
      setPending(null);
    } catch (err) {
      setPending(null);
      onError(err, 'Placing the order');
      showToast('error', 'Order not placed', err instanceof ApiError ? err.message : undefined);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  if (!pending) return null;
  return (
    <ConfirmOrderDialog
      request={pending.request}
      preview={pending.preview}
      gate={gate}
      submitting={submitting}
      onConfirm={onConfirm}
      onClose={() => setPending(null)}
    />
  );
}
