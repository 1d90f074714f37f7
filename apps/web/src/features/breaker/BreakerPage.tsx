import { Activity, ShieldAlert, ShieldQuestion, Zap } from 'lucide-react';
import { useState } from 'react';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../live/useNow';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { useSession } from '../auth/session';
import { ActionDialog } from '../positionControls/ActionDialog';
import { resetBreaker, tripBreaker } from '../positionControls/controlsApi';
import { Table } from '../positionControls/Table';
import { ThresholdsForm } from './ThresholdsForm';
import { BREAKER_STATE_TEXT, useBreaker } from './useBreaker';

const LOOK = {
  armed: { Icon: Activity, cls: 'border-up/40 bg-up/5 text-up' },
  tripped: { Icon: ShieldAlert, cls: 'border-down/60 bg-down/10 text-down' },
  unknown: { Icon: ShieldQuestion, cls: 'border-line-strong bg-raised text-muted' },
} as const;

const RULE_TEXT: Record<string, string> = {
  daily_loss: 'daily loss limit',
  drawdown: 'drawdown',
  stale_data: 'stale market data',
  broker_errors: 'broker error rate',
  manual: 'manual',
};

/** Circuit breaker: state, manual trip, reset (reason ≥ 20, typed RESET), thresholds, history. */
export function BreakerPage() {
  const { status, state } = useBreaker();
  const session = useSession();
  const now = useNow();
  const [dialog, setDialog] = useState<'trip' | 'reset' | null>(null);
  const perms = session?.permissions ?? [];
  const canTrip = perms.includes('breaker:trip');
  const canReset = perms.includes('breaker:reset');
  const waitS = status?.nextResetAt ? Math.ceil((Date.parse(status.nextResetAt) - now) / 1000) : 0;
  const resetBlocked = !canReset
    ? 'Your role cannot reset the breaker'
    : waitS > 0
      ? `Reset allowed again in ${waitS} s (at most once a minute)`
      : null;
  const { Icon, cls } = LOOK[state];
  const s = status?.state;

  return (
    <div className="mx-auto flex h-full max-w-[1100px] flex-col gap-3 overflow-auto p-4">
      <h1 className="text-xl font-semibold">Circuit breaker</h1>
      <section
        aria-label="Breaker state"
        className={`flex flex-wrap items-center gap-6 rounded-lg border p-5 ${cls}`}
      >
        <Icon aria-hidden className="size-12 shrink-0" />
        <div className="min-w-0 flex-1">
          <p data-testid="breaker-state" className="text-2xl font-bold tracking-wide">
            {BREAKER_STATE_TEXT[state]}
          </p>
          <p className="mt-1 text-ui text-fg">
            {state === 'unknown'
              ? 'State not received yet — new entries are blocked until it is known.'
              : s?.changedAt
                ? `${s.tripped ? `Tripped (${RULE_TEXT[s.rule ?? 'manual']})` : 'Reset'} by ${s.changedBy} at ${formatDateTime(s.changedAt)}`
                : 'Never tripped.'}
          </p>
          {s?.reason && (
            <p data-testid="breaker-reason" className="mt-0.5 text-ui text-muted">
              Reason: {s.reason}
            </p>
          )}
        </div>
        {state === 'armed' && (
          <span
            title={canTrip ? undefined : 'Your role cannot trip the breaker'}
            className="inline-flex"
          >
            <Button
              variant="danger"
              disabled={!canTrip}
              onClick={() => setDialog('trip')}
              className="h-10 px-4 text-sm"
            >
              <Zap aria-hidden className="size-4" />
              Trip breaker
            </Button>
          </span>
        )}
        {state === 'tripped' && (
          <span title={resetBlocked ?? undefined} className="inline-flex">
            <Button
              variant="outline"
              disabled={Boolean(resetBlocked)}
              onClick={() => setDialog('reset')}
              className="h-10 px-4 text-sm"
            >
              Reset breaker…
            </Button>
          </span>
        )}
      </section>
      {state === 'tripped' && resetBlocked && (
        <p data-testid="breaker-reset-blocked" className="text-xs text-muted">
          {resetBlocked}
        </p>
      )}
      <p className="text-xs text-muted">
        A tripped breaker blocks every order that opens or adds to a position; exits and cancels
        still work. The gateway trips it by itself on the thresholds below, evaluated on every tick
        and fill. If its state cannot be read, entries stay blocked.
      </p>
      <Panel title="Automatic trip thresholds" className="shrink-0">
        {status ? (
          <ThresholdsForm
            key={JSON.stringify(status.thresholds)}
            thresholds={status.thresholds}
            editable={perms.includes('limits:write')}
          />
        ) : (
          <p className="p-3 text-ui text-muted">Loading…</p>
        )}
      </Panel>
      <Panel title="History" className="min-h-[200px] shrink-0">
        <Table
          testId="breaker-history"
          head={['Time', 'Action', 'Rule', 'Actor', 'Reason']}
          empty="The breaker has never tripped."
          rowKeys={status?.history.map((e) => e.id)}
          rows={status?.history.map((e) => [
            <span className="num text-muted">{formatDateTime(e.at)}</span>,
            <span className={e.action === 'trip' ? 'text-down' : 'text-up'}>
              {e.action === 'trip' ? 'Tripped' : 'Reset'}
            </span>,
            e.rule ? RULE_TEXT[e.rule] : '—',
            e.actor,
            <span className="whitespace-normal">{e.reason}</span>,
          ])}
        />
      </Panel>
      {dialog === 'trip' && (
        <ActionDialog
          title="Trip the circuit breaker"
          description="New entries are blocked for every user and strategy until an admin resets it."
          tone="danger"
          minReason={10}
          submitLabel="Trip breaker"
          onClose={() => setDialog(null)}
          run={async (reason) => {
            await tripBreaker(reason);
            return {
              title: 'Circuit breaker tripped: entries blocked',
              detail: `Reason: ${reason}`,
            };
          }}
        />
      )}
      {dialog === 'reset' && (
        <ActionDialog
          title="Reset the circuit breaker"
          description="Entries are accepted again. If a rule is still breached, the breaker trips again at once."
          tone="danger"
          minReason={20}
          confirmWord="RESET"
          submitLabel="Reset breaker"
          onClose={() => setDialog(null)}
          run={async (reason) => {
            await resetBreaker(reason);
            return { title: 'Circuit breaker reset: entries allowed', detail: `Reason: ${reason}` };
          }}
        />
      )}
    </div>
  );
}
