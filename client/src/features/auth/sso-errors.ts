import type { SsoErrorCode } from '@shared/api/auth';

/** What went wrong with single sign-on, in words, for the `?error=` of the login page. */
export const SSO_ERROR_TEXT: Record<SsoErrorCode, string> = {
  sso_unavailable:
    'The sign-in provider could not be reached. Try again in a minute; if it keeps failing, tell your Cairn administrator.',
  sso_expired: 'That sign-in took too long or was started in another browser. Please sign in again.',
  state_mismatch: 'That sign-in answer did not belong to this browser, so it was refused. Please sign in again.',
  nonce_mismatch: 'The sign-in provider’s answer did not match this sign-in, so it was refused. Please sign in again.',
  provider_error: 'The sign-in provider did not sign you in (it was cancelled or refused there).',
  token_rejected: 'The sign-in provider refused to complete this sign-in. Please sign in again.',
  email_missing: 'The sign-in provider did not share your email address, which Cairn needs. Ask your administrator.',
  email_unverified: 'Your email address is not verified at the sign-in provider, so Cairn cannot use it.',
  domain_not_allowed: 'Accounts with this email domain may not sign in to Cairn.',
  no_role: 'Your account is not in a group that may use Cairn. Ask your administrator for access.',
  deactivated: 'Your Cairn account is deactivated. Ask an administrator to reactivate it.',
  sso_failed:
    'Signing in failed for an unexpected reason. Please try again; if it keeps failing, tell your Cairn administrator.',
};

/** The human text for a login page `?error=` code, or null when there is none. */
export function ssoErrorText(code: string | null): string | null {
  if (!code) return null;
  return (SSO_ERROR_TEXT as Record<string, string>)[code] ?? SSO_ERROR_TEXT.sso_failed;
}
