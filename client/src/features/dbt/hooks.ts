import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PutDbtSelectorRequest } from '@shared/api/dbt';
import { artifactKeys } from '../artifacts/api';
import { useInvalidateDomain } from '../domains/hooks';
import { dbtKeys, getDbtStatus, putDbtSelector, syncDbt } from './api';

/** The domain's dbt selector, synced artifacts and tests. */
export function useDbtStatus(domainKey: string, enabled = true) {
  return useQuery({ queryKey: dbtKeys.status(domainKey), queryFn: () => getDbtStatus(domainKey), enabled });
}

/** Saves the selector; the domain's version moves with it, so the domain is read again too. */
export function usePutDbtSelector(domainKey: string) {
  const queryClient = useQueryClient();
  const invalidateDomain = useInvalidateDomain(domainKey);
  return useMutation({
    mutationFn: (request: PutDbtSelectorRequest) => putDbtSelector(domainKey, request),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dbtKeys.status(domainKey) });
      return invalidateDomain();
    },
  });
}

/** The dry run of a manifest: a plan to review, nothing written. */
export function useDbtPlan(domainKey: string) {
  return useMutation({ mutationFn: (manifest: string) => syncDbt(domainKey, manifest, { dryRun: true }) });
}

/** Applies the reviewed plan (refused with 409 when the plan changed since). */
export function useApplyDbtSync(domainKey: string) {
  const queryClient = useQueryClient();
  const invalidateDomain = useInvalidateDomain(domainKey);
  return useMutation({
    mutationFn: ({ manifest, planHash }: { manifest: string; planHash: string }) =>
      syncDbt(domainKey, manifest, { dryRun: false, planHash }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: artifactKeys.all });
      void queryClient.invalidateQueries({ queryKey: dbtKeys.status(domainKey) });
      return invalidateDomain();
    },
  });
}
