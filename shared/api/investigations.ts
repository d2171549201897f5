import type { UserRef } from './common';
import type { InvestigationStatus, Severity } from './enums';
import type { CommentView } from './tickets';

export interface InvestigationView {
  id: number;
  domainKey: string;
  domainName: string;
  title: string;
  observed: string;
  expected: string;
  artifactId: string | null;
  artifactName: string | null;
  severity: Severity;
  status: InvestigationStatus;
  reporter: UserRef | null;
  investigator: UserRef | null;
  rootCause: string | null;
  resolution: string | null;
  dismissReason: string | null;
  followUpTickets: { key: string; title: string; status: string }[];
  reportedAt: string;
  triagedAt: string | null;
  closedAt: string | null;
  /** past its time-to-triage target and still untriaged */
  overdue: boolean;
  version: number;
  can: { edit: boolean; transitions: InvestigationStatus[]; reopen: boolean };
  comments?: CommentView[];
}

export interface CreateInvestigationRequest {
  title: string;
  observed: string;
  expected?: string;
  artifactId?: string | null;
  severity?: Severity;
}
export interface UpdateInvestigationRequest {
  title?: string;
  observed?: string;
  expected?: string;
  artifactId?: string | null;
  severity?: Severity;
  investigatorId?: string | null;
}
/** POST /investigations/:id/transitions */
export interface InvestigationTransitionRequest {
  to: InvestigationStatus | 'reopened';
  severity?: Severity;
  investigatorId?: string;
  rootCause?: string;
  resolution?: string;
  reason?: string;
  /** when resolving with expected/definition: text of a caveat to add to the artifact */
  caveat?: string;
}

export interface OddityWeek {
  /** ISO week, e.g. 2026-W47 */
  week: string;
  weekStart: string;
  newBySeverity: Record<Severity, number>;
  newTotal: number;
  resolved: number;
  openAtWeekEnd: number;
  medianHoursToTriage: number | null;
  medianHoursToResolve: number | null;
}
export interface OddityRateView {
  domainKey: string;
  weeks: OddityWeek[];
}

export interface RootCauseView {
  key: string;
  label: string;
  retired: boolean;
}
