import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateDomainRequest, CreateDomainRequest, DomainEventKind } from '@shared/api/domains';
import type { DomainRole } from '@shared/api/enums';
import { cursorPaging } from '../../lib/pagination';
import {
  createDomain,
  domainKeys,
  getConfidence,
  getDomain,
  getOddityRate,
  listDomainEvents,
  listDomainOptions,
  listDomainPage,
  listMembers,
  putMember,
  removeMember,
  updateDomain,
  type DomainFilters,
} from './api';

/** A board column: the first page of a stage's domains, and the next ones on demand. */
export function useDomainColumn(filters: DomainFilters) {
  return useInfiniteQuery({
    queryKey: domainKeys.column(filters),
    queryFn: ({ pageParam }) => listDomainPage(filters, pageParam),
    ...cursorPaging,
  });
}

/** Domains matching `q` by name, for a picker. */
export function useDomainOptions(q: string) {
  return useQuery({ queryKey: domainKeys.options(q), queryFn: () => listDomainOptions(q), staleTime: 60_000 });
}

export function useDomain(key: string) {
  return useQuery({ queryKey: domainKeys.detail(key), queryFn: () => getDomain(key) });
}

export function useCreateDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateDomainRequest) => createDomain(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: domainKeys.all }),
  });
}

export function useUpdateDomain(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, request }: { version: number; request: UpdateDomainRequest }) =>
      updateDomain(key, version, request),
    onSuccess: (domain) => {
      queryClient.setQueryData(domainKeys.detail(key), domain);
      void queryClient.invalidateQueries({ queryKey: domainKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['gate', key] });
    },
  });
}

export function useMembers(key: string) {
  return useQuery({
    queryKey: domainKeys.members(key),
    queryFn: () => listMembers(key),
  });
}

/** Setting someone's roles (an empty list removes them) changes who may sign the gate too. */
export function useSetMemberRoles(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, roles }: { userId: string; roles: DomainRole[] }) =>
      roles.length ? putMember(key, userId, { roles }) : removeMember(key, userId),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: domainKeys.members(key) });
      void queryClient.invalidateQueries({ queryKey: domainKeys.detail(key) });
      void queryClient.invalidateQueries({ queryKey: ['gate', key] });
      void queryClient.invalidateQueries({ queryKey: domainKeys.events(key) });
    },
  });
}

export function useDomainEvents(key: string, kind: DomainEventKind | null) {
  return useInfiniteQuery({
    queryKey: domainKeys.events(key, kind),
    queryFn: ({ pageParam }) => listDomainEvents(key, kind, pageParam),
    ...cursorPaging,
  });
}

export function useOddityRate(key: string, weeks = 12, enabled = true) {
  return useQuery({ queryKey: domainKeys.oddity(key, weeks), queryFn: () => getOddityRate(key, weeks), enabled });
}

export function useDomainConfidence(key: string) {
  return useQuery({ queryKey: domainKeys.confidence(key), queryFn: () => getConfidence(key) });
}

/**
 * Everything that shows a domain's state, refreshed after any change inside it. Mutations return
 * the promise so their success callbacks run once the fresh state is on screen.
 */
export function useInvalidateDomain(key: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: domainKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['gate', key] }),
      queryClient.invalidateQueries({ queryKey: ['reviews'] }),
    ]);
}
