import type { Order, Position } from '@qd/contracts';
import { useState } from 'react';
import { formatMoney, formatQty, toneClass } from '../../format/numbers';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../live/useNow';
import { useTopic } from '../../live/useTopic';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { useWorkingOrders } from '../orders/useOrders';
import { usePositions } from '../positions/usePositions';
import { ActionDialog } from './ActionDialog';
import { ClosePositionDialog } from './ClosePositionDialog';
import { cancelAll, flattenAll, setPause } from './controlsApi';
import { ModifyOrderDialog } from './ModifyOrderDialog';
import { OrderTrailDialog } from './OrderTrail';
import { RiskLimitsPanel } from './RiskLimitsPanel';
import { Table } from './Table';

type Open =
  | { kind: 'pause' | 'resume' | 'cancel' | 'flatten' }
  | { kind: 'close'; position: Position }
  | { kind: 'modify' | 'trail'; order: Order }
  | null;

/** Position and order controls: pause entries, cancel all, flatten, close, modify, trail. */
export function ControlsPage() {
  const controls = useTopic('controls');
  const strategies = useTopic('strategies');
  const unsorted = usePositions();
  const positions = unsorted && [...unsorted].sort((a, b) => a.symbol.localeCompare(b.symbol));
  const orders = useWorkingOrders();
  const session = useSession();
  const now = useNow();
  const [open, setOpen] = useState<Open>(null);
  const [cancelSymbol, setCancelSymbol] = useState('');
  const perms = session?.permissions ?? [];
  const canTrade = perms.includes('orders:write');
  const canPause = perms.includes('trading:control');
  const canFlatten = perms.includes('trading:flatten');
  const globalPause = controls?.pauses.find((p) => p.scope === 'all');
  const flattenWaitS = controls?.nextFlattenAt
    ? Math.ceil((Date.parse(controls.nextFlattenAt) - now) / 1000)
    : 0;
  const flattenBlocked = !canFlatten
    ? 'Your role cannot flatten all positions'
    : flattenWaitS > 0
      ? `Flatten ran recently; allowed again in ${flattenWaitS} s`
      : null;
  const close = () => setOpen(null);

  return (
    <div className="mx-auto flex h-full max-w-[1200px] flex-col gap-3 overflow-auto p-4">
      <h1 className="text-xl font-semibold">Position controls</h1>
      <section
        aria-label="Entries"
        className={`flex flex-wrap items-center gap-4 rounded-lg border p-4 ${globalPause ? 'border-warn/60 bg-warn/10' : 'border-line bg-panel'}`}
      >
        <div className="min-w-0 flex-1">
          <p data-testid="entries-state" className="text-lg font-semibold">
            {!controls ? 'UNKNOWN' : globalPause ? 'NEW ENTRIES PAUSED' : 'ENTRIES ALLOWED'}
          </p>
          <p className="text-ui text-muted">
            {globalPause
              ? `Paused by ${globalPause.actor} at ${formatDateTime(globalPause.at)}: ${globalPause.reason}. Exits and cancels still work.`
              : 'A pause is a soft halt: it blocks new positions but lets you exit and cancel.'}
          </p>
          {controls?.pauses
            .filter((p) => p.scope !== 'all')
            .map((p) => (
              <p key={p.scope} className="text-xs text-muted">
                Strategy {p.scope} paused by {p.actor}: {p.reason}
              </p>
            ))}
        </div>
        <span
          title={canPause ? undefined : 'Your role cannot pause entries'}
          className="inline-flex"
        >
          <Button
            disabled={!canPause || !controls}
            onClick={() => setOpen({ kind: globalPause ? 'resume' : 'pause' })}
          >
            {globalPause ? 'Resume entries…' : 'Pause new entries…'}
          </Button>
        </span>
        <span
          title={canTrade ? undefined : 'Your role cannot cancel orders'}
          className="inline-flex"
        >
          <Button disabled={!canTrade} onClick={() => setOpen({ kind: 'cancel' })}>
            Cancel all orders…
          </Button>
        </span>
        <span title={flattenBlocked ?? undefined} className="inline-flex">
          <Button
            variant="danger"
            disabled={Boolean(flattenBlocked)}
            onClick={() => setOpen({ kind: 'flatten' })}
          >
            Flatten all…
          </Button>
        </span>
      </section>
      {flattenBlocked && canFlatten && (
        <p data-testid="flatten-blocked" className="text-xs text-muted">
          {flattenBlocked}
        </p>
      )}
      <Panel title="Positions" className="min-h-[160px] shrink-0">
        <Table
          testId="controls-positions"
          head={['Symbol', 'Qty', 'Market value', 'Unrealized', '']}
          empty="No open positions."
          rowKeys={positions?.map((p) => p.symbol)}
          rows={positions?.map((p) => [
            <span className="font-semibold">{p.symbol}</span>,
            <span className="num">{formatQty(p.qty)}</span>,
            <span className="num">{formatMoney(p.marketValue)}</span>,
            <span className={`num ${toneClass(p.unrealizedPnl)}`}>
              {formatMoney(p.unrealizedPnl, { sign: true })}
            </span>,
            <Button
              size="sm"
              disabled={!canTrade}
              aria-label={`Close ${p.symbol}`}
              onClick={() => setOpen({ kind: 'close', position: p })}
            >
              Close…
            </Button>,
          ])}
        />
      </Panel>
      <Panel title="Working orders" className="min-h-[160px] shrink-0">
        <Table
          testId="controls-orders"
          head={['Symbol', 'Side', 'Filled / qty', 'Type', 'Limit', 'Stop', 'TIF', '']}
          empty="No working orders."
          rowKeys={orders?.map((o) => o.id)}
          rows={orders?.map((o) => [
            <span className="font-semibold">{o.symbol}</span>,
            o.side,
            <span className="num">{`${formatQty(o.filledQty)} / ${formatQty(o.qty)}`}</span>,
            o.type,
            <span className="num">{o.limitPrice ?? '—'}</span>,
            <span className="num">{o.stopPrice ?? '—'}</span>,
            o.tif.toUpperCase(),
            <span className="flex gap-1">
              <Button
                size="sm"
                disabled={!canTrade}
                aria-label={`Modify ${o.symbol} order`}
                onClick={() => setOpen({ kind: 'modify', order: o })}
              >
                Modify
              </Button>
              <Button
                size="sm"
                aria-label={`Trail of ${o.symbol} order`}
                onClick={() => setOpen({ kind: 'trail', order: o })}
              >
                Trail
              </Button>
            </span>,
          ])}
        />
      </Panel>
      <Panel title="Pre-trade limits" className="shrink-0">
        <RiskLimitsPanel
          editable={perms.includes('limits:write')}
          strategyIds={strategies?.map((s) => s.id) ?? []}
        />
      </Panel>
      <Panel title="Control history" className="min-h-[160px] shrink-0">
        <Table
          testId="controls-history"
          head={['Time', 'Action', 'Target', 'Actor', 'Reason']}
          empty="No control actions yet."
          rowKeys={controls?.history.map((h) => h.id)}
          rows={controls?.history.map((h) => [
            <span className="num text-muted">{formatDateTime(h.at)}</span>,
            h.kind.replace('_', ' '),
            h.target ?? '—',
            h.actor,
            <span className="whitespace-normal">{h.reason}</span>,
          ])}
        />
      </Panel>

      {(open?.kind === 'pause' || open?.kind === 'resume') && (
        <ActionDialog
          title={open.kind === 'pause' ? 'Pause new entries' : 'Resume new entries'}
          description={
            open.kind === 'pause'
              ? 'Orders that open or add to a position are rejected for every user and strategy. Exits and cancels still work.'
              : 'Orders that open or add to positions are accepted again.'
          }
          minReason={10}
          submitLabel={open.kind === 'pause' ? 'Pause entries' : 'Resume entries'}
          onClose={close}
          run={async (reason) => {
            await setPause('all', open.kind === 'pause', reason);
            return {
              title: open.kind === 'pause' ? 'New entries paused' : 'New entries resumed',
              detail: `Reason: ${reason}`,
            };
          }}
        />
      )}
      {open?.kind === 'cancel' && (
        <ActionDialog
          title="Cancel all orders"
          description="Cancels every working order, or only one symbol's."
          tone="danger"
          minReason={10}
          submitLabel="Cancel orders"
          onClose={close}
          run={async (reason) => {
            const sym = cancelSymbol.trim().toUpperCase();
            const r = await cancelAll(reason, sym || undefined);
            return {
              title: `${r.canceled.length} order${r.canceled.length === 1 ? '' : 's'} cancelled`,
              detail: sym ? `Symbol ${sym}` : 'All symbols',
            };
          }}
        >
          <Field label="Symbol (blank for all)">
            {({ id }) => (
              <input
                id={id}
                value={cancelSymbol}
                onChange={(e) => setCancelSymbol(e.target.value)}
                className={inputClass}
                autoComplete="off"
              />
            )}
          </Field>
        </ActionDialog>
      )}
      {open?.kind === 'flatten' && (
        <ActionDialog
          title="Flatten all positions"
          description="Pauses new entries for everyone (strategies included) so nothing re-enters, cancels every working order, then closes every position at market. Entries stay paused until someone resumes them. Allowed once every 5 minutes."
          tone="danger"
          minReason={20}
          confirmWord="FLATTEN"
          submitLabel="Flatten all"
          onClose={close}
          run={async (reason) => {
            const r = await flattenAll(reason);
            const paused = r.entriesPaused
              ? 'New entries are now paused globally; resume them here when ready.'
              : 'New entries were already paused globally and stay paused.';
            const refused = r.refused.length
              ? ` Refused: ${r.refused.map((x) => `${x.symbol} (${x.reason})`).join('; ')}`
              : '';
            return {
              title: `Flatten sent: ${r.orders.length} closing order${r.orders.length === 1 ? '' : 's'}, ${r.canceled.length} cancelled`,
              detail: paused + refused,
            };
          }}
        />
      )}
      {open?.kind === 'close' && (
        <ClosePositionDialog
          symbol={open.position.symbol}
          qty={open.position.qty}
          onClose={close}
        />
      )}
      {open?.kind === 'modify' && <ModifyOrderDialog order={open.order} onClose={close} />}
      {open?.kind === 'trail' && <OrderTrailDialog order={open.order} onClose={close} />}
    </div>
  );
}
