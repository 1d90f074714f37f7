import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { focusOnMount } from '../../ui/focusOnMount';

/**
 * Asks for the reason an administrative action is taken (it goes into the audit log); `children`
 * are the action's own fields, above the reason.
 */
export function ReasonDialog({
  title,
  action,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  action: string;
  onSubmit: (reason: string) => Promise<string | null>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) return setError('Give a reason (at least 3 characters).');
    setBusy(true);
    const failure = await onSubmit(reason.trim());
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  }

  return (
    <Dialog open onOpenChange={(o) => !o && !busy && onClose()} title={title}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        {children}
        <Field label="Reason" error={error ?? undefined}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              ref={focusOnMount}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {action}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
