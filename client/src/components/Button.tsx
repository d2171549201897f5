import type { ButtonHTMLAttributes, MouseEvent } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  busy?: boolean;
  /**
   * When set, the button is disabled and this text says why (tooltip and accessible description).
   * It stays focusable so keyboard users can discover the reason too.
   */
  disabledReason?: string | null;
}

/** A button; disabled ones keep their reason on hover instead of silently doing nothing. */
export function Button({
  variant = 'secondary',
  size = 'normal',
  busy = false,
  disabledReason,
  className,
  onClick,
  type = 'button',
  title,
  children,
  disabled,
  ...rest
}: ButtonProps) {
  const blocked = Boolean(disabledReason) || busy || Boolean(disabled);
  function handleClick(event: MouseEvent<HTMLButtonElement>) {
    if (blocked) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }
  const classes = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      onClick={handleClick}
      aria-disabled={blocked || undefined}
      aria-busy={busy || undefined}
      title={disabledReason ?? title}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
