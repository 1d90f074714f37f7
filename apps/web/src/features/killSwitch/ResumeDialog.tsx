import { Reason } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { disengageKillSwitch } from '../../api/endpoints';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { ReasonField } from './ReasonField';
import { useKillSwitchAction } from './useKillSwitchAction';

const WORD = 'RESUME';

/** Re-enables trading: reason plus the typed word; the button waits for the exact word. */
export function ResumeDialog({ onClose }: { onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const { submit, busy, error, setError } = useKillSwitchAction(
    disengageKillSwitch,
    'Trading resumed',
  );
  const matches = typed === WORD;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!matches) return;
    const parsed = Reason.safeParse(reason);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid reason');
    if (await submit(parsed.data)) onClose();
  }

  return (
    <Dialog
      open
      tone="danger"
      onOpenChange={(open) => !open && !busy && onClose()}
      title="Resume trading"
      description="Orders will be accepted again for every user and strategy."
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <ReasonField
          value={reason}
          error={error}
          onChange={(v) => {
            setReason(v);
            setError(null);
          }}
        />
        <Field
          label={`Type ${WORD} to confirm`}
          hint={
            <>
              Type <strong className="font-mono text-fg">{WORD}</strong> exactly, in capitals.
            </>
          }
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-describedby={describedBy}
              autoComplete="off"
              spellCheck={false}
              placeholder={WORD}
              className={`${inputClass} font-mono`}
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            busy={busy}
            disabled={!matches}
            title={matches ? undefined : `Type ${WORD} to enable`}
          >
            Resume trading
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
