import type { AuthProvidersResponse, CurrentUser, LoginRequest, MeResponse } from '@shared/api/auth';
import { api, isApiError } from '../../lib/api';

export const meQueryKey = ['auth', 'me'] as const;

/**
 * Remembers that this browser signed in. Without it the client shows the login page straight
 * away instead of asking /auth/me, whose 401 the browser would log as a console error on every
 * signed-out visit. The session cookie stays the only authority: a 401 anywhere clears the hint.
 */
const SIGNED_IN_HINT = 'cairn.signedIn';

/** Single sign-on ends on `<page>#signed-in` (server/modules/users/oidc.router.ts): a session exists. */
const SIGNED_IN_FRAGMENT = '#signed-in';

function readHint(): boolean {
  if (window.location.hash === SIGNED_IN_FRAGMENT) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    setSignedInHint(true);
    return true;
  }
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true; // storage unavailable: always ask the server
  }
}

export function setSignedInHint(signedIn: boolean) {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // storage unavailable (private mode): the hint is only an optimisation
  }
}

/** The signed-in user, or null when signed out. */
export async function fetchCurrentUser(): Promise<CurrentUser | null> {
  if (!readHint()) return null;
  try {
    const response = await api.get<MeResponse>('/auth/me');
    return response.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setSignedInHint(false);
      return null;
    }
    throw error;
  }
}

export async function login(request: LoginRequest): Promise<CurrentUser> {
  const response = await api.post<MeResponse>('/auth/login', request);
  setSignedInHint(true);
  return response.user;
}

export async function logout(): Promise<void> {
  setSignedInHint(false);
  await api.post<void>('/auth/logout');
}

/** How one may sign in here (public): password, single sign-on, or both. */
export function fetchAuthProviders(): Promise<AuthProvidersResponse> {
  return api.get<AuthProvidersResponse>('/auth/providers');
}

/** Where the browser goes to sign in with single sign-on, coming back to `returnTo`. */
export function ssoStartHref(startUrl: string, returnTo: string): string {
  return `${startUrl}?${new URLSearchParams({ returnTo })}`;
}
