import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchKind } from '@shared/api/search';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { searchEverything, searchKeys } from './api';

/** Waits this long after the last keystroke before asking the server. */
export const SEARCH_DEBOUNCE_MS = 150;

/**
 * The palette's results for what is typed: asked once typing pauses, the previous answer kept on
 * screen meanwhile so the list does not flicker, and a request left behind by newer typing aborted.
 */
export function useSearch(text: string, kinds: readonly SearchKind[] | null) {
  const q = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: searchKeys.results(q, kinds),
    queryFn: ({ signal }) => searchEverything(q, kinds, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { ...query, settled: q === text.trim() && !query.isFetching };
}
