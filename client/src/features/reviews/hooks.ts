import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { listDecisions, listPendingReviews, reviewKeys } from './api';

export function usePendingReviews() {
  return useQuery({ queryKey: reviewKeys.pending, queryFn: listPendingReviews });
}

export function useDecisions() {
  return useInfiniteQuery({
    queryKey: reviewKeys.decisions,
    queryFn: ({ pageParam }) => listDecisions(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
