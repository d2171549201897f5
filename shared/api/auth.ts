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
