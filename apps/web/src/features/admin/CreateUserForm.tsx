import { Role } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { createUser } from '../../api/security';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { showToast } from '../shell/toasts';

/** New user: username, role and an initial password (the server applies the password policy). */
export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await createUser({ username: username.trim(), role, password });
      showToast('success', `User ${username.trim()} created`);
      setUsername('');
      setPassword('');
      onCreated();
    } catch (err) {
      if (err instanceof ApiError)
        setErrors(Object.keys(err.fieldErrors).length ? err.fieldErrors : { form: err.message });
      else setErrors({ form: 'The request failed.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-wrap items-start gap-3 p-3">
      <Field label="Username" error={errors.username}>
        {({ id, invalid }) => (
          <input
            id={id}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={invalid}
            className={`${inputClass} w-40`}
          />
        )}
      </Field>
      <Field label="Role">
        {({ id }) => (
          <select
            id={id}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={`${inputClass} w-32`}
          >
            {Role.options.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Initial password" error={errors.password}>
        {({ id, invalid }) => (
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={invalid}
            className={`${inputClass} w-56`}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy} className="mt-5">
        Create user
      </Button>
      {errors.form && (
        <p role="alert" className="basis-full text-ui text-down">
          {errors.form}
        </p>
      )}
    </form>
  );
}
