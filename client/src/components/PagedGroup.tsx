import { useEffect, type ReactNode } from 'react';
import type { InfiniteData } from '@tanstack/react-query';
import type { Page } from '@shared/api/common';
import { flattenPages, showMoreLabel } from '../lib/pagination';
import type { SectionTotal } from '../lib/use-section-totals';
import { Badge } from './Badge';
import { ErrorState, LoadMore } from './States';

interface PagedGroupProps<T> {
  /** an infinite query of this group's items */
  query: {
    data: InfiniteData<Page<T>> | undefined;
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  title: ReactNode;
  /** the total as the heading shows it ("12 tickets") */
  count: (total: number) => string;
  /** the group's test id; its total and its "Show more" button add `-total` and `-more` */
  testId: string;
  /** told the group's total as it becomes known (see useSectionTotals) */
  onTotal: (total: SectionTotal) => void;
  children: (items: T[]) => ReactNode;
}

/**
 * One group of a list grouped on the server's side (the tickets of a phase): the first page with
 * the group's whole total in the heading, and "Show more" for the next page while there is one.
 * Nothing while the first page loads or when the group is empty; the list around it says so.
 */
export function PagedGroup<T>({ query, title, count, testId, onTotal, children }: PagedGroupProps<T>) {
  const first = query.data?.pages[0];
  const total: SectionTotal = first ? first.total : query.isError ? 'error' : 'loading';
  useEffect(() => onTotal(total), [onTotal, total]);

  if (query.isError && !first) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!first || first.total === 0) return null;
  const items = flattenPages(query.data?.pages);
  return (
    <div className="phase-group" data-testid={testId}>
      <h3>
        {title}{' '}
        <Badge tone="muted" testId={`${testId}-total`}>
          {count(first.total)}
        </Badge>
      </h3>
      {children(items)}
      <LoadMore pages={query} label={showMoreLabel(first, items.length)} size="small" testId={`${testId}-more`} />
    </div>
  );
}
