import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { Anchor } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { logout } from '../../../api/auth';
import { ApiError, setCsrfToken } from '../../../api/client';
import { verifyMfa } from '../../../api/security';
import { Button } from '../../../ui/Button';
import { endSession } from '../endSession';
import { sessionQuery, useSession } from '../session';
import { SecondFactorField, type SecondFactorKind } from './SecondFactorField';

/**
 * The code step after single sign-on, a client certificate or dev sign-in, for a user who has
 * set up two-factor authentication: nothing else is allowed until it is passed.
 */
export function VerifyMfaPage() {
  const session = useSession();
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<SecondFactorKind>('totp');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const value = code.trim();
    if (kind === 'totp' && !/^\d{6}$/.test(value))
      return setError('Enter the 6-digit code from your authenticator app.');
    if (!value) return setError('Enter a recovery code.');
    setBusy(true);
    setError(null);
    try {
      const next = await verifyMfa(kind === 'totp' ? { totp: value } : { recoveryCode: value });
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(sessionQuery.queryKey, next);
      await navigate({ to: next.mfa.enrolmentRequired ? '/enrol-mfa' : '/' });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Verification failed unexpectedly.');
      setBusy(false);
    }
  }

  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-[360px]">
        <div className="mb-6 flex items-center gap-2">
          <Anchor aria-hidden className="size-6 text-accent" />
          <h1 className="text-xl font-semibold tracking-tight">Quarterdeck</h1>
        </div>
        <form
          noValidate
          onSubmit={onSubmit}
          className="flex flex-col gap-4 rounded-lg border border-line bg-panel p-6"
        >
          <div>
            <h2 className="text-base font-semibold">Two-factor authentication</h2>
            <p className="mt-1 text-xs text-muted">
              Signed in as {session?.user.username}. Enter your code to continue.
            </p>
          </div>
          <div
            role="alert"
            className={
              error ? 'rounded-md border border-down/50 bg-down/10 px-3 py-2 text-ui' : 'sr-only'
            }
          >
            {error}
          </div>
          <SecondFactorField
            kind={kind}
            code={code}
            onCode={setCode}
            onSwitch={(next) => {
              setKind(next);
              setCode('');
              setError(null);
            }}
          />
          <Button type="submit" variant="primary" busy={busy} className="w-full">
            Verify and continue
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="self-end"
            onClick={async () => {
              await logout().catch(() => undefined);
              await endSession(router, queryClient, 'signed-out');
            }}
          >
            Log out
          </Button>
        </form>
      </div>
    </main>
  );
}
