import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserRequest, UpdateUserRequest } from '@shared/api/auth';
import { createUser, listUsers, updateUser, userKeys } from './api';

export function useUsers(q = '') {
  return useQuery({ queryKey: userKeys.list(q), queryFn: () => listUsers(q), staleTime: 60_000 });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) => createUser(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: UpdateUserRequest }) => updateUser(id, request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
