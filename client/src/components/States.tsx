import { useEffect, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { errorMessage, isRetryable } from '../lib/api';
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

/**
 * The error states on screen, by what failed: when the server is down every panel of a page fails
 * the same way, and one message (with one "Try again" for all of them) says so; the others show a
 * quiet "Not loaded." Keyed by the message, so two different failures still each have their own.
 * "Try again" is offered only where asking again may help (isRetryable), never on a 404.
 */
const shown = new Map<string, { id: number; retry?: () => void }[]>();
const listeners = new Set<() => void>();
let nextId = 1;
let version = 0;
function changed() {
  version++;
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function useSharedError(key: string, retry: (() => void) | undefined) {
  const [id] = useState(() => nextId++);
  const retryRef = useRef(retry);
  retryRef.current = retry;
  useEffect(() => {
    const entries = shown.get(key) ?? [];
    const entry = { id, retry: () => retryRef.current?.() };
    shown.set(key, [...entries, entry]);
    changed();
    return () => {
      const rest = (shown.get(key) ?? []).filter((e) => e.id !== id);
      if (rest.length) shown.set(key, rest);
      else shown.delete(key);
      changed();
    };
  }, [id, key]);
  useSyncExternalStore(subscribe, () => version);
  const entries = shown.get(key) ?? [];
  // before the effect registers it, an error state counts as the first
  const first = entries.length === 0 || entries[0].id === id;
  return { first, retryAll: () => entries.forEach((e) => e.retry?.()), count: Math.max(1, entries.length) };
}

export function ErrorState({ error, title = 'Could not load this', onRetry }: ErrorStateProps) {
  const message = errorMessage(error);
  const retryable = isRetryable(error);
  const { first, retryAll, count } = useSharedError(message, retryable ? onRetry : undefined);
  if (!first)
    return (
      <p className="muted small" data-testid="error-state-repeat">
        Not loaded.
      </p>
    );
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <p className="state-title">{count > 1 ? 'Parts of this page could not be loaded' : title}</p>
      <p>{message}</p>
      {onRetry && retryable ? <Button onClick={retryAll}>Try again</Button> : null}
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
