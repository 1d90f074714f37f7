import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ApiError, setCsrfToken } from '../../../api/client';
import { verifyMfa } from '../../../api/security';
import { Button } from '../../../ui/Button';
import { AUTH_CARD_CLASS, AuthFrame } from '../AuthFrame';
import { sessionQuery, useSession } from '../session';
import { LogOutButton } from './LogOutButton';
import { SecondFactorField, type SecondFactorKind } from './SecondFactorField';

/**
 * The code step after single sign-on, a client certificate or dev sign-in, for a user who has
 * set up two-factor authentication: nothing else is allowed until it is passed.
 */
export function VerifyMfaPage() {
  const session = useSession();
  const navigate = useNavigate();
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
    <AuthFrame>
      <form noValidate onSubmit={onSubmit} className={AUTH_CARD_CLASS}>
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
        <LogOutButton />
      </form>
    </AuthFrame>
  );
}
