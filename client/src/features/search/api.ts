import type { SearchKind, SearchResult, SearchResults } from '@shared/api/search';
import { api } from '../../lib/api';
import { paths } from '../../paths';

export const SEARCH_PAGE_SIZE = 12;

export const searchKeys = {
  all: ['search'] as const,
  results: (q: string, kinds: readonly SearchKind[] | null) => ['search', q, kinds?.join(',') ?? 'all'] as const,
};

/** GET /search: one ranked list across domains, artifacts, tickets, investigations and people. */
export const searchEverything = (q: string, kinds: readonly SearchKind[] | null, signal?: AbortSignal) =>
  api.get<SearchResults>('/search', { q, kinds: kinds?.join(','), limit: SEARCH_PAGE_SIZE }, signal);

/** Where a result opens: the domain, the catalog entry, the ticket, the investigation, or the board of a person's domains. */
export function resultPath(result: SearchResult): string {
  switch (result.kind) {
    case 'domain':
      return paths.domain(result.ref);
    case 'artifact':
      return paths.artifact(result.ref);
    case 'ticket':
      return paths.ticket(result.ref);
    case 'investigation':
      return paths.investigation(result.ref);
    case 'person':
      return paths.portfolioOfLead(result.ref);
  }
}
