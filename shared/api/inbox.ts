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
  /** a certified domain you hold a role in (or follow) is trusted again after being at risk */
  'domain_recovered',
  /** a domain you follow (or whose artifact you follow) passed its last gate */
  'domain_certified',
  /** an artifact you follow (or one of a domain you follow) was deprecated */
  'artifact_deprecated',
  /** a caveat was added to an artifact you follow (or one of a domain you follow) */
  'caveat_added',
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
  /** when the entry resolved itself (the sign-off was given, the round ended …); null while open */
  resolvedAt: string | null;
  /** why it resolved; null while open */
  resolution: NotificationResolution | null;
}

/**
 * Why an inbox entry resolved itself: you signed; someone else filled the role or it is no longer
 * asked of you; the gate round ended (advance, recycle); the domain is trusted again; the domain
 * moved on in another way (recycled while at risk, reconfirmed after a review request).
 */
export const NOTIFICATION_RESOLUTIONS = ['signed', 'superseded', 'round_ended', 'recovered', 'moved_on'] as const;
export type NotificationResolution = (typeof NOTIFICATION_RESOLUTIONS)[number];

/** GET /inbox query: newest first, keyset-paginated. */
export interface InboxQuery {
  /** only unread entries (resolved ones count as done, not unread) */
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

/**
 * The page of Cairn an inbox entry (or the event behind it) names: the investigation, the ticket,
 * the artifact, else its domain; null when it names none. The inbox, the mails and Slack's button
 * all link through this.
 */
export function notificationPath(entry: {
  entityType: string;
  entityId: string;
  domainKey: string | null;
}): string | null {
  const id = encodeURIComponent(entry.entityId);
  if (entry.entityType === 'investigation' && /^\d+$/.test(entry.entityId)) return `/investigations/${id}`;
  if (entry.entityType === 'ticket' && /^[A-Z][A-Z0-9]*-\d+$/.test(entry.entityId)) return `/tickets/${id}`;
  if (entry.entityType === 'artifact') return `/catalog/${id}`;
  if (entry.domainKey) return `/domains/${encodeURIComponent(entry.domainKey)}`;
  return null;
}
