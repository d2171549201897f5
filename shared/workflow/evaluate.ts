/**
 * Pure gate evaluation: given a domain's live facts, what blocks its current gate. The client
 * calls it to explain; the server calls it as the authority inside the transaction that advances.
 * No I/O here, so both sides get the same answer from the same numbers.
 */
import type { DomainRole, DomainStage, Phase } from '../api/enums';
import { CRITERIA, DOMAIN_ROLE_LABELS, gateCriteria, requiredRoles as gateRequiredRoles } from './definition';
import type {
  BlockingReason,
  CriterionKey,
  CriterionResult,
  GateFacts,
  GateSignOffState,
  GateThresholds,
} from './types';

/** An admin's decision that a criterion need not pass for this domain, with the reason recorded. */
export interface CriterionWaiver {
  criterion: CriterionKey;
  reason: string;
  by: string;
  at: string;
}

interface CriterionMeasure {
  value: number;
  threshold: string;
  /** the threshold's numbers, in the order CRITERION_FAILURE_TEXT reads them */
  limits: number[];
  passed: boolean;
  detail?: string;
}

/** A rate or statistic for a sentence: one decimal, two below 0.1 (0.04, 0.4, 1.1, 12.3). */
export function formatMeasure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) < 0.1 && value !== 0 ? 2 : 1;
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

const percent = (level: number) => `${Math.round(level * 100)}%`;

/** A p-value with its relation for a sentence: "= 0.0062", "< 0.0001". */
export function formatPValue(p: number): string {
  return p < 0.0001 ? '< 0.0001' : `= ${Number(p.toPrecision(2))}`;
}

/** The value of a measured criterion whose domain has no stored assessment yet. */
export const NOT_MEASURED = -1;
const NOT_MEASURED_DETAIL = 'not measured yet: it is computed when an investigation changes and every night';

function rateBelowTarget(f: GateFacts, t: GateThresholds): CriterionMeasure {
  const c = f.confidence;
  if (!c || c.upper === null || c.rate === null)
    return {
      value: NOT_MEASURED,
      threshold: `<= ${t.targetOddityRate} a week`,
      limits: [t.targetOddityRate],
      passed: false,
      detail: NOT_MEASURED_DETAIL,
    };
  const upper = Math.round(c.upper * 100) / 100;
  return {
    value: upper,
    threshold: `<= ${t.targetOddityRate} a week at ${percent(c.level)}`,
    limits: [t.targetOddityRate, Math.round(c.level * 100)],
    passed: c.upper <= t.targetOddityRate,
    detail: `${formatMeasure(c.rate)} a week, at most ${formatMeasure(c.upper)} at ${percent(c.level)}; target ${t.targetOddityRate}`,
  };
}

/**
 * Not rising: the Laplace test on the weekly counts since hand-off finds no significant rise. Too
 * few oddities to test is not a rise (a single report cannot make a trend).
 */
function notRising(f: GateFacts): CriterionMeasure {
  const c = f.confidence;
  if (!c)
    return {
      value: NOT_MEASURED,
      threshold: 'no rising trend',
      limits: [],
      passed: false,
      detail: NOT_MEASURED_DETAIL,
    };
  const trend = c.trend;
  if (trend.status !== 'ok')
    return {
      value: 0,
      threshold: 'no rising trend',
      limits: [],
      passed: true,
      detail: `not enough data to test: ${trend.reason}`,
    };
  const p = formatPValue(trend.pValue);
  return {
    value: Math.round(trend.statistic * 100) / 100,
    threshold: `p >= ${trend.alpha} (p ${p})`,
    limits: [trend.alpha],
    passed: !trend.rising,
    detail: `Laplace U = ${formatMeasure(trend.statistic)}, p ${p} over ${formatMeasure(trend.weeks)} weeks; rising below ${trend.alpha}`,
  };
}

function atLeast(value: number, min: number): CriterionMeasure {
  return { value, threshold: `>= ${min}`, limits: [min], passed: value >= min };
}

function none(value: number): CriterionMeasure {
  return { value, threshold: '= 0', limits: [], passed: value === 0 };
}

/**
 * How each criterion reads the facts. A Record so that adding a criterion key without a rule
 * fails to compile instead of silently passing.
 */
const CRITERION_RULES: Record<CriterionKey, (facts: GateFacts, thresholds: GateThresholds) => CriterionMeasure> = {
  problem_statements_recorded: (f, t) => atLeast(f.problemStatements, t.minProblemStatements),
  stakeholders_recorded: (f, t) => atLeast(f.stakeholders, t.minStakeholders),
  no_open_high_spec_tickets: (f) => none(f.openHighTicketsInPhase),
  metric_ready: (f, t) => atLeast(f.readyMetrics, t.minReadyMetrics),
  dataset_ready: (f, t) => atLeast(f.readyDatasets, t.minReadyDatasets),
  example_analyses: (f, t) => atLeast(f.exampleAnalyses, t.minExampleAnalyses),
  no_open_high_scoping_tickets: (f) => none(f.openHighTicketsInPhase),
  handoff_session_done: (f, t) => atLeast(f.handoffSessionsDone, t.minHandoffSessions),
  no_open_high_requests: (f) => none(f.openHighRequests),
  investigations_triaged: (f) => none(f.untriagedInvestigations),
  no_open_high_investigations: (f) => none(f.openHighInvestigations),
  few_new_investigations: (f, t) => ({
    value: f.newInvestigationsInWindow,
    threshold: `<= ${t.maxNewInvestigations} in ${t.newInvestigationWindowDays} d`,
    limits: [t.maxNewInvestigations, t.newInvestigationWindowDays],
    passed: f.newInvestigationsInWindow <= t.maxNewInvestigations,
  }),
  no_open_investigations: (f) => none(f.openInvestigations),
  oddity_rate_not_rising: (f) => notRising(f),
  observed_long_enough: (f, t) => {
    const weeks = Math.floor(f.weeksInPhase * 10) / 10;
    return {
      value: weeks,
      threshold: `>= ${t.minObservedWeeks} weeks`,
      limits: [t.minObservedWeeks],
      passed: f.weeksInPhase >= t.minObservedWeeks,
      detail: `${weeks} week${weeks === 1 ? '' : 's'} in the phase; needs ${t.minObservedWeeks}`,
    };
  },
  oddity_rate_below_target: rateBelowTarget,
  dbt_tests_passing: (f) => ({
    ...none(f.failingDbtTests ?? 0),
    detail: `dbt tests: ${f.failingDbtTests ?? 0} failing`,
  }),
};

/** The blocking reason of a criterion that is neither passed nor waived. */
export function criterionBlock(result: CriterionResult): BlockingReason {
  return {
    code: 'criterion_failed',
    criterion: result.key,
    value: result.value,
    threshold: result.threshold,
    limits: result.limits ?? [],
  };
}

/** Evaluates one criterion on its own, without waivers. */
export function measureCriterion(key: CriterionKey, facts: GateFacts, thresholds: GateThresholds): CriterionResult {
  return { key, label: CRITERIA[key].label, ...CRITERION_RULES[key](facts, thresholds), waived: false, waiver: null };
}

/**
 * Evaluates the exit criteria of `phase`. A waived criterion keeps its measured `passed` (so the
 * UI still shows the truth) and is marked `waived`, which makes it count as satisfied. When a
 * criterion has several waivers, the last one in the list wins. `added` are the criteria an admin
 * added to this domain's gate, evaluated after the definition's own.
 */
export function evaluateCriteria(
  phase: Phase,
  facts: GateFacts,
  thresholds: GateThresholds,
  waivers: readonly CriterionWaiver[],
  added: readonly CriterionKey[] = [],
): CriterionResult[] {
  return gateCriteria(phase, added).map((key) => {
    const result = measureCriterion(key, facts, thresholds);
    const waiver = waivers.filter((w) => w.criterion === key).at(-1);
    if (!waiver) return result;
    return { ...result, waived: true, waiver: { reason: waiver.reason, by: waiver.by, at: waiver.at } };
  });
}

export function isCriterionSatisfied(result: CriterionResult): boolean {
  return result.passed || result.waived;
}

export interface GateInput {
  stage: DomainStage;
  facts: GateFacts;
  thresholds: GateThresholds;
  waivers: readonly CriterionWaiver[];
  held: boolean;
  hasSponsor: boolean;
  /** how many members hold each domain role */
  roleHolders: Partial<Record<DomainRole, number>>;
  /** each person's latest sign-off per role of the current gate round */
  signOffs: readonly GateSignOffState[];
  /** the roles fixed when the round opened (plus admin additions); computed from hasSponsor when absent */
  requiredRoles?: readonly DomainRole[];
  /** criteria an admin added to this domain's gate */
  addedCriteria?: readonly CriterionKey[];
}

export interface GateEvaluation {
  criteria: CriterionResult[];
  requiredRoles: DomainRole[];
  blocking: BlockingReason[];
  open: boolean;
}

/**
 * Why a required role does not yet let the gate open, or null when it has approved. A rejection
 * by anyone who signed the role blocks (stale or not, holder or not) until that person approves,
 * an admin overrides it, or a new round starts: neither a second holder's approval nor removing
 * the rejecter gets around it. Otherwise one fresh approval by a current holder fills the role.
 */
function roleBlock(role: DomainRole, holders: number, signOffs: readonly GateSignOffState[]): BlockingReason | null {
  const mine = signOffs.filter((s) => s.role === role);
  const rejection = mine.find((s) => s.decision === 'reject' && !s.overridden);
  if (rejection)
    return rejection.by ? { code: 'signoff_rejected', role, by: rejection.by } : { code: 'signoff_rejected', role };
  if (mine.some((s) => s.decision === 'approve' && !s.stale && s.held !== false)) return null;
  // An empty role blocks: nobody could be asked again when a former holder's sign-off went stale.
  if (holders < 1) return { code: 'role_unfilled', role };
  if (mine.some((s) => s.decision === 'approve' && s.held !== false)) return { code: 'signoff_stale', role };
  return { code: 'signoff_missing', role };
}

/**
 * Everything that stands between a domain and its next stage, in a stable order: hold, failed
 * criteria (in definition order), then each required role. The gate is open when nothing blocks.
 */
export function evaluateGate(input: GateInput): GateEvaluation {
  const { stage } = input;
  if (stage === 'certified') {
    return { criteria: [], requiredRoles: [], blocking: [{ code: 'domain_certified' }], open: false };
  }
  const criteria = evaluateCriteria(stage, input.facts, input.thresholds, input.waivers, input.addedCriteria);
  const roles = input.requiredRoles ? [...input.requiredRoles] : gateRequiredRoles(stage, input.hasSponsor);
  const blocking: BlockingReason[] = [];
  if (input.held) blocking.push({ code: 'domain_on_hold' });
  for (const result of criteria) {
    if (!isCriterionSatisfied(result)) blocking.push(criterionBlock(result));
  }
  for (const role of roles) {
    const reason = roleBlock(role, input.roleHolders[role] ?? 0, input.signOffs);
    if (reason) blocking.push(reason);
  }
  return { criteria, requiredRoles: roles, blocking, open: blocking.length === 0 };
}

/**
 * The pass/fail outcome of each criterion, keyed by criterion. Stored with a sign-off so that a
 * later change of any outcome can mark it stale. Measured `passed` is used, not waivers: a waiver
 * is an admin decision about the gate, not a change in the evidence the signer saw.
 */
export function criterionOutcomes(criteria: readonly CriterionResult[]): Record<string, boolean> {
  const outcomes: Record<string, boolean> = {};
  for (const result of criteria) outcomes[result.key] = result.passed;
  return outcomes;
}

/**
 * True when the evidence behind a sign-off changed: an outcome flipped, or a criterion appeared
 * or disappeared (e.g. after a recycle the gate reads a different set).
 */
export function outcomesChanged(snapshot: Record<string, boolean>, current: Record<string, boolean>): boolean {
  const keys = new Set([...Object.keys(snapshot), ...Object.keys(current)]);
  for (const key of keys) {
    if (snapshot[key] !== current[key]) return true;
  }
  return false;
}

function outcomeWord(passed: boolean | undefined): string {
  return passed === undefined ? 'absent' : passed ? 'met' : 'not met';
}

/**
 * The evidence changes between what a signer saw and the gate now, in words: each criterion whose
 * outcome flipped, appeared or disappeared ("Dataset ready: met → not met (1 → 0)").
 */
export function describeOutcomeChanges(
  seen: readonly CriterionResult[],
  current: readonly CriterionResult[],
): string[] {
  const before = new Map(seen.filter(Boolean).map((c) => [c.key, c]));
  const after = new Map(current.map((c) => [c.key, c]));
  const changes: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key);
    const now = after.get(key);
    if (was?.passed === now?.passed) continue;
    const label = (now ?? was)?.label ?? CRITERIA[key]?.label ?? key;
    const values = was && now ? ` (${was.value} → ${now.value})` : '';
    changes.push(`${label}: ${outcomeWord(was?.passed)} → ${outcomeWord(now?.passed)}${values}`);
  }
  return changes;
}

function plural(n: number, singular: string, pluralForm: string): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

function stillOpen(n: number, singular: string, pluralForm: string): string {
  return `${plural(n, singular, pluralForm)} ${n === 1 ? 'is' : 'are'} still open`;
}

/**
 * Plain-words explanations of failed criteria. They take the numbers out of the threshold text
 * because a blocking reason carries only that text, and the text is produced by the rules above.
 */
const CRITERION_FAILURE_TEXT: Record<CriterionKey, (value: number, limits: number[]) => string> = {
  problem_statements_recorded: (v, [min = 1]) =>
    `Needs at least ${plural(min, 'problem statement', 'problem statements')} (has ${v})`,
  stakeholders_recorded: (v, [min = 1]) => `Needs at least ${plural(min, 'stakeholder', 'stakeholders')} (has ${v})`,
  no_open_high_spec_tickets: (v) => stillOpen(v, 'high or critical spec ticket', 'high or critical spec tickets'),
  metric_ready: (v, [min = 1]) =>
    `Needs at least ${plural(min, 'ready metric definition', 'ready metric definitions')} (has ${v})`,
  dataset_ready: (v, [min = 1]) => `Needs at least ${plural(min, 'ready dataset', 'ready datasets')} (has ${v})`,
  example_analyses: (v, [min = 2]) =>
    `Needs at least ${plural(min, 'example analysis', 'example analyses')} (has ${v})`,
  no_open_high_scoping_tickets: (v) =>
    stillOpen(v, 'high or critical scoping ticket', 'high or critical scoping tickets'),
  handoff_session_done: (v, [min = 1]) =>
    `Needs at least ${plural(min, 'hand-off session', 'hand-off sessions')} done (has ${v})`,
  no_open_high_requests: (v) => stillOpen(v, 'high or critical product request', 'high or critical product requests'),
  investigations_triaged: (v) => `${plural(v, 'investigation is', 'investigations are')} waiting to be triaged`,
  no_open_high_investigations: (v) => stillOpen(v, 'high or critical investigation', 'high or critical investigations'),
  few_new_investigations: (v, [max = 1, days = 14]) =>
    `Allows at most ${plural(max, 'new investigation', 'new investigations')} in the last ${days} days (has ${v})`,
  no_open_investigations: (v) => stillOpen(v, 'investigation', 'investigations'),
  oddity_rate_not_rising: (v, [alpha = 0.05]) =>
    v === NOT_MEASURED
      ? 'The oddity trend is not measured yet'
      : `The oddity rate is rising: Laplace U = ${v}, significant (p below ${alpha})`,
  observed_long_enough: (v, [min = 4]) =>
    `Needs at least ${plural(min, 'week', 'weeks')} of observation in the phase (has ${v})`,
  dbt_tests_passing: (v) => `dbt tests: ${v} failing`,
  oddity_rate_below_target: (v, [target = 1, level = 90]) =>
    v === NOT_MEASURED
      ? 'The oddity rate is not measured yet'
      : `The oddity rate may be as high as ${v} a week (upper ${level}% bound), above the target of ${target}`,
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One sentence for the UI explaining a blocking reason. */
export function describeBlockingReason(reason: BlockingReason): string {
  switch (reason.code) {
    case 'domain_on_hold':
      return 'The domain is on hold';
    case 'domain_certified':
      return 'The domain is certified: there is no further gate';
    case 'criterion_failed': {
      return CRITERION_FAILURE_TEXT[reason.criterion](reason.value, reason.limits);
    }
    case 'role_unfilled':
      return `Nobody holds the ${DOMAIN_ROLE_LABELS[reason.role]} role`;
    case 'signoff_missing':
      return `Waiting for the ${DOMAIN_ROLE_LABELS[reason.role]}'s sign-off`;
    case 'signoff_rejected':
      return `${capitalize(`the ${DOMAIN_ROLE_LABELS[reason.role]}`)}${reason.by ? ` (${reason.by})` : ''} rejected this gate`;
    case 'signoff_stale':
      return `${capitalize(`the ${DOMAIN_ROLE_LABELS[reason.role]}`)}'s sign-off is stale: the evidence changed`;
  }
}
