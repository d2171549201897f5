import { DOMAIN_ROLES, DOMAIN_STAGES, INVESTIGATION_STATUSES, PHASES } from '../../shared/api/enums';
import type { DomainRole, DomainStage, InvestigationStatus, Phase } from '../../shared/api/enums';
import {
  CRITERIA,
  DEFAULT_THRESHOLDS,
  GATES,
  PHASE_INFO,
  canReportInvestigation,
  gateFor,
  isEarlierPhase,
  mergeThresholds,
  nextStage,
  phaseIndex,
  recycleTargets,
  requiredRoles,
} from '../../shared/workflow/definition';
import {
  criterionOutcomes,
  describeBlockingReason,
  evaluateCriteria,
  evaluateGate,
  outcomesChanged,
  formatPValue,
} from '../../shared/workflow/evaluate';
import type { CriterionWaiver, GateInput } from '../../shared/workflow/evaluate';
import {
  INVESTIGATION_TRANSITIONS,
  OPEN_INVESTIGATION_STATUSES,
  REOPEN_TARGET,
  TRIAGE_TARGET_DAYS,
  allowedTransitions,
  canTransition,
  isTriageOverdue,
  missingTransitionFields,
  transitionTarget,
} from '../../shared/workflow/investigation';
import { CRITERION_KEYS } from '../../shared/workflow/types';
import type { BlockingReason, CriterionKey, GateFacts, GateSignOffState } from '../../shared/workflow/types';
import type { ConfidenceSummary } from '../../shared/api/confidence';

/** Facts under which every default criterion of every gate passes. */
function passingFacts(overrides: Partial<GateFacts> = {}): GateFacts {
  return {
    problemStatements: 1,
    stakeholders: 1,
    openHighTicketsInPhase: 0,
    readyMetrics: 1,
    readyDatasets: 1,
    exampleAnalyses: 2,
    handoffSessionsDone: 1,
    openHighRequests: 0,
    untriagedInvestigations: 0,
    openHighInvestigations: 0,
    newInvestigationsInWindow: 1,
    openInvestigations: 0,
    weeksInPhase: 6,
    confidence: measured(),
    ...overrides,
  };
}

/** A stored confidence summary: a low, steady rate unless told. */
function measured(overrides: Partial<ConfidenceSummary> = {}): ConfidenceSummary {
  return {
    computedAt: '2026-01-05T00:00:00.000Z',
    start: '2025-11-01T00:00:00.000Z',
    observedWeeks: 9,
    events: 6,
    rate: 0.4,
    lower: 0.1,
    upper: 0.9,
    level: 0.9,
    windowWeeks: 4,
    target: 1,
    trend: { status: 'ok', rising: false, statistic: -1.2, pValue: 0.885, alpha: 0.05, weeks: 9 },
    forecast: { status: 'insufficient', reason: 'not enough data' },
    remaining: null,
    ...overrides,
  };
}

const approve = (role: DomainRole): GateSignOffState => ({ role, decision: 'approve', stale: false });

/** A gate input that opens unless a test changes something. */
function openGateInput(stage: DomainStage, overrides: Partial<GateInput> = {}): GateInput {
  return {
    stage,
    facts: passingFacts(),
    thresholds: DEFAULT_THRESHOLDS,
    waivers: [],
    held: false,
    hasSponsor: false,
    roleHolders: { ds_lead: 1, product_lead: 1, sponsor: 1 },
    signOffs: [approve('ds_lead'), approve('product_lead'), approve('sponsor')],
    ...overrides,
  };
}

const waiver = (criterion: CriterionKey): CriterionWaiver => ({
  criterion,
  reason: 'Tracked elsewhere',
  by: 'admin@example.com',
  at: '2026-01-05T10:00:00.000Z',
});

/** The gate that reads the criterion; a catalog-only one (few_new_investigations) is added to weirdness. */
function phaseOf(criterion: CriterionKey): Phase {
  return PHASES.find((p) => (GATES[p].criteria as readonly CriterionKey[]).includes(criterion)) ?? 'weirdness';
}

describe('default criteria', () => {
  const failing: Record<CriterionKey, { facts: Partial<GateFacts>; value: number; threshold: string }> = {
    problem_statements_recorded: { facts: { problemStatements: 0 }, value: 0, threshold: '>= 1' },
    stakeholders_recorded: { facts: { stakeholders: 0 }, value: 0, threshold: '>= 1' },
    no_open_high_spec_tickets: { facts: { openHighTicketsInPhase: 2 }, value: 2, threshold: '= 0' },
    metric_ready: { facts: { readyMetrics: 0 }, value: 0, threshold: '>= 1' },
    dataset_ready: { facts: { readyDatasets: 0 }, value: 0, threshold: '>= 1' },
    example_analyses: { facts: { exampleAnalyses: 1 }, value: 1, threshold: '>= 2' },
    no_open_high_scoping_tickets: { facts: { openHighTicketsInPhase: 1 }, value: 1, threshold: '= 0' },
    handoff_session_done: { facts: { handoffSessionsDone: 0 }, value: 0, threshold: '>= 1' },
    no_open_high_requests: { facts: { openHighRequests: 1 }, value: 1, threshold: '= 0' },
    investigations_triaged: { facts: { untriagedInvestigations: 3 }, value: 3, threshold: '= 0' },
    no_open_high_investigations: { facts: { openHighInvestigations: 1 }, value: 1, threshold: '= 0' },
    few_new_investigations: { facts: { newInvestigationsInWindow: 2 }, value: 2, threshold: '<= 1 in 14 d' },
    no_open_investigations: { facts: { openInvestigations: 1 }, value: 1, threshold: '= 0' },
    oddity_rate_not_rising: {
      facts: {
        confidence: measured({
          trend: { status: 'ok', rising: true, statistic: 2.345, pValue: 0.0095, alpha: 0.05, weeks: 9 },
        }),
      },
      value: 2.35,
      threshold: 'p >= 0.05 (p = 0.0095)',
    },
    observed_long_enough: { facts: { weeksInPhase: 3.96 }, value: 3.9, threshold: '>= 4 weeks' },
    oddity_rate_below_target: {
      facts: { confidence: measured({ rate: 0.4, upper: 1.13 }) },
      value: 1.13,
      threshold: '<= 1 a week at 90%',
    },
    dbt_tests_passing: { facts: { failingDbtTests: 2 }, value: 2, threshold: '= 0' },
  };

  it.each(PHASES)('all pass for %s with passing facts', (phase) => {
    const results = evaluateCriteria(phase, passingFacts(), DEFAULT_THRESHOLDS, []);
    expect(results.map((r) => r.key)).toEqual(GATES[phase].criteria);
    expect(results.every((r) => r.passed && !r.waived && r.waiver === null)).toBe(true);
    expect(results.every((r) => r.label === CRITERIA[r.key].label)).toBe(true);
  });

  it.each(CRITERION_KEYS)('%s fails on its own with the value and threshold shown', (key) => {
    const { facts, value, threshold } = failing[key];
    const results = evaluateCriteria(phaseOf(key), passingFacts(facts), DEFAULT_THRESHOLDS, [], [key]);
    const failed = results.filter((r) => !r.passed);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ key, value, threshold, passed: false, waived: false });
  });

  it('passes at the exact thresholds', () => {
    const facts = passingFacts({
      exampleAnalyses: 2,
      newInvestigationsInWindow: 1,
      weeksInPhase: 4,
      confidence: measured({ upper: 1 }),
    });
    for (const phase of PHASES) {
      expect(evaluateCriteria(phase, facts, DEFAULT_THRESHOLDS, []).every((r) => r.passed)).toBe(true);
    }
  });

  it('reads tuned thresholds', () => {
    const thresholds = mergeThresholds(DEFAULT_THRESHOLDS, {
      minExampleAnalyses: 3,
      maxNewInvestigations: 0,
      newInvestigationWindowDays: 7,
    });
    const [, , analyses] = evaluateCriteria('scoping', passingFacts({ exampleAnalyses: 2 }), thresholds, []);
    expect(analyses).toMatchObject({ key: 'example_analyses', passed: false, threshold: '>= 3' });
    const few = evaluateCriteria(
      'weirdness',
      passingFacts({ newInvestigationsInWindow: 1 }),
      thresholds,
      [],
      ['few_new_investigations'],
    ).at(-1);
    expect(few).toMatchObject({ key: 'few_new_investigations', passed: false, threshold: '<= 0 in 7 d' });
  });

  it('merges threshold layers, ignoring missing values', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, { stallDays: 30 }, undefined, {
      stallDays: undefined,
      minStakeholders: 2,
    });
    expect(merged).toEqual({ ...DEFAULT_THRESHOLDS, stallDays: 30, minStakeholders: 2 });
    expect(DEFAULT_THRESHOLDS.stallDays).toBe(21);
  });
});

describe('waivers', () => {
  it('a waived failing criterion keeps passed false but no longer blocks', () => {
    const input = openGateInput('scoping', {
      facts: passingFacts({ exampleAnalyses: 0 }),
      waivers: [waiver('example_analyses')],
    });
    const gate = evaluateGate(input);
    const analyses = gate.criteria.find((c) => c.key === 'example_analyses');
    expect(analyses).toMatchObject({
      passed: false,
      waived: true,
      waiver: { reason: 'Tracked elsewhere', by: 'admin@example.com', at: '2026-01-05T10:00:00.000Z' },
    });
    expect(gate.blocking).toEqual([]);
    expect(gate.open).toBe(true);
  });

  it('a waiver of another gate has no effect', () => {
    const gate = evaluateGate(
      openGateInput('scoping', {
        facts: passingFacts({ exampleAnalyses: 0 }),
        waivers: [waiver('stakeholders_recorded')],
      }),
    );
    expect(gate.criteria.some((c) => c.waived)).toBe(false);
    expect(gate.open).toBe(false);
  });
});

describe('evaluateGate', () => {
  it.each(PHASES)('opens the %s gate when everything passes and every role approved', (phase) => {
    const gate = evaluateGate(openGateInput(phase));
    expect(gate).toMatchObject({ blocking: [], open: true });
  });

  it('lists blocking reasons in a stable order', () => {
    const gate = evaluateGate(
      openGateInput('confidence', {
        held: true,
        hasSponsor: true,
        facts: passingFacts({
          openInvestigations: 2,
          confidence: measured({
            trend: { status: 'ok', rising: true, statistic: 2.5, pValue: 0.0062, alpha: 0.05, weeks: 9 },
          }),
        }),
        roleHolders: { ds_lead: 1, product_lead: 2, sponsor: 0 },
        signOffs: [{ role: 'product_lead', decision: 'approve', stale: true }],
      }),
    );
    expect(gate.blocking).toEqual([
      { code: 'domain_on_hold' },
      { code: 'criterion_failed', criterion: 'no_open_investigations', value: 2, threshold: '= 0', limits: [] },
      {
        code: 'criterion_failed',
        criterion: 'oddity_rate_not_rising',
        value: 2.5,
        threshold: 'p >= 0.05 (p = 0.0062)',
        limits: [0.05],
      },
      { code: 'signoff_missing', role: 'ds_lead' },
      { code: 'signoff_stale', role: 'product_lead' },
      { code: 'role_unfilled', role: 'sponsor' },
    ]);
    expect(gate.requiredRoles).toEqual(['ds_lead', 'product_lead', 'sponsor']);
    expect(gate.open).toBe(false);
  });

  it('a hold alone keeps the gate shut', () => {
    expect(evaluateGate(openGateInput('specs', { held: true })).blocking).toEqual([{ code: 'domain_on_hold' }]);
  });

  it('requires the sponsor only at the confidence gate and only when the domain has one', () => {
    for (const phase of PHASES) {
      expect(requiredRoles(phase, false)).not.toContain('sponsor');
      expect(requiredRoles(phase, true).includes('sponsor')).toBe(phase === 'confidence');
    }
    const signOffs = [approve('ds_lead'), approve('product_lead')];
    expect(evaluateGate(openGateInput('confidence', { hasSponsor: false, signOffs })).open).toBe(true);
    expect(evaluateGate(openGateInput('confidence', { hasSponsor: true, signOffs })).blocking).toEqual([
      { code: 'signoff_missing', role: 'sponsor' },
    ]);
  });

  it('names the default roles of each gate', () => {
    expect(requiredRoles('specs', true)).toEqual(['ds_lead']);
    for (const phase of ['scoping', 'handoff', 'weirdness'] as const) {
      expect(requiredRoles(phase, true)).toEqual(['ds_lead', 'product_lead']);
    }
  });

  it('one fresh reject blocks even beside an approval of the same role', () => {
    const gate = evaluateGate(
      openGateInput('handoff', {
        roleHolders: { ds_lead: 1, product_lead: 2 },
        signOffs: [
          approve('ds_lead'),
          approve('product_lead'),
          { role: 'product_lead', decision: 'reject', stale: false },
        ],
      }),
    );
    expect(gate.blocking).toEqual([{ code: 'signoff_rejected', role: 'product_lead' }]);
    expect(gate.open).toBe(false);
  });

  it('a stale reject still blocks: only its author, an admin override or a new round lifts it', () => {
    const gate = evaluateGate(
      openGateInput('specs', { signOffs: [{ role: 'ds_lead', decision: 'reject', stale: true }] }),
    );
    expect(gate.blocking).toEqual([{ code: 'signoff_rejected', role: 'ds_lead' }]);
    const overridden = evaluateGate(
      openGateInput('specs', { signOffs: [{ role: 'ds_lead', decision: 'reject', stale: true, overridden: true }] }),
    );
    expect(overridden.blocking).toEqual([{ code: 'signoff_missing', role: 'ds_lead' }]);
  });

  it('with two holders of a role, one approval fills it and any rejection blocks it', () => {
    const approvals = evaluateGate(
      openGateInput('specs', { roleHolders: { ds_lead: 2 }, signOffs: [approve('ds_lead')] }),
    );
    expect(approvals.open).toBe(true);
    const mixed = evaluateGate(
      openGateInput('specs', {
        roleHolders: { ds_lead: 2 },
        signOffs: [{ role: 'ds_lead', decision: 'reject', stale: false, by: 'Ann' }, approve('ds_lead')],
      }),
    );
    expect(mixed.blocking).toEqual([{ code: 'signoff_rejected', role: 'ds_lead', by: 'Ann' }]);
  });

  it('a rejection by someone who left the role still blocks; their approval does not count', () => {
    const rejected = evaluateGate(
      openGateInput('specs', { signOffs: [{ role: 'ds_lead', decision: 'reject', stale: false, held: false }] }),
    );
    expect(rejected.blocking).toEqual([{ code: 'signoff_rejected', role: 'ds_lead' }]);
    const approved = evaluateGate(
      openGateInput('specs', { signOffs: [{ role: 'ds_lead', decision: 'approve', stale: false, held: false }] }),
    );
    expect(approved.blocking).toEqual([{ code: 'signoff_missing', role: 'ds_lead' }]);
  });

  it('the required roles of a round are the ones given, not recomputed from today', () => {
    const gate = evaluateGate(
      openGateInput('confidence', {
        hasSponsor: false,
        roleHolders: { ds_lead: 1, product_lead: 1 },
        signOffs: [approve('ds_lead'), approve('product_lead')],
        requiredRoles: ['ds_lead', 'product_lead', 'sponsor'],
      }),
    );
    expect(gate.requiredRoles).toEqual(['ds_lead', 'product_lead', 'sponsor']);
    expect(gate.blocking).toContainEqual({ code: 'role_unfilled', role: 'sponsor' });
  });

  it('a stale approval does not count', () => {
    const gate = evaluateGate(
      openGateInput('scoping', {
        signOffs: [approve('ds_lead'), { role: 'product_lead', decision: 'approve', stale: true }],
      }),
    );
    expect(gate.blocking).toEqual([{ code: 'signoff_stale', role: 'product_lead' }]);
    expect(gate.open).toBe(false);
  });

  it('a fresh approval next to a stale one counts', () => {
    const gate = evaluateGate(
      openGateInput('specs', { signOffs: [{ role: 'ds_lead', decision: 'approve', stale: true }, approve('ds_lead')] }),
    );
    expect(gate.open).toBe(true);
  });

  it('a sign-off in another role does not fill a role', () => {
    const gate = evaluateGate(openGateInput('scoping', { signOffs: [approve('ds_lead'), approve('sponsor')] }));
    expect(gate.blocking).toEqual([{ code: 'signoff_missing', role: 'product_lead' }]);
  });

  it('an unfilled role blocks even with an approval from a former holder', () => {
    const gate = evaluateGate(
      openGateInput('specs', {
        roleHolders: {},
        signOffs: [{ role: 'ds_lead', decision: 'approve', stale: false, held: false }],
      }),
    );
    expect(gate.blocking).toEqual([{ code: 'role_unfilled', role: 'ds_lead' }]);
  });

  it('a certified domain has no gate', () => {
    const gate = evaluateGate(openGateInput('certified'));
    expect(gate).toEqual({ criteria: [], requiredRoles: [], blocking: [{ code: 'domain_certified' }], open: false });
  });
});

describe('staleness by outcomes', () => {
  it('detects a changed outcome, not a changed value', () => {
    const before = criterionOutcomes(
      evaluateCriteria('scoping', passingFacts({ exampleAnalyses: 2 }), DEFAULT_THRESHOLDS, []),
    );
    const moreAnalyses = criterionOutcomes(
      evaluateCriteria('scoping', passingFacts({ exampleAnalyses: 5 }), DEFAULT_THRESHOLDS, []),
    );
    const fewer = criterionOutcomes(
      evaluateCriteria('scoping', passingFacts({ exampleAnalyses: 1 }), DEFAULT_THRESHOLDS, []),
    );
    expect(before).toEqual({
      metric_ready: true,
      dataset_ready: true,
      example_analyses: true,
      no_open_high_scoping_tickets: true,
    });
    expect(outcomesChanged(before, moreAnalyses)).toBe(false);
    expect(outcomesChanged(before, fewer)).toBe(true);
  });

  it('treats an added or removed criterion as a change', () => {
    expect(outcomesChanged({ a: true }, { a: true, b: true })).toBe(true);
    expect(outcomesChanged({ a: true, b: true }, { a: true })).toBe(true);
  });
});

describe('describeBlockingReason', () => {
  it('reads the numbers from the reason, never from the threshold sentence', () => {
    const reason: BlockingReason = {
      code: 'criterion_failed',
      criterion: 'few_new_investigations',
      value: 3,
      threshold: 'at most one in two weeks',
      limits: [1, 14],
    };
    expect(describeBlockingReason(reason)).toBe('Allows at most 1 new investigation in the last 14 days (has 3)');
    const gate = evaluateGate(
      openGateInput('weirdness', {
        facts: passingFacts({ weeksInPhase: 2 }),
        thresholds: { ...DEFAULT_THRESHOLDS, minObservedWeeks: 6 },
      }),
    );
    expect(gate.blocking).toContainEqual(expect.objectContaining({ criterion: 'observed_long_enough', limits: [6] }));
  });

  it('explains in plain words', () => {
    expect(
      describeBlockingReason({
        code: 'criterion_failed',
        criterion: 'example_analyses',
        value: 1,
        threshold: '>= 2',
        limits: [2],
      }),
    ).toBe('Needs at least 2 example analyses (has 1)');
    expect(
      describeBlockingReason({
        code: 'criterion_failed',
        criterion: 'few_new_investigations',
        value: 3,
        threshold: '<= 1 in 14 d',
        limits: [1, 14],
      }),
    ).toBe('Allows at most 1 new investigation in the last 14 days (has 3)');
    expect(
      describeBlockingReason({
        code: 'criterion_failed',
        criterion: 'no_open_investigations',
        value: 1,
        threshold: '= 0',
        limits: [],
      }),
    ).toBe('1 investigation is still open');
    expect(
      describeBlockingReason({
        code: 'criterion_failed',
        criterion: 'oddity_rate_not_rising',
        value: 2.5,
        threshold: 'p >= 0.05 (p = 0.0062)',
        limits: [0.05],
      }),
    ).toBe('The oddity rate is rising: Laplace U = 2.5, significant (p below 0.05)');
    expect(
      describeBlockingReason({
        code: 'criterion_failed',
        criterion: 'oddity_rate_below_target',
        value: 1.13,
        threshold: '<= 1 a week at 90%',
        limits: [1, 90],
      }),
    ).toBe('The oddity rate may be as high as 1.13 a week (upper 90% bound), above the target of 1');
    expect(
      describeBlockingReason({
        code: 'criterion_failed',
        criterion: 'observed_long_enough',
        value: 0.3,
        threshold: '>= 4 weeks',
        limits: [4],
      }),
    ).toBe('Needs at least 4 weeks of observation in the phase (has 0.3)');
    expect(describeBlockingReason({ code: 'signoff_missing', role: 'product_lead' })).toBe(
      "Waiting for the product lead's sign-off",
    );
    expect(describeBlockingReason({ code: 'signoff_stale', role: 'product_lead' })).toBe(
      "The product lead's sign-off is stale: the evidence changed",
    );
    expect(describeBlockingReason({ code: 'signoff_rejected', role: 'ds_lead' })).toBe(
      'The data science lead rejected this gate',
    );
    expect(describeBlockingReason({ code: 'role_unfilled', role: 'sponsor' })).toBe('Nobody holds the sponsor role');
    expect(describeBlockingReason({ code: 'domain_on_hold' })).toBe('The domain is on hold');
  });

  it('has a sentence for every failed criterion', () => {
    for (const phase of PHASES) {
      const facts = passingFacts({
        problemStatements: 0,
        stakeholders: 0,
        openHighTicketsInPhase: 1,
        readyMetrics: 0,
        readyDatasets: 0,
        exampleAnalyses: 0,
        handoffSessionsDone: 0,
        openHighRequests: 1,
        untriagedInvestigations: 1,
        openHighInvestigations: 1,
        newInvestigationsInWindow: 9,
        openInvestigations: 1,
        weeksInPhase: 1,
        confidence: measured({
          upper: 3,
          trend: { status: 'ok', rising: true, statistic: 2.5, pValue: 0.0062, alpha: 0.05, weeks: 9 },
        }),
      });
      const gate = evaluateGate(openGateInput(phase, { facts }));
      expect(gate.blocking).toHaveLength(GATES[phase].criteria.length);
      for (const reason of gate.blocking) {
        const text = describeBlockingReason(reason);
        expect(text).toMatch(/^[A-Z0-9]/);
        expect(text).not.toMatch(/undefined|NaN/);
      }
    }
  });
});

describe('the workflow definition', () => {
  it('reaches every phase and the certified stage from specs by nextStage', () => {
    const seen: DomainStage[] = ['specs'];
    let stage: DomainStage = 'specs';
    while (stage !== 'certified') {
      const gate = gateFor(stage);
      if (!gate) throw new Error(`no gate out of ${stage}`);
      stage = nextStage(gate.from);
      expect(seen).not.toContain(stage);
      seen.push(stage);
    }
    expect(seen).toEqual([...DOMAIN_STAGES]);
  });

  it.each(PHASES)('the %s gate leads from its phase to the next known stage', (phase) => {
    const gate = GATES[phase];
    expect(gate.from).toBe(phase);
    expect(DOMAIN_STAGES).toContain(gate.to);
    expect(phaseIndex(gate.to)).toBe(phaseIndex(phase) + 1);
    expect(gate.criteria.length).toBeGreaterThan(0);
    for (const key of gate.criteria) expect(CRITERION_KEYS).toContain(key);
    for (const role of gate.requiredRoles) expect(DOMAIN_ROLES).toContain(role);
  });

  it('has no gate for an unknown phase and none after certification', () => {
    expect(Object.keys(GATES).sort()).toEqual([...PHASES].sort());
    expect(gateFor('certified')).toBeNull();
  });

  it('uses every criterion in exactly one gate, but the catalog-only ones for gate additions (few_new_investigations, dbt_tests_passing)', () => {
    const used = PHASES.flatMap((p) => [...GATES[p].criteria]);
    expect(new Set(used).size).toBe(used.length);
    expect([...used, 'few_new_investigations', 'dbt_tests_passing'].sort()).toEqual([...CRITERION_KEYS].sort());
  });

  it('labels and describes every stage and criterion', () => {
    for (const stage of DOMAIN_STAGES) {
      expect(PHASE_INFO[stage].label).not.toBe('');
      expect(PHASE_INFO[stage].description).not.toBe('');
    }
    expect(PHASE_INFO.handoff.label).toBe('Product hand-off');
    expect(PHASE_INFO.certified.label).toBe('Certified');
    for (const key of CRITERION_KEYS) expect(CRITERIA[key].label).not.toBe('');
  });

  it('recycles only to earlier phases', () => {
    expect(recycleTargets('specs')).toEqual([]);
    expect(recycleTargets('weirdness')).toEqual(['specs', 'scoping', 'handoff']);
    expect(recycleTargets('certified')).toEqual([...PHASES]);
    for (const stage of DOMAIN_STAGES) {
      for (const target of recycleTargets(stage)) expect(isEarlierPhase(target, stage)).toBe(true);
    }
  });

  it('allows weirdness reports from hand-off on', () => {
    const allowed = DOMAIN_STAGES.filter(canReportInvestigation);
    expect(allowed).toEqual(['handoff', 'weirdness', 'confidence', 'certified']);
  });
});

describe('investigation lifecycle', () => {
  it('names only known statuses', () => {
    expect(Object.keys(INVESTIGATION_TRANSITIONS).sort()).toEqual([...INVESTIGATION_STATUSES].sort());
    for (const targets of Object.values(INVESTIGATION_TRANSITIONS)) {
      for (const target of targets) expect(INVESTIGATION_STATUSES).toContain(target);
    }
    expect(INVESTIGATION_STATUSES).toContain(REOPEN_TARGET);
  });

  it('reaches every status from reported', () => {
    const seen = new Set<InvestigationStatus>(['reported']);
    const queue: InvestigationStatus[] = ['reported'];
    while (queue.length > 0) {
      const status = queue.shift() as InvestigationStatus;
      for (const move of allowedTransitions(status)) {
        const target = transitionTarget(move);
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    expect([...seen].sort()).toEqual([...INVESTIGATION_STATUSES].sort());
  });

  it('offers reopen only on closed investigations', () => {
    expect(allowedTransitions('reported')).toEqual(['triaged', 'dismissed']);
    expect(allowedTransitions('triaged')).toEqual(['investigating', 'resolved', 'dismissed']);
    expect(allowedTransitions('investigating')).toEqual(['resolved', 'dismissed']);
    expect(allowedTransitions('resolved')).toEqual(['reopened']);
    expect(allowedTransitions('dismissed')).toEqual(['reopened']);
    expect(canTransition('reported', 'resolved')).toBe(false);
    expect(canTransition('triaged', 'reopened')).toBe(false);
    expect(transitionTarget('reopened')).toBe('reported');
  });

  it('counts closed statuses as not open', () => {
    expect([...OPEN_INVESTIGATION_STATUSES].sort()).toEqual(['investigating', 'reported', 'triaged']);
  });

  it('requires a root cause and resolution to resolve, a reason to dismiss', () => {
    expect(missingTransitionFields({ to: 'resolved', rootCause: 'data_bug', resolution: ' ' })).toEqual(['resolution']);
    expect(missingTransitionFields({ to: 'dismissed' })).toEqual(['reason']);
    expect(missingTransitionFields({ to: 'triaged' })).toEqual([]);
  });

  it('flags untriaged investigations past their target', () => {
    expect(TRIAGE_TARGET_DAYS).toEqual({ critical: 1, high: 3, medium: 7, low: 14 });
    const reportedAt = new Date('2026-01-01T00:00:00.000Z');
    const twoDaysLater = new Date('2026-01-03T00:00:00.000Z');
    expect(isTriageOverdue('reported', 'critical', reportedAt, twoDaysLater)).toBe(true);
    expect(isTriageOverdue('reported', 'high', reportedAt, twoDaysLater)).toBe(false);
    expect(isTriageOverdue('triaged', 'critical', reportedAt, twoDaysLater)).toBe(false);
  });
});

describe('measured confidence criteria', () => {
  it('a domain that just entered weirdness, with nothing observed, does not pass', () => {
    const facts = passingFacts({ weeksInPhase: 0, confidence: null });
    const results = evaluateCriteria('weirdness', facts, DEFAULT_THRESHOLDS, []);
    expect(results.find((r) => r.key === 'observed_long_enough')).toMatchObject({ passed: false, value: 0 });
    expect(results.find((r) => r.key === 'oddity_rate_below_target')).toMatchObject({ passed: false });
  });

  it('shows the rate, its bound and the target, and reads tuned numbers', () => {
    const facts = passingFacts({ weeksInPhase: 2.5, confidence: measured({ rate: 0.43, upper: 1.12 }) });
    const thresholds = mergeThresholds(DEFAULT_THRESHOLDS, { minObservedWeeks: 2, targetOddityRate: 1.5 });
    const results = evaluateCriteria('weirdness', facts, thresholds, []);
    expect(results.find((r) => r.key === 'oddity_rate_below_target')).toMatchObject({
      passed: true,
      detail: '0.4 a week, at most 1.1 at 90%; target 1.5',
    });
    expect(results.find((r) => r.key === 'observed_long_enough')).toMatchObject({ passed: true, value: 2.5 });
  });

  it('too few oddities to test a trend do not count as rising', () => {
    const facts = passingFacts({
      confidence: measured({ trend: { status: 'insufficient', reason: '1 oddity in the tested weeks' } }),
    });
    const [, rising] = evaluateCriteria('confidence', facts, DEFAULT_THRESHOLDS, []);
    expect(rising).toMatchObject({ key: 'oddity_rate_not_rising', passed: true });
    expect(rising.detail).toContain('not enough data');
  });
});

describe('formatPValue', () => {
  it('keeps two significant digits and says "< 0.0001" below that', () => {
    expect(formatPValue(0.0062)).toBe('= 0.0062');
    expect(formatPValue(0.21345)).toBe('= 0.21');
    expect(formatPValue(0.0000038)).toBe('< 0.0001');
  });
});
