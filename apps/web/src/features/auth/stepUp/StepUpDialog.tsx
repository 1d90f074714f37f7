import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { ApiError, setCsrfToken } from '../../../api/client';
import { fetchMfaStatus, stepUp } from '../../../api/security';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field, inputClass } from '../../../ui/Field';
import { focusOnMount } from '../../../ui/focusOnMount';
import { sessionQuery } from '../session';
import { settleStepUp } from './stepUpStore';

type Method = 'totp' | 'recoveryCode' | 'password';

/**
 * "Confirm it's you": a fresh authenticator code (or a recovery code; the password where MFA is
 * not set up) unlocks sensitive actions for 5 minutes. Settles the pending step-up request.
 */
export function StepUpDialog() {
  const queryClient = useQueryClient();
  const mfa = useQuery({ queryKey: ['mfa-status'], queryFn: fetchMfaStatus, staleTime: 0 });
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const method: Method =
    mfa.data?.enrolled === false ? 'password' : useRecovery ? 'recoveryCode' : 'totp';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy || !mfa.data) return;
    if (!value.trim()) return setError('Enter it to continue.');
    setBusy(true);
    setError(null);
    try {
      const session = await stepUp({ [method]: method === 'password' ? value : value.trim() });
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQuery.queryKey, session);
      settleStepUp(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Verification failed unexpectedly.');
      setBusy(false);
    }
  }

  const label =
    method === 'password'
      ? 'Password'
      : method === 'recoveryCode'
        ? 'Recovery code'
        : 'Authenticator code';
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && settleStepUp(false)}
      title="Confirm it's you"
      description={
        method === 'password'
          ? 'This action needs a fresh confirmation. Enter your password; it stays valid for 5 minutes.'
          : 'This action needs a fresh second factor. Enter the current code from your authenticator app; it stays valid for 5 minutes.'
      }
    >
      <form
        noValidate
        onSubmit={onSubmit}
        className="flex flex-col gap-4"
        data-testid="step-up-dialog"
      >
        {mfa.isError && (
          <p role="alert" className="text-ui text-down">
            Cannot check your sign-in methods. Try again.
          </p>
        )}
        <Field label={label} error={error ?? undefined}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              ref={focusOnMount}
              type={method === 'password' ? 'password' : 'text'}
              inputMode={method === 'totp' ? 'numeric' : undefined}
              autoComplete={method === 'password' ? 'current-password' : 'one-time-code'}
              maxLength={method === 'password' ? 1024 : method === 'totp' ? 6 : 11}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setError(null);
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={`${inputClass} ${method === 'password' ? '' : 'font-mono tracking-widest'}`}
            />
          )}
        </Field>
        {method !== 'password' && (
          <button
            type="button"
            className="self-start text-xs text-accent hover:underline"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setValue('');
              setError(null);
            }}
          >
            {useRecovery ? 'Use the authenticator code instead' : 'Use a recovery code instead'}
          </button>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => settleStepUp(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy || mfa.isPending} disabled={!mfa.data}>
            <ShieldCheck aria-hidden className="size-3.5" />
            Verify
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
