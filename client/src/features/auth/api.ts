import type { CurrentUser, LoginRequest, MeResponse } from '@shared/api/auth';
import { api, isApiError } from '../../lib/api';

export const meQueryKey = ['auth', 'me'] as const;

/**
 * Remembers that this browser signed in. Without it the client shows the login page straight
 * away instead of asking /auth/me, whose 401 the browser would log as a console error on every
 * signed-out visit. The session cookie stays the only authority: a 401 anywhere clears the hint.
 */
const SIGNED_IN_HINT = 'cairn.signedIn';

function readHint(): boolean {
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
