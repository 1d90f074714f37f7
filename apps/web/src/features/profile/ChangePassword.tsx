import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, setCsrfToken } from '../../api/client';
import { changePassword } from '../../api/security';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { sessionQuery } from '../auth/session';
import { showToast } from '../shell/toasts';

/** Change password: current + new (12+ characters); other sessions end. */
export function ChangePassword() {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs = {
      ...(current ? {} : { current: 'Enter your current password.' }),
      ...(next.length >= 12 ? {} : { next: 'Use at least 12 characters.' }),
    };
    setErrors(errs);
    if (errs.current || errs.next) return;
    setBusy(true);
    try {
      const session = await changePassword({ currentPassword: current, newPassword: next });
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQuery.queryKey, session);
      await queryClient.invalidateQueries({ queryKey: ['my-sessions'] });
      setCurrent('');
      setNext('');
      showToast('success', 'Password changed', 'Your other sessions were signed out.');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS')
        setErrors({ current: err.message });
      else if (err instanceof ApiError && err.fieldErrors.newPassword)
        setErrors({ next: err.fieldErrors.newPassword });
      else setErrors({ form: err instanceof ApiError ? err.message : 'The request failed.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-sm flex-col gap-3 p-3">
      {errors.form && (
        <p role="alert" className="text-ui text-down">
          {errors.form}
        </p>
      )}
      <Field label="Current password" error={errors.current}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        label="New password"
        error={errors.next}
        hint="At least 12 characters; a passphrase of several words works well."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy} className="self-start">
        Change password
      </Button>
    </form>
  );
}
