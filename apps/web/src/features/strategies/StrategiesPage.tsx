import type { Strategy } from '@qd/contracts';
import { useState } from 'react';
import { formatMoney, formatQty, toneClass } from '../../format/numbers';
import { useTopic } from '../../live/useTopic';
import { Button } from '../../ui/Button';
import { useSession } from '../auth/session';
import { ActionDialog } from '../positionControls/ActionDialog';
import { setPause, setStrategyEnabled } from '../positionControls/controlsApi';

const STATUS_CLS: Record<Strategy['status'], string> = {
  running: 'text-up',
  paused: 'text-warn',
  disabled: 'text-muted',
  halted: 'text-down',
};

/** The demo strategies: status, positions, open orders, today's P&L; enable, disable, pause. */
export function StrategiesPage() {
  const strategies = useTopic('strategies');
  const session = useSession();
  const perms = session?.permissions ?? [];
  const [toggle, setToggle] = useState<Strategy | null>(null);
  const [pause, setPauseFor] = useState<Strategy | null>(null);
  const [cancelOpen, setCancelOpen] = useState(true);

  return (
    <div className="mx-auto flex h-full max-w-[1200px] flex-col gap-3 overflow-auto p-4">
      <h1 className="text-xl font-semibold">Strategies</h1>
      <p className="text-xs text-muted">
        Demo strategies trade the simulated market through the same pre-trade checks as people.
        Disabling stops new orders (and can cancel open ones); pausing blocks only new entries.
      </p>
      {!strategies && <p className="text-ui text-muted">Loading…</p>}
      <div className="grid gap-3 lg:grid-cols-2">
        {strategies?.map((s) => (
          <section
            key={s.id}
            aria-label={`Strategy ${s.name}`}
            data-testid={`strategy-${s.id}`}
            className="flex flex-col gap-2 rounded-lg border border-line bg-panel p-4"
          >
            <header className="flex items-start justify-between gap-2">
              <div>
                <h2 className="text-base font-semibold">{s.name}</h2>
                <p className="font-mono text-xs text-muted">
                  {s.id} · {s.kind.replace('_', ' ')} · {s.symbols.join(', ')}
                </p>
              </div>
              <span
                data-testid="strategy-status"
                className={`text-sm font-bold uppercase ${STATUS_CLS[s.status]}`}
              >
                {s.status}
              </span>
            </header>
            <p className="text-xs text-muted">{s.statusDetail}</p>
            <dl className="grid grid-cols-3 gap-2 text-ui">
              <div>
                <dt className="text-xs text-muted">Today&apos;s P&amp;L</dt>
                <dd data-testid="strategy-pnl" className={`num ${toneClass(s.pnlToday)}`}>
                  {formatMoney(s.pnlToday, { sign: true })}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted">Positions</dt>
                <dd className="num">
                  {s.positions.length
                    ? s.positions.map((p) => `${p.symbol} ${formatQty(p.qty)}`).join(', ')
                    : 'flat'}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted">Open orders</dt>
                <dd className="num">{s.openOrders.length}</dd>
              </div>
            </dl>
            <div className="flex gap-2">
              <span
                title={
                  perms.includes('strategies:write')
                    ? undefined
                    : 'Your role cannot change strategies'
                }
                className="inline-flex"
              >
                <Button
                  variant={s.enabled ? 'danger' : 'primary'}
                  disabled={!perms.includes('strategies:write')}
                  onClick={() => setToggle(s)}
                >
                  {s.enabled ? 'Disable…' : 'Enable…'}
                </Button>
              </span>
              <span
                title={
                  perms.includes('trading:control') ? undefined : 'Your role cannot pause entries'
                }
                className="inline-flex"
              >
                <Button
                  disabled={!perms.includes('trading:control')}
                  onClick={() => setPauseFor(s)}
                >
                  {s.paused ? 'Resume entries…' : 'Pause entries…'}
                </Button>
              </span>
            </div>
          </section>
        ))}
      </div>
      {toggle && (
        <ActionDialog
          title={`${toggle.enabled ? 'Disable' : 'Enable'} ${toggle.name}`}
          description={
            toggle.enabled
              ? 'The strategy stops sending orders at once.'
              : 'The strategy starts trading the simulated market.'
          }
          tone={toggle.enabled ? 'danger' : 'default'}
          minReason={10}
          confirmWord={toggle.id}
          submitLabel={toggle.enabled ? 'Disable strategy' : 'Enable strategy'}
          onClose={() => setToggle(null)}
          run={async (reason) => {
            const r = await setStrategyEnabled(toggle.id, {
              enabled: !toggle.enabled,
              reason,
              confirm: toggle.id,
              cancelOpenOrders: toggle.enabled && cancelOpen,
            });
            return {
              title: `Strategy ${toggle.id} ${toggle.enabled ? 'disabled' : 'enabled'}`,
              ...(toggle.enabled ? { detail: `${r.canceled.length} open orders cancelled` } : {}),
            };
          }}
        >
          {toggle.enabled && (
            <label className="flex items-center gap-2 text-ui">
              <input
                type="checkbox"
                checked={cancelOpen}
                onChange={(e) => setCancelOpen(e.target.checked)}
              />
              Also cancel its open orders ({toggle.openOrders.length})
            </label>
          )}
        </ActionDialog>
      )}
      {pause && (
        <ActionDialog
          title={`${pause.paused ? 'Resume' : 'Pause'} entries for ${pause.name}`}
          description="A soft halt: the strategy may still exit positions."
          minReason={10}
          submitLabel={pause.paused ? 'Resume entries' : 'Pause entries'}
          onClose={() => setPauseFor(null)}
          run={async (reason) => {
            await setPause(pause.id, !pause.paused, reason);
            return { title: `Entries ${pause.paused ? 'resumed' : 'paused'} for ${pause.id}` };
          }}
        />
      )}
    </div>
  );
}
