/** What can land in a user's inbox; the same names are the webhook event types. */
export const NOTIFICATION_KINDS = [
  'signoff_requested',
  'assigned',
  'investigation_reported',
  'domain_at_risk',
  'mentioned',
  'certification_review_due',
  /** an investigation you reported was resolved (with the resolution and any new caveat) or dismissed */
  'investigation_closed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One inbox entry of the signed-in user (GET /inbox). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** the domain the entry is about, when there is one */
  domainKey: string | null;
  entityType: string;
  entityId: string;
  message: string;
  createdAt: string;
  /** null while unread */
  readAt: string | null;
}

/** GET /inbox query: newest first, keyset-paginated. */
export interface InboxQuery {
  /** only unread entries */
  unread?: boolean;
  limit?: number;
  cursor?: string;
}

/** GET /inbox/unread-count */
export interface UnreadCountView {
  count: number;
}

/** POST /inbox/read-all: how many entries were unread and are now read. */
export interface MarkAllReadResult {
  updated: number;
}
