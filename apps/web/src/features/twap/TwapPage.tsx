import type { TwapOrder } from '@qd/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { formatQty } from '../../format/numbers';
import { formatTime } from '../../format/time';
import { useTopic } from '../../live/useTopic';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { useTradingGate } from '../orders/useTradingGate';
import { showToast } from '../shell/toasts';
import { cancelTwap } from '../positionControls/controlsApi';
import { Table } from '../positionControls/Table';
import { useBreaker } from '../breaker/useBreaker';
import { TwapForm } from './TwapForm';

/** TWAP: plan, preview and start; live progress of every parent; cancel cancels the children. */
export function TwapPage() {
  const twaps = useTopic('twap');
  const gate = useTradingGate();
  const breaker = useBreaker();
  const disabledReason =
    gate.reason ??
    (breaker.state === 'tripped'
      ? 'Trading halted: circuit breaker tripped'
      : breaker.state === 'unknown'
        ? 'Trading halted: circuit breaker state unknown'
        : null);
  return (
    <div className="mx-auto flex h-full max-w-[1200px] flex-col gap-3 overflow-auto p-4">
      <h1 className="text-xl font-semibold">TWAP</h1>
      <Panel title="New TWAP" className="shrink-0">
        <TwapForm disabledReason={disabledReason} />
      </Panel>
      <Panel title="TWAP orders" className="min-h-[200px] shrink-0">
        <Table
          testId="twap-list"
          head={['Started', 'Order', 'Slices', 'Progress', 'Filled', 'Next slice', 'Status', '']}
          empty="No TWAP orders yet."
          rowKeys={twaps?.map((t) => t.id)}
          rows={twaps?.map((t) => [
            <span className="num text-muted">{formatTime(t.startAt)}</span>,
            `${t.side} ${formatQty(t.qty)} ${t.symbol}`,
            t.sliceType === 'limit'
              ? `limit, touch ${(t.limitOffsetBps ?? 0) >= 0 ? '+' : '−'}${Math.abs(t.limitOffsetBps ?? 0)} bps`
              : 'market',
            <Progress t={t} />,
            <span className="num">{formatQty(t.filledQty)}</span>,
            <span className="num">{t.nextSliceAt ? formatTime(t.nextSliceAt) : '—'}</span>,
            <span title={t.statusReason ?? undefined} data-testid="twap-status">
              {t.status}
              {t.statusReason ? `: ${t.statusReason}` : ''}
            </span>,
            t.status === 'running' ? (
              <CancelButton
                t={t}
                disabled={!gate.allowed && gate.reason?.startsWith('Read-only') === true}
              />
            ) : null,
          ])}
        />
      </Panel>
    </div>
  );
}

function Progress({ t }: { t: TwapOrder }) {
  const pct = Math.round((t.slicesSent / Math.max(1, t.slices)) * 100);
  return (
    <span className="flex items-center gap-2">
      <span
        role="progressbar"
        aria-valuenow={t.slicesSent}
        aria-valuemin={0}
        aria-valuemax={t.slices}
        aria-label={`${t.slicesSent} of ${t.slices} slices sent`}
        className="h-1.5 w-24 overflow-hidden rounded bg-raised"
      >
        <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
      </span>
      <span className="num text-xs text-muted">
        {t.slicesSent}/{t.slices}
      </span>
    </span>
  );
}

function CancelButton({ t, disabled }: { t: TwapOrder; disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="sm"
      busy={busy}
      disabled={disabled}
      aria-label={`Cancel TWAP ${t.symbol}`}
      onClick={async () => {
        setBusy(true);
        try {
          const r = await cancelTwap(t.id);
          showToast(
            'success',
            `TWAP cancelled: ${r.twap.slicesSent} of ${r.twap.slices} slices sent`,
            `${r.canceled.length} working child orders cancelled`,
          );
        } catch (e) {
          showToast('error', 'TWAP cancel failed', e instanceof ApiError ? e.message : undefined);
        } finally {
          setBusy(false);
        }
      }}
    >
      Cancel
    </Button>
  );
}
