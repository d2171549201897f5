import type { UserRef } from '../../../shared/api/common';
import type { InvestigationStatus, Severity } from '../../../shared/api/enums';
import type { InvestigationView, RootCauseView, TriageTargetsView } from '../../../shared/api/investigations';
import type { CommentView } from '../../../shared/api/tickets';
import { allowedTransitions, isTriageOverdue, REOPENABLE } from '../../../shared/workflow/investigation';
import type { Actor } from '../../http/context';
import { domainPermissions } from '../domains/domain-access';
import type { RootCause } from './root-cause.entity';

/** One investigation with what its view needs from the domain, the artifact and the people, read in one query. */
export interface InvestigationRow {
  id: number;
  domainId: string;
  domainKey: string;
  domainName: string;
  title: string;
  observed: string;
  expected: string;
  artifactId: string | null;
  artifactName: string | null;
  severity: Severity;
  status: InvestigationStatus;
  reporterId: string | null;
  reporterName: string | null;
  reporterEmail: string | null;
  monitorId: string | null;
  anomalyDate: string | null;
  investigatorId: string | null;
  investigatorName: string | null;
  investigatorEmail: string | null;
  rootCause: string | null;
  resolution: string | null;
  dismissReason: string | null;
  duplicateOf: number | null;
  reportedAt: Date;
  triagedAt: Date | null;
  closedAt: Date | null;
  version: number;
  /** follow-up tickets, aggregated as JSON by the query */
  followUps: FollowUpTicket[] | null;
  /** the raw triage_targets setting (null when never set) */
  triageTargets: unknown;
}

export interface FollowUpTicket {
  key: string;
  title: string;
  status: string;
}

function userRef(id: string | null, name: string | null, email: string | null): UserRef | null {
  return id && name !== null && email !== null ? { id, name, email } : null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function presentInvestigation(
  row: InvestigationRow,
  context: {
    actor: Actor;
    now: Date;
    targets: TriageTargetsView;
    followUps: FollowUpTicket[];
    comments?: CommentView[];
  },
): InvestigationView {
  // Contributing does not depend on domain roles (any member may work on weirdness), so no roles are loaded.
  const contribute = domainPermissions(context.actor, []).contribute;
  const reportedAt = new Date(row.reportedAt);
  const view: InvestigationView = {
    id: Number(row.id),
    domainKey: row.domainKey,
    domainName: row.domainName,
    title: row.title,
    observed: row.observed,
    expected: row.expected,
    artifactId: row.artifactId,
    artifactName: row.artifactName,
    severity: row.severity,
    status: row.status,
    reporter: userRef(row.reporterId, row.reporterName, row.reporterEmail),
    monitor: row.monitorId ? { id: row.monitorId, anomalyDate: row.anomalyDate } : null,
    investigator: userRef(row.investigatorId, row.investigatorName, row.investigatorEmail),
    rootCause: row.rootCause,
    resolution: row.resolution,
    dismissReason: row.dismissReason,
    duplicateOf: row.duplicateOf === null || row.duplicateOf === undefined ? null : Number(row.duplicateOf),
    followUpTickets: context.followUps,
    reportedAt: reportedAt.toISOString(),
    triagedAt: iso(row.triagedAt),
    closedAt: iso(row.closedAt),
    overdue: isTriageOverdue(row.status, row.severity, reportedAt, context.now, context.targets),
    version: Number(row.version),
    can: {
      edit: contribute,
      transitions: contribute
        ? allowedTransitions(row.status).filter((t): t is InvestigationStatus => t !== 'reopened')
        : [],
      reopen: contribute && REOPENABLE.includes(row.status),
    },
  };
  if (context.comments) view.comments = context.comments;
  return view;
}

export function presentRootCause(rootCause: RootCause): RootCauseView {
  return { key: rootCause.key, label: rootCause.label, retired: rootCause.retired };
}
