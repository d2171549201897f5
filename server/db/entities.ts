import { Artifact } from '../modules/artifacts/artifact.entity';
import { Caveat } from '../modules/artifacts/caveat.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { DbtTest, DbtTestOccurrence } from '../modules/dbt/dbt-test.entity';
import { DomainConfidence } from '../modules/confidence/domain-confidence.entity';
import { DomainMember } from '../modules/domains/domain-member.entity';
import { Domain } from '../modules/domains/domain.entity';
import { GateAddition } from '../modules/gates/gate-addition.entity';
import { GateRound } from '../modules/gates/gate-round.entity';
import { SignOff } from '../modules/gates/sign-off.entity';
import { Waiver } from '../modules/gates/waiver.entity';
import { Notification } from '../modules/inbox/notification.entity';
import { NotificationPreference } from '../modules/inbox/notification-preference.entity';
import { MailOutbox } from '../modules/mail/mail-outbox.entity';
import { Setting } from '../modules/settings/setting.entity';
import { Comment } from '../modules/tickets/comment.entity';
import { Ticket } from '../modules/tickets/ticket.entity';
import { ApiToken } from '../modules/users/api-token.entity';
import { LoginThrottle } from '../modules/users/login-throttle.entity';
import { RateLimitHit } from '../modules/users/rate-limit-hit.entity';
import { Session } from '../modules/users/session.entity';
import { User } from '../modules/users/user.entity';
import { UserIdentity } from '../modules/users/user-identity.entity';
import { WebhookDelivery } from '../modules/webhooks/webhook-delivery.entity';
import { Follow } from '../modules/follows/follow.entity';
import { ImportedRecord } from '../modules/transfer/imported-record.entity';
import { Webhook } from '../modules/webhooks/webhook.entity';
import { DataSourceRecord } from '../modules/sources/data-source.entity';
import { Monitor, MonitorAnomaly, MonitorObservation, MonitorRun } from '../modules/monitors/monitor.entity';
import { Investigation } from '../modules/weirdness/investigation.entity';
import { RootCause } from '../modules/weirdness/root-cause.entity';

/** Every entity; the one list the DataSource and the migration generator read. */
export const ENTITIES = [
  User,
  UserIdentity,
  Session,
  ApiToken,
  LoginThrottle,
  RateLimitHit,
  AuditEvent,
  Domain,
  DomainMember,
  SignOff,
  GateRound,
  GateAddition,
  Waiver,
  Setting,
  Ticket,
  Comment,
  Artifact,
  Caveat,
  Investigation,
  RootCause,
  Notification,
  NotificationPreference,
  MailOutbox,
  Webhook,
  WebhookDelivery,
  Follow,
  ImportedRecord,
  DomainConfidence,
  DbtTest,
  DbtTestOccurrence,
  DataSourceRecord,
  Monitor,
  MonitorRun,
  MonitorObservation,
  MonitorAnomaly,
];
