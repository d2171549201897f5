import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateInvestigationRequest,
  InvestigationTransitionRequest,
  UpdateInvestigationRequest,
} from '@shared/api/investigations';
import type { CreateCommentRequest } from '@shared/api/tickets';
import { cursorPaging } from '../../lib/pagination';
import { useInvalidateDomain } from '../domains/hooks';
import {
  addInvestigationComment,
  createInvestigation,
  getInvestigation,
  investigationKeys,
  listDomainInvestigations,
  listInvestigationComments,
  listInvestigations,
  listRootCauses,
  transitionInvestigation,
  updateInvestigation,
  type InvestigationFilters,
} from './api';

export function useInvestigationLog(filters: InvestigationFilters) {
  return useInfiniteQuery({
    queryKey: investigationKeys.log(filters),
    queryFn: ({ pageParam }) => listInvestigations(filters, pageParam),
    ...cursorPaging,
  });
}

/** A domain's investigations, a page at a time. */
export function useDomainInvestigations(domainKey: string) {
  return useInfiniteQuery({
    queryKey: investigationKeys.domain(domainKey),
    queryFn: ({ pageParam }) => listDomainInvestigations(domainKey, pageParam),
    ...cursorPaging,
  });
}

export function useInvestigation(id: number) {
  return useQuery({ queryKey: investigationKeys.detail(id), queryFn: () => getInvestigation(id) });
}

export function useRootCauses() {
  return useQuery({ queryKey: investigationKeys.rootCauses, queryFn: listRootCauses, staleTime: 5 * 60_000 });
}

/** An investigation changes the domain's gate, oddity rate and board card too. */
function useInvestigationChanged(domainKey: string) {
  const queryClient = useQueryClient();
  const invalidateDomain = useInvalidateDomain(domainKey);
  return () => {
    void queryClient.invalidateQueries({ queryKey: investigationKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['artifacts'] });
    void queryClient.invalidateQueries({ queryKey: ['work'] });
    return invalidateDomain();
  };
}

export function useReportInvestigation(domainKey: string) {
  const changed = useInvestigationChanged(domainKey);
  return useMutation({
    mutationFn: (request: CreateInvestigationRequest) => createInvestigation(domainKey, request),
    onSuccess: changed,
  });
}

export function useUpdateInvestigation(domainKey: string) {
  const changed = useInvestigationChanged(domainKey);
  return useMutation({
    mutationFn: ({ id, version, request }: { id: number; version: number; request: UpdateInvestigationRequest }) =>
      updateInvestigation(id, version, request),
    onSettled: changed,
  });
}

export function useTransitionInvestigation(domainKey: string) {
  const changed = useInvestigationChanged(domainKey);
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: InvestigationTransitionRequest }) =>
      transitionInvestigation(id, request),
    onSettled: changed,
  });
}

export function useInvestigationComments(id: number) {
  return useQuery({ queryKey: investigationKeys.comments(id), queryFn: () => listInvestigationComments(id) });
}

export function useAddInvestigationComment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateCommentRequest) => addInvestigationComment(id, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: investigationKeys.comments(id) }),
  });
}
