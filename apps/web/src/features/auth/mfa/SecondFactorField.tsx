import { Field, inputClass } from '../../../ui/Field';
import { focusOnMount } from '../../../ui/focusOnMount';

export type SecondFactorKind = 'totp' | 'recoveryCode';

interface SecondFactorFieldProps {
  kind: SecondFactorKind;
  code: string;
  onCode: (code: string) => void;
  /** The user switched between authenticator and recovery code (the typed code is dropped). */
  onSwitch: (kind: SecondFactorKind) => void;
}

/** The code input of a sign-in's second step, with the switch to a recovery code and back. */
export function SecondFactorField({ kind, code, onCode, onSwitch }: SecondFactorFieldProps) {
  const totp = kind === 'totp';
  return (
    <>
      <Field
        label={totp ? 'Authenticator code' : 'Recovery code'}
        hint={
          totp
            ? 'The 6-digit code from your authenticator app.'
            : 'One of the recovery codes you saved at enrolment (each works once).'
        }
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            name="code"
            ref={focusOnMount}
            inputMode={totp ? 'numeric' : undefined}
            autoComplete="one-time-code"
            maxLength={totp ? 6 : 11}
            value={code}
            onChange={(e) => onCode(e.target.value)}
            aria-describedby={describedBy}
            className={`${inputClass} font-mono tracking-widest`}
          />
        )}
      </Field>
      <button
        type="button"
        className="self-start text-xs text-accent hover:underline"
        onClick={() => onSwitch(totp ? 'recoveryCode' : 'totp')}
      >
        {totp ? 'Use a recovery code instead' : 'Use the authenticator code instead'}
      </button>
    </>
  );
}
