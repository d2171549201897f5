import { createContext, useContext, useId, useState, type FormEvent, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  /** set on a required field's control: the form checks it is filled before it sends anything */
  'aria-required'?: true;
}

/** The ids of the required controls a form found empty when it was submitted (see checkRequired). */
export const MissingFieldsContext = createContext<ReadonlySet<string>>(new Set());

/**
 * The required controls of `form` that hold nothing but blanks, in document order. A form calls
 * this before sending, shows "… is required" beside each (MissingFieldsContext) and sends nothing.
 */
export function emptyRequiredControls(form: HTMLElement): HTMLElement[] {
  return [
    ...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[aria-required="true"]'),
  ].filter((control) => !control.disabled && 'value' in control && control.value.trim() === '');
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

/**
 * A form's check of its required fields before it sends: `check(form)` marks the empty ones (give
 * `missing` to MissingFieldsContext so each Field says "… is required"), focuses the first and
 * answers whether the form may be sent; `onInput` clears a mark as soon as the field is filled.
 */
export function useRequiredCheck() {
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  return {
    missing,
    check(form: HTMLElement): boolean {
      const empty = emptyRequiredControls(form);
      setMissing(new Set(empty.map((control) => control.id)));
      empty[0]?.focus();
      return empty.length === 0;
    },
    onInput(event: FormEvent) {
      const target = event.target as HTMLInputElement;
      if (missing.has(target.id) && target.value.trim() !== '')
        setMissing(new Set([...missing].filter((id) => id !== target.id)));
    },
  };
}

/**
 * A labelled form control with its hint and its error right beside it: the server's, or the
 * form's own "… is required" when it was sent empty.
 */
export function Field({ label, error: serverError, hint, required, className, children }: FieldProps) {
  const id = useId();
  const missing = useContext(MissingFieldsContext);
  const error = serverError ?? (required && missing.has(id) ? `${label} is required.` : undefined);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        ...(required ? { 'aria-required': true as const } : {}),
      })}
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
