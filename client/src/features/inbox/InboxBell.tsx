import { UnreadCount } from './UnreadCount';

/** The inbox entry of the top navigation: a bell, the word (for screen readers and wide screens) and the unread count. */
export function InboxBell() {
  return (
    <span className="inbox-bell" data-testid="inbox-bell">
      <svg
        width="16"
        height="16"
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
        style={{ verticalAlign: -2 }}
      >
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>{' '}
      Inbox <UnreadCount />
    </span>
  );
}
