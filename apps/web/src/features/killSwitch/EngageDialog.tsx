import { EngageKillSwitchRequest } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { engageKillSwitch } from '../../api/endpoints';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { useKillSwitchAction } from './useKillSwitchAction';

/** Halts all trading. Red, reason required, Cancel first. */
export function EngageDialog({ onClose }: { onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { submit, busy, error, setError } = useKillSwitchAction(
    engageKillSwitch,
    'Kill switch engaged: trading halted',
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = EngageKillSwitchRequest.safeParse({ reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid reason');
    if (await submit(parsed.data.reason)) onClose();
  }

  return (
    <Dialog
      open
      tone="danger"
      onOpenChange={(open) => !open && !busy && onClose()}
      title="Engage kill switch"
      description="Every new order is rejected until trading is resumed. Working orders stay as they are."
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <Field
          label="Reason"
          error={error ?? undefined}
          hint="At least 10 characters; recorded with your name."
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              autoFocus
              rows={3}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={`${inputClass} h-auto py-1.5`}
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={busy}>
            Engage
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
