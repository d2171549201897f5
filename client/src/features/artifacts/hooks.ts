import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArtifactType } from '@shared/api/enums';
import type { CreateArtifactRequest, CreateCaveatRequest, UpdateArtifactRequest } from '@shared/api/tickets';
import { cursorPaging } from '../../lib/pagination';
import { useInvalidateDomain } from '../domains/hooks';
import { addCaveat, artifactKeys, createArtifact, listArtifactOptions, listArtifactPage, updateArtifact } from './api';

/** A domain's artifacts of one type, a page at a time. */
export function useArtifacts(domainKey: string, type: ArtifactType) {
  return useInfiniteQuery({
    queryKey: artifactKeys.ofType(domainKey, type),
    queryFn: ({ pageParam }) => listArtifactPage(domainKey, type, pageParam),
    ...cursorPaging,
  });
}

/** The domain's artifacts a picker offers for what is typed in its search box. */
export function useArtifactOptions(domainKey: string, q: string) {
  return useQuery({ queryKey: artifactKeys.options(domainKey, q), queryFn: () => listArtifactOptions(domainKey, q) });
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
