import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SeverityWeights } from '@shared/api/confidence';
import type { GateThresholds } from '@shared/workflow/types';
import { cursorPaging } from '../../lib/pagination';
import { investigationKeys } from '../investigations/api';
import {
  adminKeys,
  createRootCause,
  getSeverityWeights,
  getThresholds,
  listAudit,
  putSeverityWeights,
  putThresholds,
  updateRootCause,
  type AuditFilters,
} from './api';

export function useThresholds() {
  return useQuery({ queryKey: adminKeys.thresholds, queryFn: getThresholds });
}

export function useSeverityWeights() {
  return useQuery({ queryKey: adminKeys.severityWeights, queryFn: getSeverityWeights });
}

export function useSaveSeverityWeights() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (weights: SeverityWeights) => putSeverityWeights(weights),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.severityWeights, saved);
      // every domain's measured rate is recomputed with the new weights
      void queryClient.invalidateQueries({ queryKey: ['gate'] });
      void queryClient.invalidateQueries({ queryKey: ['domains'] });
    },
  });
}

export function useSaveThresholds() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (thresholds: GateThresholds) => putThresholds(thresholds),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.thresholds, saved);
      void queryClient.invalidateQueries({ queryKey: ['gate'] });
      void queryClient.invalidateQueries({ queryKey: ['domains'] });
    },
  });
}

export function useCreateRootCause() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRootCause,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: investigationKeys.rootCauses }),
  });
}

export function useUpdateRootCause() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, request }: { key: string; request: { label?: string; retired?: boolean } }) =>
      updateRootCause(key, request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: investigationKeys.rootCauses }),
  });
}

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    queryFn: ({ pageParam }) => listAudit(filters, pageParam),
    ...cursorPaging,
  });
}
