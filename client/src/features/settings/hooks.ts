import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateProfileRequest } from '@shared/api/auth';
import { meQueryKey } from '../auth/api';
import { createToken, fetchTokens, revokeToken, tokensQueryKey, updateProfile } from './api';

/** Saves the person's own name, time zone or theme; the whole app follows the answer at once. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateProfileRequest) => updateProfile(request),
    onSuccess: (response) => queryClient.setQueryData(meQueryKey, response.user),
  });
}

export function useTokens() {
  return useQuery({ queryKey: tokensQueryKey, queryFn: fetchTokens });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
