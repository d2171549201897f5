import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { cursorPaging } from '../../lib/pagination';
import { listDecisions, listPendingReviews, reviewKeys } from './api';

export function usePendingReviews() {
  return useQuery({ queryKey: reviewKeys.pending, queryFn: listPendingReviews });
}

export function useDecisions() {
  return useInfiniteQuery({
    queryKey: reviewKeys.decisions,
    queryFn: ({ pageParam }) => listDecisions(pageParam),
    ...cursorPaging,
  });
}
