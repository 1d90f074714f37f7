import { RiskLimits } from '@qd/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { inputClass } from '../../ui/Field';
import { ActionDialog } from './ActionDialog';
import { fetchRiskLimits, updateRiskLimits } from './controlsApi';

type Row = Record<string, string>;
const GLOBAL = [
  ['maxNotional', 'Max notional ($)'],
  ['maxQty', 'Max quantity'],
  ['maxAdvPct', 'Max % of ADV'],
  ['maxQuoteAgeMs', 'Max quote age (ms)'],
  ['maxGrossExposure', 'Max gross exposure ($)'],
] as const;
const OVERRIDE = GLOBAL.slice(0, 4);

/** Draft → the RiskLimits shape: empty override cells are left out (the global value applies). */
function toLimits(global: Row, symbols: Row[], strategies: Row[]): unknown {
  const num = (k: string, v: string) => (k === 'maxQuoteAgeMs' ? Number(v) : v.trim());
  const pick = (r: Row, keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => r[k]?.trim()).map((k) => [k, num(k, r[k]!)]));
  return {
    global: pick(
      global,
      GLOBAL.map(([k]) => k),
    ),
    symbols: Object.fromEntries(
      symbols
        .filter((r) => r.symbol?.trim())
        .map((r) => [
          r.symbol!.trim().toUpperCase(),
          pick(
            r,
            OVERRIDE.map(([k]) => k),
          ),
        ]),
    ),
    strategies: Object.fromEntries(
      strategies
        .filter((r) => r.maxPositionQty?.trim() || r.maxGrossExposure?.trim())
        .map((r) => [r.id!, pick(r, ['maxPositionQty', 'maxGrossExposure'])]),
    ),
  };
}

/** Pre-trade limits as the gateway enforces them; admins edit (validated, reason, audited). */
export function RiskLimitsPanel({
  editable,
  strategyIds,
}: {
  editable: boolean;
  strategyIds: string[];
}) {
  const query = useQuery({ queryKey: ['risk-limits'], queryFn: fetchRiskLimits });
  if (query.isError) return <p className="p-3 text-ui text-down">Could not load the limits.</p>;
  if (!query.data) return <p className="p-3 text-ui text-muted">Loading…</p>;
  return (
    <LimitsForm
      key={JSON.stringify(query.data) + strategyIds.join()}
      limits={query.data}
      editable={editable}
      strategyIds={strategyIds}
    />
  );
}

function LimitsForm({
  limits,
  editable,
  strategyIds,
}: {
  limits: RiskLimits;
  editable: boolean;
  strategyIds: string[];
}) {
  const queryClient = useQueryClient();
  const [global, setGlobal] = useState<Row>(() =>
    Object.fromEntries(Object.entries(limits.global).map(([k, v]) => [k, String(v)])),
  );
  const [symbols, setSymbols] = useState<Row[]>(() =>
    Object.entries(limits.symbols).map(([symbol, o]) => ({
      symbol,
      ...Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])),
    })),
  );
  const [strategies, setStrategies] = useState<Row[]>(() =>
    strategyIds.map((id) => ({ id, ...(limits.strategies[id] ?? {}) })),
  );
  const [saving, setSaving] = useState(false);
  const parsed = RiskLimits.safeParse(toLimits(global, symbols, strategies));
  const problem = parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)[0];
  const cell = (value: string | undefined, set: (v: string) => void, label: string) => (
    <input
      aria-label={label}
      disabled={!editable}
      value={value ?? ''}
      onChange={(e) => set(e.target.value)}
      className={`${inputClass} num h-7 min-w-20`}
    />
  );

  return (
    <form
      noValidate
      aria-label="Risk limits"
      className="flex flex-col gap-3 p-3 text-ui"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success) setSaving(true);
      }}
    >
      <div className="grid grid-cols-2 gap-2 md:grid-cols-5">
        {GLOBAL.map(([k, label]) => (
          <label key={k} className="flex flex-col gap-1 text-xs text-muted">
            {label}
            {cell(global[k], (v) => setGlobal({ ...global, [k]: v }), `Global ${label}`)}
          </label>
        ))}
      </div>
      <table className="w-full text-left">
        <caption className="pb-1 text-left text-xs font-medium text-muted">
          Per-symbol overrides (blank: the global value applies)
        </caption>
        <thead className="text-xs text-muted">
          <tr>
            <th className="pr-2 font-medium">Symbol</th>
            {OVERRIDE.map(([k, label]) => (
              <th key={k} className="pr-2 font-medium">
                {label}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {symbols.map((r, i) => {
            const set = (k: string) => (v: string) =>
              setSymbols(symbols.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
            return (
              <tr key={i}>
                <td className="pr-2 py-0.5">
                  {cell(r.symbol, set('symbol'), `Override ${i + 1} symbol`)}
                </td>
                {OVERRIDE.map(([k, label]) => (
                  <td key={k} className="pr-2 py-0.5">
                    {cell(r[k], set(k), `${r.symbol || `Override ${i + 1}`} ${label}`)}
                  </td>
                ))}
                <td>
                  {editable && (
                    <Button size="sm" onClick={() => setSymbols(symbols.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <div>
          <Button size="sm" onClick={() => setSymbols([...symbols, { symbol: '' }])}>
            Add symbol override
          </Button>
        </div>
      )}
      <table className="w-full text-left">
        <caption className="pb-1 text-left text-xs font-medium text-muted">Strategy limits</caption>
        <thead className="text-xs text-muted">
          <tr>
            <th className="pr-2 font-medium">Strategy</th>
            <th className="pr-2 font-medium">Max position (shares)</th>
            <th className="pr-2 font-medium">Max gross exposure ($)</th>
          </tr>
        </thead>
        <tbody>
          {strategies.map((r, i) => {
            const set = (k: string) => (v: string) =>
              setStrategies(strategies.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
            return (
              <tr key={r.id}>
                <td className="pr-2 font-mono text-xs">{r.id}</td>
                <td className="pr-2 py-0.5">
                  {cell(r.maxPositionQty, set('maxPositionQty'), `${r.id} max position`)}
                </td>
                <td className="pr-2 py-0.5">
                  {cell(r.maxGrossExposure, set('maxGrossExposure'), `${r.id} max gross exposure`)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={!parsed.success}>
            Save limits…
          </Button>
          {problem && (
            <p data-testid="limits-problem" className="text-xs text-down">
              {problem}
            </p>
          )}
        </div>
      )}
      {saving && parsed.success && (
        <ActionDialog
          title="Change pre-trade limits"
          description="Every order from now on, including modifies, is checked against the new limits."
          minReason={10}
          submitLabel="Save limits"
          onClose={() => setSaving(false)}
          run={async (reason) => {
            await updateRiskLimits(parsed.data, reason);
            await queryClient.invalidateQueries({ queryKey: ['risk-limits'] });
            return { title: 'Pre-trade limits saved', detail: `Reason: ${reason}` };
          }}
        />
      )}
    </form>
  );
}
