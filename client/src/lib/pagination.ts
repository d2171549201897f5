import type { Page } from '@shared/api/common';

export const PAGE_SIZE = 50;

/**
 * The paging half of an infinite query's options for a cursor-paged endpoint: the first page is
 * asked for without a cursor, the next one with the `nextCursor` of the last, until there is none.
 */
export const cursorPaging = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: Page<unknown>) => last.nextCursor,
};

/** Flattens the pages of an infinite query. */
export function flattenPages<T>(pages: Page<T>[] | undefined): T[] {
  return pages ? pages.flatMap((p) => p.items) : [];
}

/** The label of a paged list's "Show more" button, once `shown` of the list's items have loaded. */
export function showMoreLabel(first: Page<unknown> | undefined, shown: number): string {
  if (!first || first.totalCapped) return 'Show more';
  return `Show more (${Math.max(first.total - shown, 0)} left)`;
}
