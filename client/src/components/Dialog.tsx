import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './Button';
import { FormError, MissingFieldsContext, useRequiredCheck } from './Field';

const CONTROLS = 'input, select, textarea';

/** The first control a person fills in (not the ✕ of the header); the first button when there is none. */
function firstField(dialog: HTMLDialogElement): HTMLElement | null {
  const body = dialog.querySelector('.dialog-body');
  const usable = (el: HTMLElement) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0;
  const controls = [...(body?.querySelectorAll<HTMLElement>(CONTROLS) ?? [])].filter(
    (el) => usable(el) && (el as HTMLInputElement).type !== 'hidden',
  );
  if (controls[0]) return controls[0];
  return [...dialog.querySelectorAll<HTMLElement>('.dialog-body button, .dialog-footer button')].find(usable) ?? null;
}

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** when set, the body is a form and this is its submit handler */
  onSubmit?: () => void;
  submitLabel?: string;
  submitVariant?: 'primary' | 'danger';
  busy?: boolean;
  error?: unknown;
  handledFields?: string[];
  testId?: string;
  wide?: boolean;
}

/**
 * A modal built on the native <dialog>: the browser traps focus and the rest of the page is inert
 * while it is open. Focus starts in the first field. Escape closes it, but asks first when the
 * person has typed or chosen something. A form checks its required fields before it sends.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  onSubmit,
  submitLabel = 'Save',
  submitVariant = 'primary',
  busy = false,
  error,
  handledFields,
  testId,
  wide,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // set by the person's own typing or choosing (input events), not by options that load later
  const edited = useRef(false);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const required = useRequiredCheck();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    // give focus back to whatever opened the dialog, also when the dialog unmounts while open
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    firstField(dialog)?.focus();
    edited.current = false;
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  useEffect(() => {
    if (confirmingDiscard) ref.current?.querySelector<HTMLElement>('[data-testid="dialog-keep-editing"]')?.focus();
  }, [confirmingDiscard]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !required.check(event.currentTarget)) return;
    onSubmit?.();
  }

  function handleEscape() {
    if (confirmingDiscard || !edited.current) onClose();
    else setConfirmingDiscard(true);
  }

  function keepEditing() {
    setConfirmingDiscard(false);
    if (ref.current) firstField(ref.current)?.focus();
  }

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        handleEscape();
      }}
    >
      {open ? (
        <form
          onSubmit={handleSubmit}
          onInput={(event) => {
            edited.current = true;
            required.onInput(event);
          }}
          className="dialog-form"
          noValidate
        >
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <Button variant="ghost" size="small" onClick={onClose} aria-label="Close dialog">
              ✕
            </Button>
          </header>
          {confirmingDiscard ? (
            <div className="dialog-discard" data-testid="dialog-discard">
              <p role="alert">Discard what you have written in this dialog?</p>
              <div className="row">
                <Button onClick={keepEditing} data-testid="dialog-keep-editing">
                  Keep editing
                </Button>
                <Button variant="danger" onClick={onClose} data-testid="dialog-discard-confirm">
                  Discard
                </Button>
              </div>
            </div>
          ) : null}
          <MissingFieldsContext.Provider value={required.missing}>
            <div className="dialog-body">
              {children}
              <FormError error={error} handledFields={handledFields} />
            </div>
          </MissingFieldsContext.Provider>
          {onSubmit ? (
            <footer className="dialog-footer">
              <Button onClick={onClose}>Cancel</Button>
              <Button type="submit" variant={submitVariant} busy={busy} data-testid="dialog-submit">
                {submitLabel}
              </Button>
            </footer>
          ) : null}
        </form>
      ) : null}
    </dialog>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** what will happen, in words */
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
  handledFields?: string[];
  /** extra inputs, such as a required reason */
  children?: ReactNode;
  testId?: string;
}

/** Asks before an action that changes a domain's course (advance, recycle, hold). */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
  busy,
  error,
  handledFields,
  children,
  testId,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      onSubmit={onConfirm}
      submitLabel={confirmLabel}
      submitVariant={danger ? 'danger' : 'primary'}
      busy={busy}
      error={error}
      handledFields={handledFields}
      testId={testId ?? 'confirm-dialog'}
    >
      <div className="dialog-message">{message}</div>
      {children}
    </Dialog>
  );
}
