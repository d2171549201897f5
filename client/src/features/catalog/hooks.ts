import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WeirdnessReportRequest } from '@shared/api/catalog';
import { cursorPaging } from '../../lib/pagination';
import { investigationKeys } from '../investigations/api';
import { ticketKeys } from '../tickets/api';
import {
  catalogKeys,
  getCatalogEntry,
  listCatalog,
  reportWeirdness,
  rotateArtifactBadge,
  rotateDomainBadge,
  type CatalogFilters,
} from './api';

/** The catalog, filtered, a page at a time. */
export function useCatalog(filters: CatalogFilters) {
  return useInfiniteQuery({
    queryKey: catalogKeys.list(filters),
    queryFn: ({ pageParam }) => listCatalog(filters, pageParam),
    ...cursorPaging,
  });
}

/** One artifact's catalog entry (its page). */
export function useCatalogEntry(id: string) {
  return useQuery({ queryKey: catalogKeys.entry(id), queryFn: () => getCatalogEntry(id) });
}

/** "This looks weird": the catalog's counts of open investigations change with it. */
export function useReportWeirdness(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: WeirdnessReportRequest) => reportWeirdness(id, request),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      void queryClient.invalidateQueries({ queryKey: investigationKeys.all });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

/** A new badge token for the artifact's (or its domain's) badge: the old URLs stop answering. */
export function useRotateBadge(entry: { id: string; domainKey: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (which: 'artifact' | 'domain') =>
      which === 'artifact' ? rotateArtifactBadge(entry.id) : rotateDomainBadge(entry.domainKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}
