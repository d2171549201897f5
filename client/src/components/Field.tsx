import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  /** the server's message for this field */
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form control with its hint and the server's error for it right beside it. */
export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface FormErrorProps {
  error: unknown;
  /** fields shown beside their control, so not repeated here */
  handledFields?: string[];
}

/** The form-level part of an error: the message plus any field errors no control displays. */
export function FormError({ error, handledFields = [] }: FormErrorProps) {
  if (!error) return null;
  const apiError = error as { detail?: string; message?: string; errors?: { field: string; message: string }[] };
  const rest = (apiError.errors ?? []).filter(
    (e) => !handledFields.some((f) => e.field === f || e.field.endsWith(`.${f}`)),
  );
  const allBesideFields = (apiError.errors?.length ?? 0) > 0 && rest.length === 0;
  const message = allBesideFields
    ? 'Please correct the fields marked above.'
    : (apiError.detail ?? apiError.message ?? 'Something went wrong.');
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      <p>{message}</p>
      {rest.length > 0 ? (
        <ul>
          {rest.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <strong>{e.field}</strong>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
