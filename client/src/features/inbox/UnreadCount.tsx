import { useUnreadCount } from './hooks';

/** Unread inbox entries, beside the Inbox link. */
export function UnreadCount() {
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  if (!count) return null;
  return (
    <span className="nav-count" data-testid="inbox-unread-count">
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
