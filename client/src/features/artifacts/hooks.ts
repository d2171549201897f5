import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateArtifactRequest, CreateCaveatRequest, UpdateArtifactRequest } from '@shared/api/tickets';
import { useInvalidateDomain } from '../domains/hooks';
import { addCaveat, artifactKeys, createArtifact, listArtifacts, updateArtifact } from './api';

export function useArtifacts(domainKey: string) {
  return useQuery({ queryKey: artifactKeys.domain(domainKey), queryFn: () => listArtifacts(domainKey) });
}

function useArtifactChanged(domainKey: string) {
  const queryClient = useQueryClient();
  const invalidateDomain = useInvalidateDomain(domainKey);
  return () => {
    void queryClient.invalidateQueries({ queryKey: artifactKeys.all });
    return invalidateDomain();
  };
}

export function useCreateArtifact(domainKey: string) {
  const changed = useArtifactChanged(domainKey);
  return useMutation({
    mutationFn: (request: CreateArtifactRequest) => createArtifact(domainKey, request),
    onSuccess: changed,
  });
}

export function useUpdateArtifact(domainKey: string) {
  const changed = useArtifactChanged(domainKey);
  return useMutation({
    mutationFn: ({ id, version, request }: { id: string; version: number; request: UpdateArtifactRequest }) =>
      updateArtifact(id, version, request),
    onSettled: changed,
  });
}

export function useAddCaveat(domainKey: string) {
  const changed = useArtifactChanged(domainKey);
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: CreateCaveatRequest }) => addCaveat(id, request),
    onSuccess: changed,
  });
}
