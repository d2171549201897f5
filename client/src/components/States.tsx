import type { CSSProperties, ReactNode } from 'react';
import { errorMessage } from '../lib/api';
import { Button } from './Button';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="state state-empty" data-testid="empty-state">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorState({ error, title = 'Could not load this', onRetry }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <p className="state-title">{title}</p>
      <p>{errorMessage(error)}</p>
      {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
    </div>
  );
}

interface QueryStatesProps {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  loadingLabel?: string;
  /** whether the query came back with nothing to show */
  empty: boolean;
  emptyTitle: string;
  children: ReactNode;
}

/** A query's content, or what stands in for it while it loads, when it fails and when it is empty. */
export function QueryStates({ query, loadingLabel, empty, emptyTitle, children }: QueryStatesProps) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (empty) return <EmptyState title={emptyTitle} />;
  return children;
}

interface LoadMoreProps {
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label?: string;
  style?: CSSProperties;
  size?: 'normal' | 'small';
  testId?: string;
}

/** The footer of a paged list: fetches the next page while there is one. */
export function LoadMore({ pages, label = 'Load more', style, size, testId }: LoadMoreProps) {
  return pages.hasNextPage ? (
    <Button
      onClick={() => pages.fetchNextPage()}
      busy={pages.isFetchingNextPage}
      style={style}
      size={size}
      data-testid={testId}
    >
      {label}
    </Button>
  ) : null;
}
