import type { AuthProviders, Role, SessionInfo } from '@qd/contracts';
import { KeyRound, ShieldCheck, Wrench } from 'lucide-react';
import { useState } from 'react';
import { devLogin, mtlsLogin } from '../../api/auth';
import { Button } from '../../ui/Button';

interface Props {
  providers: AuthProviders;
  /** Called with the new session after a dev or certificate sign-in. */
  onSession: (session: SessionInfo) => Promise<void>;
  onError: (error: unknown) => void;
}

/** Sign-in buttons for the providers other than the password form: OIDC, mTLS, dev. */
export function ProviderButtons({ providers, onSession, onError }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const enabled = new Set(providers.providers);

  async function run(key: string, action: () => Promise<SessionInfo>) {
    if (busy) return;
    setBusy(key);
    try {
      await onSession(await action());
    } catch (err) {
      onError(err);
      setBusy(null);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      {enabled.has('oidc') && (
        <a
          href="/api/v1/auth/oidc/start?returnTo=/"
          className="inline-flex h-8 items-center justify-center gap-1.5 rounded-md border border-line-strong px-3 text-ui font-medium hover:bg-hover"
        >
          <KeyRound aria-hidden className="size-3.5" />
          Sign in with {providers.oidcName ?? 'single sign-on'}
        </a>
      )}
      {enabled.has('mtls') && (
        <Button busy={busy === 'mtls'} onClick={() => void run('mtls', mtlsLogin)}>
          <ShieldCheck aria-hidden className="size-3.5" />
          Sign in with client certificate
        </Button>
      )}
      {enabled.has('dev') && (
        <fieldset className="rounded-md border border-dashed border-line-strong p-3">
          <legend className="flex items-center gap-1 px-1 text-xs text-muted">
            <Wrench aria-hidden className="size-3" /> Local development sign-in
          </legend>
          <div className="grid grid-cols-2 gap-2">
            {(providers.devRoles ?? []).map((role: Role) => (
              <Button
                key={role}
                size="sm"
                busy={busy === role}
                onClick={() => void run(role, () => devLogin(role))}
              >
                Dev {role}
              </Button>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
