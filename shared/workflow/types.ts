import type { ConfidenceSummary } from '../api/confidence';
import type { DomainRole, DomainStage, Phase } from '../api/enums';

export const CRITERION_KEYS = [
  'problem_statements_recorded',
  'stakeholders_recorded',
  'no_open_high_spec_tickets',
  'metric_ready',
  'dataset_ready',
  'example_analyses',
  'no_open_high_scoping_tickets',
  'handoff_session_done',
  'no_open_high_requests',
  'investigations_triaged',
  'no_open_high_investigations',
  'few_new_investigations',
  'no_open_investigations',
  'oddity_rate_not_rising',
  'observed_long_enough',
  'oddity_rate_below_target',
  'dbt_tests_passing',
] as const;
export type CriterionKey = (typeof CRITERION_KEYS)[number];

/** Tunable numbers of the default criteria (admin sets globally, a domain may override). */
export interface GateThresholds {
  minProblemStatements: number;
  minStakeholders: number;
  minReadyMetrics: number;
  minReadyDatasets: number;
  minExampleAnalyses: number;
  minHandoffSessions: number;
  /** at most N new investigations in the last D days (weirdness → confidence) */
  maxNewInvestigations: number;
  newInvestigationWindowDays: number;
  /** weirdness → confidence: weeks the domain must have been observed in the phase */
  minObservedWeeks: number;
  /** weirdness → confidence: the upper 90% bound of the weekly oddity rate must be at most this */
  targetOddityRate: number;
  /** days without activity before a domain counts as stalled */
  stallDays: number;
  /** a certified domain is due for review this many days after certification or its last re-confirmation */
  certificationReviewDays: number;
}

/** Live numbers of a domain that the criteria read; the server computes them in SQL. */
export interface GateFacts {
  /** problem tickets not wont_do */
  problemStatements: number;
  /** stakeholder tickets not wont_do */
  stakeholders: number;
  /** open tickets of the gate's phase with priority high or critical */
  openHighTicketsInPhase: number;
  readyMetrics: number;
  readyDatasets: number;
  /** analyses not deprecated */
  exampleAnalyses: number;
  /** session tickets done */
  handoffSessionsDone: number;
  /** open request tickets with priority high or critical */
  openHighRequests: number;
  /** investigations still `reported` */
  untriagedInvestigations: number;
  /** investigations not resolved/dismissed with severity high or critical */
  openHighInvestigations: number;
  /** investigations reported in the last newInvestigationWindowDays */
  newInvestigationsInWindow: number;
  /** investigations not resolved/dismissed */
  openInvestigations: number;
  /** weeks since the domain entered its current phase */
  weeksInPhase: number;
  /** dbt tests of the domain's artifacts failing or erroring in their last run (server/modules/dbt) */
  failingDbtTests?: number;
  /** the stored measured confidence (server/modules/confidence); null until first computed */
  confidence: ConfidenceSummary | null;
}

export interface CriterionResult {
  key: CriterionKey;
  label: string;
  /** the live value, e.g. 2 (count) */
  value: number;
  /** e.g. ">= 1", "= 0", "<= 1 in 14 d" */
  threshold: string;
  /**
   * The numbers the threshold is made of, in the order its sentence names them ([1, 14] for
   * "<= 1 in 14 d"). Snapshots frozen before it existed have none.
   */
  limits?: number[];
  /** the numbers behind a measured criterion, e.g. "0.4 a week, at most 1.1 at 90%; target 1" */
  detail?: string;
  passed: boolean;
  waived: boolean;
  /** `id` (added by the server) names the waiver to revoke */
  waiver?: { reason: string; by: string; at: string; id?: string } | null;
}

export type BlockingReason =
  | { code: 'criterion_failed'; criterion: CriterionKey; value: number; threshold: string; limits: number[] }
  | { code: 'signoff_missing'; role: DomainRole }
  | { code: 'signoff_rejected'; role: DomainRole; by?: string }
  | { code: 'signoff_stale'; role: DomainRole }
  | { code: 'role_unfilled'; role: DomainRole }
  | { code: 'domain_on_hold' }
  | { code: 'domain_certified' };

/**
 * The latest decision of one person in one role of the current round. A rejection counts even
 * when stale or when its author no longer holds the role, until that person approves, an admin
 * overrides it, or a new round starts; an approval counts only while fresh and held.
 */
export interface GateSignOffState {
  role: DomainRole;
  decision: 'approve' | 'reject';
  stale: boolean;
  /** the signer still holds the role */
  held?: boolean;
  /** an admin lifted this rejection */
  overridden?: boolean;
  /** the signer's name, for "rejected by …" */
  by?: string;
}

export interface GateDefinition {
  from: Phase;
  to: DomainStage;
  criteria: readonly CriterionKey[];
  /** roles that must approve; `sponsor` only when the domain has one */
  requiredRoles: readonly DomainRole[];
  sponsorIfPresent: boolean;
}
