import { usePendingReviews } from './hooks';

/** How many sign-offs wait for the signed-in user, shown beside the Reviews link. */
export function PendingReviewCount() {
  const pending = usePendingReviews();
  const count = pending.data?.length ?? 0;
  if (!count) return null;
  return (
    <span className="nav-count" data-testid="pending-review-count">
      {count}
      <span className="visually-hidden"> waiting for you</span>
    </span>
  );
}
