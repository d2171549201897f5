import type { CurrentUser, LoginRequest, MeResponse } from '@shared/api/auth';
import { api, isApiError } from '../../lib/api';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when signed out. */
export async function fetchCurrentUser(): Promise<CurrentUser | null> {
  try {
    const response = await api.get<MeResponse>('/auth/me');
    return response.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export async function login(request: LoginRequest): Promise<CurrentUser> {
  const response = await api.post<MeResponse>('/auth/login', request);
  return response.user;
}

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout');
}
