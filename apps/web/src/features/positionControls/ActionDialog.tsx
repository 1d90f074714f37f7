import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import { showToast } from '../shell/toasts';

export interface ActionDialogProps {
  title: string;
  description?: ReactNode;
  tone?: 'default' | 'danger';
  /** Shortest acceptable reason (10, or 20 for flatten and breaker reset). */
  minReason: number;
  /** A word the user must type exactly before the action is enabled. */
  confirmWord?: string;
  submitLabel: string;
  /** Extra fields above the reason; return an error to block submitting. */
  children?: ReactNode;
  validate?: () => string | null;
  /** Runs the action; resolves to the success toast's title and detail. */
  run: (reason: string) => Promise<{ title: string; detail?: string }>;
  onClose: () => void;
}

/**
 * A dangerous action's dialog: reason (recorded in the audit trail), optional typed confirmation,
 * busy while sending; the outcome is always shown (toast on success, inline and toast on failure).
 */
export function ActionDialog(p: ActionDialogProps) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wordOk = !p.confirmWord || typed === p.confirmWord;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy || !wordOk) return;
    const text = reason.trim();
    if (text.length < p.minReason)
      return setError(`give a reason of at least ${p.minReason} characters`);
    const invalid = p.validate?.();
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      const ok = await p.run(text);
      showToast('success', ok.title, ok.detail);
      p.onClose();
    } catch (err) {
      const message =
        err instanceof ApiError
          ? (Object.values(err.fieldErrors)[0] ?? err.message)
          : 'The request failed unexpectedly.';
      setError(message);
      showToast('error', `${p.title} failed`, message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      tone={p.tone ?? 'default'}
      onOpenChange={(open) => !open && !busy && p.onClose()}
      title={p.title}
      description={p.description}
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {p.children}
        <Field
          label="Reason"
          error={error ?? undefined}
          hint={`At least ${p.minReason} characters; recorded with your name.`}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
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
        {p.confirmWord && (
          <Field
            label={`Type ${p.confirmWord} to confirm`}
            hint={
              <>
                Type <strong className="font-mono text-fg">{p.confirmWord}</strong> exactly.
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
                placeholder={p.confirmWord}
                className={`${inputClass} font-mono`}
              />
            )}
          </Field>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={p.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={p.tone === 'danger' ? 'danger' : 'primary'}
            busy={busy}
            disabled={!wordOk}
            title={wordOk ? undefined : `Type ${p.confirmWord} to enable`}
          >
            {p.submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
