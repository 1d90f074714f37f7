import type { CreatedApiKey, Permission } from '@qd/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { createApiKey, fetchApiKeys, revokeApiKey } from '../../api/security';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { useSession } from '../auth/session';
import { showToast } from '../shell/toasts';

/** API keys for scripts: scoped to chosen permissions, expiring; the token is shown once. */
export function ApiKeys() {
  const session = useSession();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: fetchApiKeys, staleTime: 0 });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [days, setDays] = useState('30');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const grantable = (session?.permissions ?? []).filter(
    (p) => !['profile:self', 'apikeys:self'].includes(p),
  );

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    if (!name.trim() || !scopes.length)
      return setError('Name the key and choose at least one permission.');
    setBusy(true);
    setError(null);
    try {
      setCreated(await createApiKey({ name: name.trim(), scopes, expiresInDays: Number(days) }));
      setName('');
      setScopes([]);
      await keys.refetch();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The request failed.');
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    try {
      await revokeApiKey(id);
      await keys.refetch();
      showToast('success', 'API key revoked');
    } catch (err) {
      showToast(
        'error',
        'Could not revoke the key',
        err instanceof ApiError ? err.message : undefined,
      );
    }
  }

  return (
    <div className="flex flex-col gap-3 p-3">
      {created && (
        <div role="status" className="rounded-md border border-accent/50 bg-accent/10 p-3 text-ui">
          <p>
            Copy the key now; it is not shown again. Send it as <code>Authorization: Bearer …</code>
          </p>
          <code data-testid="api-key-token" className="mt-1 block font-mono break-all select-all">
            {created.token}
          </code>
        </div>
      )}
      <table className="w-full text-left text-ui">
        <thead className="text-xs text-muted">
          <tr>
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Permissions</th>
            <th className="py-1 font-medium">Expires</th>
            <th className="py-1 font-medium">Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(keys.data ?? []).map((k) => (
            <tr key={k.id} className="border-t border-line">
              <td className="py-1.5">
                {k.name} <span className="font-mono text-xs text-muted">qdk_{k.prefix}…</span>
              </td>
              <td className="py-1.5 text-xs">{k.scopes.join(', ')}</td>
              <td className="py-1.5">{new Date(k.expiresAt).toLocaleDateString()}</td>
              <td className="py-1.5">
                {k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}
              </td>
              <td className="py-1.5 text-right">
                {k.revokedAt ? (
                  <span className="text-xs text-muted">revoked</span>
                ) : (
                  <Button size="sm" onClick={() => revoke(k.id)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        noValidate
        onSubmit={onCreate}
        className="flex flex-col gap-2 border-t border-line pt-3"
      >
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Key name">
            {({ id }) => (
              <input
                id={id}
                value={name}
                onChange={(e) => setName(e.target.value)}
                className={`${inputClass} w-48`}
              />
            )}
          </Field>
          <Field label="Expires in (days)">
            {({ id }) => (
              <select
                id={id}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                className={`${inputClass} w-28`}
              >
                {['7', '30', '90', '365'].map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="flex flex-wrap gap-3 text-ui">
          <legend className="mb-1 text-xs font-medium text-muted">Permissions</legend>
          {grantable.map((p) => (
            <label key={p} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={scopes.includes(p)}
                onChange={(e) =>
                  setScopes(e.target.checked ? [...scopes, p] : scopes.filter((s) => s !== p))
                }
              />
              {p}
            </label>
          ))}
        </fieldset>
        {error && (
          <p role="alert" className="text-ui text-down">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} className="self-start">
          Create key
        </Button>
      </form>
    </div>
  );
}
