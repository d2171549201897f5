import type { GlobalRole, Theme } from './enums';

export interface LoginRequest {
  email: string;
  password: string;
}

/** `POST /auth/password`: the signed-in user changes their own password. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: GlobalRole;
  active: boolean;
  /** IANA time zone every date and time is shown in; null = the browser's own */
  timeZone: string | null;
  theme: Theme;
  can: {
    manageUsers: boolean;
    manageSettings: boolean;
    createDomain: boolean;
    readAudit: boolean;
    /** member or admin: create and edit tickets, report weirdness */
    contribute: boolean;
    /** the person signs in with a password here, so may change it (POST /auth/password) */
    changePassword: boolean;
  };
}

export interface MeResponse {
  user: CurrentUser;
}

/** `PATCH /me`: the signed-in user's own profile and preferences; omitted fields stay. */
export interface UpdateProfileRequest {
  name?: string;
  /** an IANA zone such as `Europe/Paris`; null goes back to the browser's zone */
  timeZone?: string | null;
  theme?: Theme;
}

export interface CreateTokenRequest {
  name: string;
  /** days until expiry; omitted = never */
  expiresInDays?: number;
}
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}
/** The token value is returned once, at creation. */
export interface CreatedToken extends ApiTokenView {
  token: string;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: GlobalRole;
  active: boolean;
  createdAt: string;
}
export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  role: GlobalRole;
}
export interface UpdateUserRequest {
  name?: string;
  role?: GlobalRole;
  active?: boolean;
  password?: string;
}

/** Header every cookie-authenticated mutation must carry (CSRF defence with SameSite=Lax). */
export const CSRF_HEADER = 'x-cairn-csrf';
export const SESSION_COOKIE = 'cairn_session';

/** `GET /auth/providers`: how the login page offers to sign in (public). */
export interface AuthProvidersResponse {
  /** on: everyone; break-glass: only the break-glass admins; off: no one */
  password: 'on' | 'off' | 'break-glass';
  /** single sign-on with OpenID Connect, when configured */
  oidc: {
    /** "Sign in with <name>" */
    name: string;
    /** where the browser goes to start signing in (add `?returnTo=/path`) */
    startUrl: string;
  } | null;
}

/**
 * Why a single sign-on failed: the callback sends the browser to `/login?error=<code>` and the
 * login page explains it in words.
 */
export const SSO_ERROR_CODES = [
  'sso_unavailable',
  'sso_expired',
  'state_mismatch',
  'nonce_mismatch',
  'provider_error',
  'token_rejected',
  'email_missing',
  'email_unverified',
  'domain_not_allowed',
  'no_role',
  'deactivated',
  'sso_failed',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];
