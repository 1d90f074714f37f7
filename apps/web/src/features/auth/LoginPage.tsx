import type { AuthProviders, SessionInfo } from '@qd/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, setCsrfToken } from '../../api/client';
import { fetchProviders, login } from '../../api/auth';
import { Button } from '../../ui/Button';
import { Field, inputClass } from '../../ui/Field';
import { focusOnMount } from '../../ui/focusOnMount';
import { AUTH_CARD_CLASS, AuthFrame } from './AuthFrame';
import { loginReasonMessage, type LoginReason } from './loginReason';
import { SecondFactorField } from './mfa/SecondFactorField';
import { ProviderButtons } from './ProviderButtons';

function messageFor(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Sign-in failed unexpectedly. Try again.';
  if (e.code === 'INVALID_CREDENTIALS') return 'Invalid username or password.';
  if (e.code === 'MFA_INVALID') return e.message;
  // The server's detail already says how long to wait.
  if (e.code === 'RATE_LIMITED') return e.message;
  if (e.isNetwork)
    return 'Cannot reach the server. Check that Quarterdeck is running and try again.';
  return e.message;
}

/** The sign-in methods the server offers, read once; one retry, like the other reads. */
function useProviders(): AuthProviders | undefined {
  const [providers, setProviders] = useState<AuthProviders>();
  useEffect(() => {
    let live = true;
    fetchProviders()
      .catch(() => fetchProviders())
      .then((p) => live && setProviders(p))
      .catch(() => undefined); // the password form stays offered
    return () => {
      live = false;
    };
  }, []);
  return providers;
}

interface Props {
  /** Why the page is shown (`?reason=`). */
  reason?: LoginReason;
  /** Takes over with the new session (the CSRF token is already set): opens the app. */
  onSignedIn: (session: SessionInfo) => Promise<void>;
}

/**
 * The sign-in form. No router or query client here: the login route's first load renders it
 * on its own (see main.tsx), so its JS is React and this page only.
 */
export function LoginPage({ reason, onSignedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Second step, when the account has two-factor authentication.
  const [codeStep, setCodeStep] = useState<'totp' | 'recoveryCode' | null>(null);
  const [code, setCode] = useState('');
  const providers = useProviders();
  // Until the list arrives (or if it cannot be read) the password form is offered.
  const showBasic = !providers || providers.providers.includes('basic');

  async function onSession(session: SessionInfo) {
    setCsrfToken(session.csrfToken);
    await onSignedIn(session);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const errs = {
      ...(username.trim() ? {} : { username: 'Enter your username.' }),
      ...(password ? {} : { password: 'Enter your password.' }),
    };
    setFieldErrors(errs);
    if (errs.username || errs.password) return;
    if (codeStep && !code.trim()) return setError('Enter the code.');
    setError(null);
    setBusy(true);
    try {
      const session = await login({
        username: username.trim(),
        password,
        ...(codeStep ? { [codeStep]: code.trim() } : {}),
      });
      await onSession(session);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'MFA_REQUIRED') {
        setCodeStep('totp');
        setCode('');
      } else setError(messageFor(err));
      setBusy(false);
    }
  }

  const notice = error ?? loginReasonMessage(reason);
  const noticeTone =
    error || (reason && reason !== 'signed-out')
      ? 'border-down/50 bg-down/10'
      : 'border-line-strong bg-raised';
  return (
    <AuthFrame>
      <form noValidate onSubmit={onSubmit} className={AUTH_CARD_CLASS}>
        <div>
          <h2 className="text-base font-semibold">Sign in</h2>
          <p className="mt-1 text-xs text-muted">Trading operations console</p>
        </div>
        <div
          role="alert"
          className={notice ? `rounded-md border px-3 py-2 text-ui ${noticeTone}` : 'sr-only'}
        >
          {notice}
        </div>
        {showBasic && (
          <>
            <Field label="Username" error={fieldErrors.username}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="username"
                  autoComplete="username"
                  ref={focusOnMount}
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </Field>
            <Field label="Password" error={fieldErrors.password}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </Field>
            {codeStep && (
              <SecondFactorField
                kind={codeStep}
                code={code}
                onCode={setCode}
                onSwitch={(next) => {
                  setCodeStep(next);
                  setCode('');
                  setError(null);
                }}
              />
            )}
            <Button type="submit" variant="primary" busy={busy} className="mt-1 w-full">
              {codeStep ? 'Verify and sign in' : 'Sign in'}
            </Button>
          </>
        )}
        {providers && (
          <ProviderButtons
            providers={providers}
            onSession={onSession}
            onError={(err) => setError(messageFor(err))}
          />
        )}
      </form>
    </AuthFrame>
  );
}
