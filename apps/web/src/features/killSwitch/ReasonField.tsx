import { Field, inputClass } from '../../ui/Field';
import { focusOnMount } from '../../ui/focusOnMount';

/** The required-reason textarea of a dangerous action (recorded in the audit trail). */
export function ReasonField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error: string | null;
}) {
  return (
    <Field
      label="Reason"
      error={error ?? undefined}
      hint="At least 10 characters; recorded with your name."
    >
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          ref={focusOnMount}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={`${inputClass} h-auto py-1.5`}
        />
      )}
    </Field>
  );
}
