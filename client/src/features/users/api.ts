import type { CreateUserRequest, UpdateUserRequest, UserView } from '@shared/api/auth';
import type { Page } from '@shared/api/common';
import { api } from '../../lib/api';

export const userKeys = {
  all: ['users'] as const,
  list: (q: string) => ['users', 'list', q] as const,
};

export async function listUsers(q = ''): Promise<Page<UserView>> {
  return api.get<Page<UserView>>('/users', { q, limit: 100 });
}
export const createUser = (request: CreateUserRequest) => api.post<UserView>('/users', request);
export const updateUser = (id: string, request: UpdateUserRequest) =>
  api.patch<UserView>(`/users/${encodeURIComponent(id)}`, request);
