import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser, LoginRequest } from '@shared/api/auth';
import { fetchAuthProviders, fetchCurrentUser, login, logout, meQueryKey } from './api';

export function useCurrentUserQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchCurrentUser, staleTime: 60_000 });
}

/** The signed-in user; only call below the signed-in layout, where it is always loaded. */
export function useMe(): CurrentUser {
  const { data } = useCurrentUserQuery();
  if (!data) throw new Error('useMe() used outside the signed-in layout');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: LoginRequest) => login(request),
    onSuccess: (user) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** How one may sign in (it changes only with the server's configuration). */
export function useAuthProviders() {
  return useQuery({ queryKey: ['auth', 'providers'], queryFn: fetchAuthProviders, staleTime: Infinity });
}
