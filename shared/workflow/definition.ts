/**
 * The lifecycle of a domain, written once as data: phases, their exit gates, the criteria each
 * gate reads and the roles that must sign. Server and client both read this file, so the rules
 * the UI explains are the rules the server enforces.
 */
import { DOMAIN_STAGES, PHASES } from '../api/enums';
import type { DomainRole, DomainStage, Phase } from '../api/enums';
import type { CriterionKey, GateDefinition, GateThresholds } from './types';
import { layerNumbers } from './layers';

export const DEFAULT_THRESHOLDS: GateThresholds = {
  minProblemStatements: 1,
  minStakeholders: 1,
  minReadyMetrics: 1,
  minReadyDatasets: 1,
  minExampleAnalyses: 2,
  minHandoffSessions: 1,
  maxNewInvestigations: 1,
  newInvestigationWindowDays: 14,
  minObservedWeeks: 4,
  targetOddityRate: 1,
  stallDays: 21,
  certificationReviewDays: 180,
};

/** Days before a certification review is due when the leads are asked for it. */
export const CERTIFICATION_REVIEW_NOTICE_DAYS = 14;

/**
 * Layers threshold overrides over a base (defaults, then the admin's global settings, then the
 * domain's own). Overrides arrive as partial JSON, so an explicit `undefined` or a non-number must
 * not erase the value underneath.
 */
export function mergeThresholds(
  base: GateThresholds,
  ...overrides: (Partial<GateThresholds> | null | undefined)[]
): GateThresholds {
  return layerNumbers(base, overrides);
}

export const PHASE_INFO: Record<DomainStage, { label: string; description: string }> = {
  specs: {
    label: 'Gathering specs',
    description: 'What problems do we have with current metrics? Where do the concerns come from? Who are the players?',
  },
  scoping: {
    label: 'Scoping',
    description: 'Initial explorations, good-enough metric definitions, curated datasets, example analyses.',
  },
  handoff: {
    label: 'Product hand-off',
    description:
      'Data science works with product until product is comfortable with the new datasets and builds its own context.',
  },
  weirdness: {
    label: 'Exploring weirdness',
    description: 'Product explores and finds weirdness nobody thought to look for; data science tracks each one down.',
  },
  confidence: {
    label: 'Confidence',
    description: 'Product is confident; fewer and fewer oddities are found. The last gate certifies the domain.',
  },
  certified: {
    label: 'Certified',
    description:
      'The domain is safe for everyone to use. New serious weirdness or a rising oddity rate puts it at risk.',
  },
};

/** Human names of the domain roles, lower case so they fit inside a sentence. */
export const DOMAIN_ROLE_LABELS: Record<DomainRole, string> = {
  ds_lead: 'data science lead',
  product_lead: 'product lead',
  sponsor: 'sponsor',
  contributor: 'contributor',
};

export const CRITERIA: Record<CriterionKey, { label: string; description: string }> = {
  problem_statements_recorded: {
    label: 'Problem statements recorded',
    description: 'At least the required number of problem statements is recorded.',
  },
  stakeholders_recorded: {
    label: 'Stakeholders recorded',
    description: 'At least the required number of stakeholders is recorded.',
  },
  no_open_high_spec_tickets: {
    label: 'No open high-priority spec tickets',
    description: 'No ticket of the specs phase with priority high or critical is still open.',
  },
  metric_ready: {
    label: 'Metric definition ready',
    description: 'At least the required number of metric definitions is marked ready.',
  },
  dataset_ready: {
    label: 'Dataset ready',
    description: 'At least the required number of datasets is marked ready.',
  },
  example_analyses: {
    label: 'Example analyses',
    description:
      "Enough example analyses exist: we don't know how to make analyses easy until we've done a few ourselves.",
  },
  no_open_high_scoping_tickets: {
    label: 'No open high-priority scoping tickets',
    description: 'No ticket of the scoping phase with priority high or critical is still open.',
  },
  handoff_session_done: {
    label: 'Hand-off session done',
    description: 'At least the required number of hand-off sessions (pairing, training) is done.',
  },
  no_open_high_requests: {
    label: 'No open high-priority product requests',
    description: 'No product request with priority high or critical is still open.',
  },
  investigations_triaged: {
    label: 'Every investigation triaged',
    description: 'No weirdness investigation is still waiting in reported.',
  },
  no_open_high_investigations: {
    label: 'No open high-severity investigations',
    description: 'No investigation of severity high or critical is still open.',
  },
  few_new_investigations: {
    label: 'Few new investigations',
    description: 'At most the allowed number of new investigations in the recent window.',
  },
  no_open_investigations: {
    label: 'No open investigations',
    description: 'Every investigation is resolved or dismissed.',
  },
  oddity_rate_not_rising: {
    label: 'Oddity rate not rising',
    description:
      'No significant rising trend in the weekly oddity counts since hand-off (Laplace test, one-sided 5%); too few oddities to test count as not rising.',
  },
  observed_long_enough: {
    label: 'Observed long enough',
    description: 'The domain has been in the phase for at least the required number of weeks.',
  },
  dbt_tests_passing: {
    label: 'dbt tests passing',
    description:
      "No dbt test of the domain's artifacts failed or errored in its last run (POST /domains/:key/dbt/results); added per domain by an admin.",
  },
  oddity_rate_below_target: {
    label: 'Oddity rate at most the target',
    description:
      'The upper 90% bound of the current weekly oddity rate (last 4 weeks, severity-weighted) is at most the target.',
  },
};

/** A number of the gate thresholds, in words, for the admin form. */
export interface ThresholdInfo {
  label: string;
  /** decimals allowed (a rate); otherwise a whole number */
  decimal?: boolean;
  min: number;
  max: number;
}

export const THRESHOLD_INFO: Record<keyof GateThresholds, ThresholdInfo> = {
  minProblemStatements: { label: 'At least this many problem statements', min: 0, max: 1000 },
  minStakeholders: { label: 'At least this many stakeholders', min: 0, max: 1000 },
  minReadyMetrics: { label: 'At least this many ready metric definitions', min: 0, max: 1000 },
  minReadyDatasets: { label: 'At least this many ready datasets', min: 0, max: 1000 },
  minExampleAnalyses: { label: 'At least this many example analyses', min: 0, max: 1000 },
  minHandoffSessions: { label: 'At least this many hand-off sessions done', min: 0, max: 1000 },
  maxNewInvestigations: { label: 'At most this many new investigations', min: 0, max: 1000 },
  newInvestigationWindowDays: { label: 'In the last (days)', min: 1, max: 365 },
  minObservedWeeks: { label: 'At least this many weeks in the phase', min: 0, max: 104 },
  targetOddityRate: { label: 'Target: oddities a week, at most', decimal: true, min: 0.01, max: 100 },
  stallDays: { label: 'A domain with no activity for this many days is stalled', min: 1, max: 365 },
  certificationReviewDays: {
    label: 'A certified domain is due for review this many days after certification',
    min: 1,
    max: 3650,
  },
};

/** The thresholds each criterion reads, in the order its sentence names them. */
export const CRITERION_THRESHOLDS: Record<CriterionKey, (keyof GateThresholds)[]> = {
  problem_statements_recorded: ['minProblemStatements'],
  stakeholders_recorded: ['minStakeholders'],
  no_open_high_spec_tickets: [],
  metric_ready: ['minReadyMetrics'],
  dataset_ready: ['minReadyDatasets'],
  example_analyses: ['minExampleAnalyses'],
  no_open_high_scoping_tickets: [],
  handoff_session_done: ['minHandoffSessions'],
  no_open_high_requests: [],
  investigations_triaged: [],
  no_open_high_investigations: [],
  few_new_investigations: ['maxNewInvestigations', 'newInvestigationWindowDays'],
  no_open_investigations: [],
  oddity_rate_not_rising: [],
  observed_long_enough: ['minObservedWeeks'],
  oddity_rate_below_target: ['targetOddityRate'],
  dbt_tests_passing: [],
};

/** Thresholds that belong to no gate criterion: they decide the board's stalled and at-risk states. */
export const LIFECYCLE_THRESHOLDS: readonly (keyof GateThresholds)[] = ['stallDays', 'certificationReviewDays'];

/**
 * One exit gate per phase. `satisfies` (rather than a type annotation) keeps the literal types
 * and still fails to compile when a phase has no gate or a gate names an unknown criterion or role.
 */
export const GATES = {
  specs: {
    from: 'specs',
    to: 'scoping',
    criteria: ['problem_statements_recorded', 'stakeholders_recorded', 'no_open_high_spec_tickets'],
    requiredRoles: ['ds_lead'],
    sponsorIfPresent: false,
  },
  scoping: {
    from: 'scoping',
    to: 'handoff',
    criteria: ['metric_ready', 'dataset_ready', 'example_analyses', 'no_open_high_scoping_tickets'],
    requiredRoles: ['ds_lead', 'product_lead'],
    sponsorIfPresent: false,
  },
  handoff: {
    from: 'handoff',
    to: 'weirdness',
    criteria: ['handoff_session_done', 'no_open_high_requests'],
    requiredRoles: ['ds_lead', 'product_lead'],
    sponsorIfPresent: false,
  },
  weirdness: {
    from: 'weirdness',
    to: 'confidence',
    criteria: [
      'investigations_triaged',
      'no_open_high_investigations',
      'observed_long_enough',
      'oddity_rate_below_target',
    ],
    requiredRoles: ['ds_lead', 'product_lead'],
    sponsorIfPresent: false,
  },
  confidence: {
    from: 'confidence',
    to: 'certified',
    criteria: ['no_open_investigations', 'oddity_rate_not_rising'],
    requiredRoles: ['ds_lead', 'product_lead'],
    sponsorIfPresent: true,
  },
} as const satisfies Record<Phase, GateDefinition>;

export function isPhase(stage: string): stage is Phase {
  return (PHASES as readonly string[]).includes(stage);
}

export function isDomainStage(stage: string): stage is DomainStage {
  return (DOMAIN_STAGES as readonly string[]).includes(stage);
}

/** The gate a domain at this stage must pass next; null once certified (no gate left). */
export function gateFor(stage: DomainStage): GateDefinition | null {
  return isPhase(stage) ? GATES[stage] : null;
}

/** Where a domain goes when it passes the exit gate of `phase`. */
export function nextStage(phase: Phase): DomainStage {
  return GATES[phase].to;
}

/** Position in the lifecycle: specs is 0, certified is last. */
export function phaseIndex(stage: DomainStage): number {
  return DOMAIN_STAGES.indexOf(stage);
}

/** True when `a` comes strictly before `b` in the lifecycle. */
export function isEarlierPhase(a: DomainStage, b: DomainStage): boolean {
  return phaseIndex(a) < phaseIndex(b);
}

/**
 * Phases a domain at `stage` may be sent back to: every phase strictly before it. Recycling is
 * only backwards because moving forward must go through the gates; a certified domain can fall
 * back to any phase.
 */
export function recycleTargets(stage: DomainStage): Phase[] {
  return PHASES.filter((phase) => isEarlierPhase(phase, stage));
}

/**
 * Roles that must approve the exit gate of `phase`; the sponsor only when the domain has one, and
 * any role an admin added to this domain's gate. A round fixes this list when it opens.
 */
export function requiredRoles(phase: Phase, hasSponsor: boolean, added: readonly DomainRole[] = []): DomainRole[] {
  const gate: GateDefinition = GATES[phase];
  const roles: DomainRole[] = [...gate.requiredRoles];
  if (gate.sponsorIfPresent && hasSponsor && !roles.includes('sponsor')) roles.push('sponsor');
  for (const role of added) if (!roles.includes(role)) roles.push(role);
  return roles;
}

/** The criteria of a domain's gate: the definition's, then those an admin added, each once. */
export function gateCriteria(phase: Phase, added: readonly CriterionKey[] = []): CriterionKey[] {
  const criteria: CriterionKey[] = [...GATES[phase].criteria];
  for (const key of added) if (!criteria.includes(key)) criteria.push(key);
  return criteria;
}

/**
 * What re-confirms a certified domain: the causes that put a domain at risk are gone (no open
 * high or critical investigation, the oddity rate not rising).
 */
export const RECONFIRM_CRITERIA: readonly CriterionKey[] = ['no_open_high_investigations', 'oddity_rate_not_rising'];

/** Stages where weirdness can be reported: once product has the data in hand, and after certification. */
export const INVESTIGATION_PHASES: readonly DomainStage[] = ['handoff', 'weirdness', 'confidence', 'certified'];

export function canReportInvestigation(stage: DomainStage): boolean {
  return INVESTIGATION_PHASES.includes(stage);
}
