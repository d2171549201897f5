import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button } from './Button';
import { FormError } from './Field';

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
 * A modal built on the native <dialog>: the browser traps focus, Escape closes it and the rest of
 * the page is inert while it is open.
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

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    // give focus back to whatever opened the dialog, also when the dialog unmounts while open
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onSubmit?.();
  }

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <form onSubmit={handleSubmit} className="dialog-form" noValidate>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <Button variant="ghost" size="small" onClick={onClose} aria-label="Close dialog">
              ✕
            </Button>
          </header>
          <div className="dialog-body">
            {children}
            <FormError error={error} handledFields={handledFields} />
          </div>
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
