import type { Page } from '@shared/api/common';
import { api, type QueryParams } from './api';

export const PAGE_SIZE = 50;

/**
 * The paging half of an infinite query's options for a cursor-paged endpoint: the first page is
 * asked for without a cursor, the next one with the `nextCursor` of the last, until there is none.
 */
export const cursorPaging = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: Page<unknown>) => last.nextCursor,
};

/**
 * Follows `nextCursor` to gather a whole list, for views that must show everything at once (the
 * board groups every domain into columns). Stops after `maxPages` so a huge list cannot hang the UI.
 */
export async function fetchAllPages<T>(path: string, query: QueryParams = {}, maxPages = 10): Promise<Page<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  let total = 0;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { limit: 100, ...query, cursor });
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { items, total, nextCursor: cursor };
}

/** Flattens the pages of an infinite query. */
export function flattenPages<T>(pages: Page<T>[] | undefined): T[] {
  return pages ? pages.flatMap((p) => p.items) : [];
}

/** The label of a paged list's "Show more" button, once `shown` of the list's items have loaded. */
export function showMoreLabel(first: Page<unknown> | undefined, shown: number): string {
  if (!first || first.totalCapped) return 'Show more';
  return `Show more (${Math.max(first.total - shown, 0)} left)`;
}
