import type { TotpEnrolment } from '@qd/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/client';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../../api/security';
import { Button } from '../../../ui/Button';
import { Field, inputClass } from '../../../ui/Field';

/**
 * TOTP enrolment: scan the QR code (an SVG image; no script), confirm with a first code, then
 * the recovery codes, shown this once.
 */
export function EnrolTotp({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(f: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The request failed unexpectedly.');
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function onConfirm(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setError('Enter the 6-digit code from the app.');
    const result = await run(() => confirmTotpEnrolment(code.trim()));
    if (result) setCodes(result);
  }

  if (codes)
    return (
      <div className="flex flex-col gap-3">
        <p className="text-ui">
          Two-factor authentication is on. Save these recovery codes somewhere safe: each signs you
          in once if you lose your device. <strong>They are shown only now.</strong>
        </p>
        <ul
          data-testid="recovery-codes"
          className="grid grid-cols-2 gap-1 rounded-md border border-line bg-bg p-3 font-mono text-ui"
        >
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Button variant="primary" onClick={onDone} className="self-start">
          I have saved them
        </Button>
      </div>
    );

  if (!enrolment)
    return (
      <div className="flex flex-col gap-3">
        <p className="text-ui text-muted">
          Use an authenticator app (for example Aegis, Google Authenticator or 1Password) to get a
          new code every 30 seconds.
        </p>
        {error && (
          <p role="alert" className="text-ui text-down">
            {error}
          </p>
        )}
        <Button
          variant="primary"
          busy={busy}
          className="self-start"
          onClick={async () => setEnrolment(await run(startTotpEnrolment))}
        >
          Set up authenticator app
        </Button>
      </div>
    );

  return (
    <form noValidate onSubmit={onConfirm} className="flex flex-col gap-3">
      <p className="text-ui">
        Scan this code with your authenticator app, then enter the code it shows.
      </p>
      <img
        src={enrolment.qrSvgDataUrl}
        alt="QR code for your authenticator app"
        data-testid="totp-qr"
        className="size-44 rounded-md bg-white p-2"
      />
      <p className="text-xs text-muted">
        Cannot scan? Enter this key:{' '}
        <code data-testid="totp-secret" className="font-mono text-fg select-all">
          {enrolment.secret}
        </code>
      </p>
      <Field label="Code from the app" error={error ?? undefined}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setError(null);
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={`${inputClass} w-32 font-mono tracking-widest`}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy} className="self-start">
        Turn on
      </Button>
    </form>
  );
}
