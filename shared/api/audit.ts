/**
 * Every action the audit log records, one name per kind of change (`<entity>.<verb>`). Events
 * recorded before a rename keep their old name (the log is append-only): `settings.thresholds`
 * was the global thresholds' update before it became `setting.update`.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_locked',
  'auth.login_refused',
  'auth.logout',
  'user.create',
  'user.update',
  'user.password_change',
  'user.profile_update',
  'user.ensure_admin',
  'token.create',
  'token.revoke',
  'setting.update',
  'domain.create',
  'domain.update',
  'domain.badge_token_rotate',
  'domain.import',
  'domain.dbt_selector',
  'dbt.results',
  'domain.member.set',
  'domain.member.remove',
  'domain.advance',
  'domain.recycle',
  'domain.hold',
  'domain.resume',
  'domain.at_risk',
  'domain.risk_acknowledge',
  'domain.review_requested',
  'domain.reconfirm',
  'follow.create',
  'follow.delete',
  'signoff.create',
  'signoff.override',
  'signoff.withdraw',
  'signoff.stale',
  'waiver.create',
  'waiver.revoke',
  'gate.addition.create',
  'gate.addition.remove',
  'data_source.create',
  'data_source.update',
  'data_source.delete',
  'monitor.create',
  'monitor.update',
  'monitor.delete',
  'monitor.run',
  'ticket.create',
  'ticket.update',
  'comment.create',
  'artifact.create',
  'artifact.update',
  'artifact.badge_token_rotate',
  'artifact.dbt_create',
  'artifact.dbt_update',
  'artifact.dbt_deprecate',
  'caveat.create',
  'investigation.create',
  'investigation.update',
  'investigation.triaged',
  'investigation.investigating',
  'investigation.resolved',
  'investigation.dismissed',
  'investigation.reopen',
  'investigation.dbt_occurrence',
  'root_cause.create',
  'root_cause.update',
  'notification.read',
  'notification.read_all',
  'notification_preferences.update',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook_delivery.redeliver',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What an audit event names, for a link: a ticket key, an investigation number, an artifact id, a
 * tab of the event's domain, or an admin page.
 */
export type EventLink =
  | { to: 'ticket'; ref: string }
  | { to: 'investigation'; ref: string }
  | { to: 'artifact'; ref: string }
  | { to: 'gate' | 'members' | 'domain' }
  | { to: 'users' | 'thresholds' | 'root_causes' | 'webhooks' };

export interface AuditEventView {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  domainKey: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** the event in words, as the domain timeline says it */
  summary: string;
  link: EventLink | null;
}
