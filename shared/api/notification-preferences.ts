import type { NotificationKind } from './inbox';

/**
 * How a person wants one kind of notification delivered:
 * - `inbox`: the inbox only;
 * - `email_now`: the inbox, and an email right away;
 * - `email_digest`: the inbox, and a line in the daily digest email;
 * - `none`: nothing reaches them — the inbox entry is filed as already read (it stays for the
 *   record) and no email goes out.
 */
export const NOTIFICATION_CHANNELS = ['inbox', 'email_now', 'email_digest', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * The channel of a kind nobody chose for: requests that block others (a sign-off) and a domain at
 * risk are mailed right away; everything else waits for the daily digest.
 */
export const DEFAULT_NOTIFICATION_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  signoff_requested: 'email_now',
  assigned: 'email_digest',
  investigation_reported: 'email_digest',
  domain_at_risk: 'email_now',
  mentioned: 'email_digest',
  certification_review_due: 'email_digest',
  investigation_closed: 'email_digest',
  domain_certified: 'email_digest',
  domain_recovered: 'email_digest',
  artifact_deprecated: 'email_digest',
  caveat_added: 'email_digest',
};

/** How the product names each kind to people (the settings page, the mails). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  signoff_requested: 'Sign-off requested',
  assigned: 'Assigned to you',
  investigation_reported: 'Weirdness reported',
  domain_at_risk: 'Domain at risk',
  mentioned: 'You were mentioned',
  certification_review_due: 'Certification review due',
  investigation_closed: 'Investigation closed',
  domain_certified: 'Domain certified',
  domain_recovered: 'Domain no longer at risk',
  artifact_deprecated: 'Artifact deprecated',
  caveat_added: 'Caveat added',
};

/** One kind's channel for the signed-in person. */
export interface NotificationPreferenceView {
  kind: NotificationKind;
  channel: NotificationChannel;
  /** the channel Cairn uses when the person has not chosen one */
  defaultChannel: NotificationChannel;
  /** false while the channel is the default one (nothing stored) */
  chosen: boolean;
}

/** GET/PUT /me/notification-preferences */
export interface NotificationPreferencesView {
  /** one entry per notification kind, in NOTIFICATION_KINDS order */
  preferences: NotificationPreferenceView[];
  email: {
    /** SMTP is configured: `email_now` and `email_digest` really send mail */
    enabled: boolean;
    /** the address mails go to */
    address: string;
    /** hour of the day (0–23, UTC) the daily digest goes out */
    digestHourUtc: number;
  };
}

/** PUT /me/notification-preferences: the kinds to change; the others keep their channel. */
export interface UpdateNotificationPreferencesRequest {
  preferences: { kind: NotificationKind; channel: NotificationChannel }[];
}
