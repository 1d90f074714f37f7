import type { BreakerThresholds } from '@qd/contracts';
import { BreakerThresholds as Schema } from '@qd/contracts';
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { ActionDialog } from '../positionControls/ActionDialog';
import { updateThresholds } from '../positionControls/controlsApi';

const FIELDS: { key: keyof BreakerThresholds; label: string; number?: boolean }[] = [
  { key: 'dailyLossLimit', label: 'Daily loss limit ($)' },
  { key: 'maxDrawdownPct', label: "Drawdown from the day's high (%)" },
  { key: 'maxQuoteAgeMs', label: 'Stale market data after (ms)', number: true },
  { key: 'maxBrokerErrorPct', label: 'Broker error rate (%)' },
  { key: 'minBrokerSamples', label: 'Broker operations before the rate counts', number: true },
  { key: 'brokerWindowMs', label: 'Broker error window (ms)', number: true },
];

/** Automatic trip thresholds; admins edit them (validated, reason required, audited). */
export function ThresholdsForm({
  thresholds,
  editable,
}: {
  thresholds: BreakerThresholds;
  editable: boolean;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(FIELDS.map((f) => [f.key, String(thresholds[f.key])])),
  );
  const [saving, setSaving] = useState(false);
  const parsed = Schema.safeParse(
    Object.fromEntries(
      FIELDS.map((f) => [f.key, f.number ? Number(draft[f.key]) : draft[f.key]?.trim()]),
    ),
  );
  const fieldError = (k: string) =>
    parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === k)?.message;

  return (
    <form
      noValidate
      aria-label="Breaker thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success) setSaving(true);
      }}
      className="grid grid-cols-1 gap-3 p-3 sm:grid-cols-3"
    >
      {FIELDS.map((f) => (
        <Field key={f.key} label={f.label} error={fieldError(f.key)}>
          {({ id, invalid }) => (
            <input
              id={id}
              disabled={!editable}
              inputMode="decimal"
              value={draft[f.key]}
              aria-invalid={invalid}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
              className={`${inputClass} num`}
            />
          )}
        </Field>
      ))}
      {editable && (
        <div className="flex items-end sm:col-span-3">
          <Button type="submit" variant="primary" disabled={!parsed.success}>
            Save thresholds…
          </Button>
        </div>
      )}
      {saving && parsed.success && (
        <ActionDialog
          title="Change breaker thresholds"
          description="The gateway evaluates the new thresholds from the next event on."
          minReason={10}
          submitLabel="Save thresholds"
          onClose={() => setSaving(false)}
          run={async (reason) => {
            await updateThresholds(parsed.data, reason);
            return { title: 'Breaker thresholds saved', detail: `Reason: ${reason}` };
          }}
        />
      )}
    </form>
  );
}
