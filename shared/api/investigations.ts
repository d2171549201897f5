import type { CaveatRecurrence } from '../monitors/recurrence';
import type { CriterionResult } from '../workflow/types';
import type { UserRef } from './common';
import type { SignOffView } from './domains';
import type {
  ArtifactStatus,
  ArtifactType,
  DomainStage,
  InvestigationStatus,
  Phase,
  Priority,
  Severity,
  TicketKind,
  TicketStatus,
} from './enums';
import type { CaveatView, CommentView } from './tickets';

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
  /** reported by a monitor (Cairn monitor): which one, and the day of its first anomaly */
  monitor: { id: string; anomalyDate: string | null } | null;
  investigator: UserRef | null;
  rootCause: string | null;
  resolution: string | null;
  dismissReason: string | null;
  /** dismissed as a duplicate of this investigation */
  duplicateOf: number | null;
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
  /** with `caveat`: when the behaviour recurs, so monitors stop alarming on it (e.g. the anomaly's date every year) */
  caveatRecurrence?: CaveatRecurrence;
  /** when dismissing: the investigation (same domain) this one duplicates; left out of the oddity counts */
  duplicateOf?: number;
}

export interface OddityWeek {
  /** ISO week, e.g. 2026-W47 */
  week: string;
  weekStart: string;
  newBySeverity: Record<Severity, number>;
  newTotal: number;
  /** of newTotal, how many a monitor reported (the rest people found) */
  newByMonitor: number;
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

export interface CreateRootCauseRequest {
  /** snake_case, e.g. `vendor_outage` */
  key: string;
  label: string;
}
export interface UpdateRootCauseRequest {
  label?: string;
  retired?: boolean;
}

/** GET/PUT /settings/triage-targets: days to triage per severity. */
export type TriageTargetsView = Record<Severity, number>;
export type UpdateTriageTargetsRequest = Partial<TriageTargetsView>;

/** GET /domains/:key/review: the evidence for the confidence gate, in one bundle. */
export interface ConfidenceReviewView {
  domain: { key: string; name: string; stage: DomainStage };
  /** the current gate's criteria; empty when the domain is certified */
  criteria: CriterionResult[];
  oddity: OddityRateView;
  openItems: {
    tickets: {
      key: string;
      title: string;
      kind: TicketKind;
      phase: Phase;
      status: TicketStatus;
      priority: Priority;
      assignee: UserRef | null;
    }[];
    investigations: InvestigationView[];
  };
  artifacts: { id: string; type: ArtifactType; name: string; status: ArtifactStatus; caveats: CaveatView[] }[];
  /** session tickets done */
  handoffSessions: { key: string; title: string; assignee: UserRef | null; doneAt: string }[];
  /** sign-offs of the current gate round (stale ones flagged) */
  signOffs: SignOffView[];
  /** earlier sign-offs (past rounds and phases, superseded ones), newest first, with their frozen evidence */
  pastDecisions: SignOffView[];
}
