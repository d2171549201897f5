import type { EntityManager } from 'typeorm';
import type {
  ConfidenceAssessment,
  ConfidenceSummary,
  DomainConfidenceView,
  PhaseMarker,
  SeverityWeights,
  UpdateSeverityWeightsRequest,
} from '../../../shared/api/confidence';
import { SEVERITIES } from '../../../shared/api/enums';
import type { DomainStage } from '../../../shared/api/enums';
import { assessConfidence, DEFAULT_SEVERITY_WEIGHTS, isoWeekLabel } from '../../../shared/confidence';
import type { ConfidenceInvestigation } from '../../../shared/confidence';
import { canReportInvestigation, PHASE_INFO } from '../../../shared/workflow/definition';
import { formatPValue } from '../../../shared/workflow/evaluate';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import { findDomain, lockDomainById } from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { Setting } from '../settings/setting.entity';
import { effectiveThresholds, globalThresholdOverrides } from '../settings/settings.service';
import { recheckSignOffs } from '../gates/staleness';
import { markAtRisk } from '../weirdness/at-risk';
import { DomainConfidence } from './domain-confidence.entity';

/** The admin's severity weights (setting row), layered over the model's defaults. */
export const SEVERITY_WEIGHTS_SETTING = 'severity_weights';

/** Phases before weirdness: a recycle into one of them restarts the series. */
const BEFORE_WEIRDNESS: readonly DomainStage[] = ['specs', 'scoping', 'handoff'];

/** The stored weights over the defaults; anything but a finite number ≥ 0 is ignored. */
export function severityWeightsFrom(value: unknown): SeverityWeights {
  const stored = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const weights = { ...DEFAULT_SEVERITY_WEIGHTS };
  for (const severity of SEVERITIES) {
    const weight = stored[severity];
    if (typeof weight === 'number' && Number.isFinite(weight) && weight >= 0) weights[severity] = weight;
  }
  return weights;
}

export async function loadSeverityWeights(tx: EntityManager): Promise<SeverityWeights> {
  const row = await tx.findOneBy(Setting, { key: SEVERITY_WEIGHTS_SETTING });
  return severityWeightsFrom(row?.value);
}

/**
 * PUT /settings/severity-weights: layers the given severities over the stored weights, audited.
 * Stored assessments take the new weights at their next recompute (a change of the domain's
 * investigations, or the nightly refit).
 */
export async function updateSeverityWeights(
  deps: AppDeps,
  actor: Actor,
  input: UpdateSeverityWeightsRequest,
): Promise<SeverityWeights> {
  return deps.dataSource.transaction(async (tx) => {
    // Serializes concurrent edits: each layers its keys over what the previous one stored.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SEVERITY_WEIGHTS_SETTING]);
    const before = await loadSeverityWeights(tx);
    const after = { ...before };
    for (const severity of SEVERITIES) {
      const weight = input[severity];
      if (typeof weight === 'number') after[severity] = weight;
    }
    await tx.upsert(Setting, { key: SEVERITY_WEIGHTS_SETTING, value: after }, ['key']);
    await recordAudit(tx, actor, {
      action: 'setting.update',
      entityType: 'setting',
      entityId: SEVERITY_WEIGHTS_SETTING,
      before,
      after,
    });
    return after;
  });
}

/** A change of stage on the domain's timeline (the audit log). */
export interface StageEvent {
  at: Date;
  action: 'domain.advance' | 'domain.recycle' | 'domain.reconfirm';
  to: DomainStage | null;
}

export async function stageEvents(tx: EntityManager, domainId: string): Promise<StageEvent[]> {
  const rows: { at: Date; action: StageEvent['action']; to: DomainStage | null }[] = await tx.query(
    `SELECT at, action, after->>'stage' AS "to" FROM audit_event
      WHERE domain_id = $1 AND action IN ('domain.advance', 'domain.recycle', 'domain.reconfirm')
      ORDER BY id`,
    [domainId],
  );
  return rows.map((row) => ({ at: new Date(row.at), action: row.action, to: row.to }));
}

/**
 * Where the series starts: the last entry into hand-off or the last recycle into a phase before
 * weirdness, whichever is later. A domain that holds investigations but no such event (written
 * before events were kept, or by hand) starts at its creation or its first report, whichever is
 * earlier. Null before hand-off: nothing is observed yet.
 */
export function confidenceStart(
  domain: Pick<Domain, 'stage' | 'createdAt'>,
  events: readonly StageEvent[],
  firstReportedAt: Date | null,
): Date | null {
  if (!canReportInvestigation(domain.stage)) return null;
  const starts = events.filter(
    (event) =>
      (event.action === 'domain.advance' && event.to === 'handoff') ||
      (event.action === 'domain.recycle' && event.to !== null && BEFORE_WEIRDNESS.includes(event.to)),
  );
  const last = starts.at(-1);
  if (last) return last.at;
  const created = domain.createdAt.getTime();
  return new Date(firstReportedAt ? Math.min(created, firstReportedAt.getTime()) : created);
}

/** The stage changes since `start` as chart markers. */
export function phaseMarkers(events: readonly StageEvent[], start: Date | null): PhaseMarker[] {
  const from = start?.getTime() ?? -Infinity;
  return events
    .filter((event) => event.at.getTime() >= from && event.to !== null)
    .map((event): PhaseMarker => {
      const stage = event.to!;
      const kind: PhaseMarker['kind'] =
        event.action === 'domain.recycle'
          ? 'recycle'
          : stage === 'certified'
            ? 'certified'
            : stage === 'handoff'
              ? 'handoff'
              : 'phase';
      const label =
        event.action === 'domain.reconfirm'
          ? 'Re-confirmed'
          : kind === 'recycle'
            ? `Sent back to ${PHASE_INFO[stage].label}`
            : kind === 'certified'
              ? 'Certified'
              : kind === 'handoff'
                ? 'Hand-off'
                : PHASE_INFO[stage].label;
      return { at: event.at.toISOString(), week: isoWeekLabel(event.at.getTime()), kind, stage, label };
    });
}

/**
 * The end of the observed span: the model counts [start, now), so one millisecond past `now` counts
 * an investigation reported in this very transaction, and a series that starts now (a recycle) has
 * a span to divide by (its bound is then enormous: nothing is known yet).
 */
export function observedUntil(start: Date, now: Date): Date {
  return new Date(Math.max(now.getTime(), start.getTime()) + 1);
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** What gates and cards read: the numbers without the weekly series. */
export function summarize(assessment: ConfidenceAssessment, computedAt: Date): ConfidenceSummary {
  const { rate, trend, fit, forecast } = assessment;
  return {
    computedAt: computedAt.toISOString(),
    start: assessment.start,
    observedWeeks: assessment.observedWeeks,
    events: assessment.events,
    rate: finite(rate.rate),
    lower: finite(rate.lower),
    upper: finite(rate.upper),
    level: rate.level,
    windowWeeks: assessment.options.windowWeeks,
    target: assessment.options.target,
    trend:
      trend.status === 'ok'
        ? {
            status: 'ok',
            rising: trend.rising,
            statistic: trend.statistic,
            pValue: trend.pValue,
            alpha: trend.alpha,
            weeks: trend.weeks,
          }
        : trend,
    forecast:
      forecast.status === 'ok'
        ? {
            status: 'ok',
            date: forecast.date,
            week: forecast.week,
            weeksFromNow: forecast.weeksFromNow,
            reached: forecast.reached,
            earliest: forecast.earliest.date,
            latest: forecast.latest?.date ?? null,
          }
        : forecast,
    remaining:
      fit.status === 'ok'
        ? { estimate: fit.remaining, low: fit.remainingRange.low, high: fit.remainingRange.high }
        : null,
  };
}

/**
 * Recomputes and stores one domain's assessment from its investigations (the ones dismissed as
 * duplicates left out), with the admin's severity weights and the domain's target. The caller
 * holds the domain row lock (or is the nightly job, which takes it). A domain not yet handed off
 * has no row.
 */
export async function recomputeConfidence(
  tx: EntityManager,
  domain: Domain,
  now: Date,
): Promise<DomainConfidence | null> {
  const rows: { reportedAt: Date; severity: ConfidenceInvestigation['severity']; duplicate: boolean; byMonitor: boolean }[] =
    await tx.query(
      `SELECT reported_at AS "reportedAt", severity, (status = 'dismissed' AND duplicate_of IS NOT NULL) AS duplicate,
              monitor_id IS NOT NULL AS "byMonitor"
         FROM investigation WHERE domain_id = $1 ORDER BY reported_at, id`,
      [domain.id],
    );
  const investigations: ConfidenceInvestigation[] = rows.map((row) => ({
    reportedAt: new Date(row.reportedAt),
    severity: row.severity,
    duplicate: row.duplicate,
    byMonitor: row.byMonitor,
  }));
  const start = confidenceStart(
    domain,
    await stageEvents(tx, domain.id),
    rows[0] ? new Date(rows[0].reportedAt) : null,
  );
  if (!start) {
    await tx.delete(DomainConfidence, { domainId: domain.id });
    return null;
  }
  const [weights, global] = await Promise.all([loadSeverityWeights(tx), globalThresholdOverrides(tx)]);
  const thresholds = effectiveThresholds(global, domain);
  const assessment = assessConfidence({
    investigations,
    start,
    now: observedUntil(start, now),
    options: { weights, target: thresholds.targetOddityRate },
  });
  const row: DomainConfidence = tx.create(DomainConfidence, {
    domainId: domain.id,
    assessment,
    summary: summarize(assessment, now),
    computedAt: now,
  });
  await tx.upsert(DomainConfidence, row, ['domainId']);
  return row;
}

function describeTrend(summary: ConfidenceSummary): string | null {
  const trend = summary.trend;
  if (trend.status !== 'ok' || !trend.rising) return null;
  return `Oddity rate rising: Laplace U = ${Math.round(trend.statistic * 100) / 100}, p ${formatPValue(trend.pValue)} over ${Math.round(trend.weeks)} weeks since hand-off`;
}

/**
 * After the domain's investigations changed: recompute its confidence, and a certified domain
 * whose oddity rate now rises significantly (Laplace test) goes at risk. The caller holds the lock.
 */
export async function refreshConfidence(
  tx: EntityManager,
  actor: Actor | null,
  domain: Domain,
  now: Date,
): Promise<DomainConfidence | null> {
  const row = await recomputeConfidence(tx, domain, now);
  const rising = row && describeTrend(row.summary);
  if (rising && domain.stage === 'certified') await markAtRisk(tx, actor, domain, rising, now);
  return row;
}

export interface RefitResult {
  domains: number;
  measured: number;
  atRisk: number;
}

/**
 * The nightly refit: every domain, one short transaction each under its row lock (so a refit never
 * overwrites a fresher one written by a concurrent change), oldest computation first.
 */
export async function refitAllDomains(deps: AppDeps): Promise<RefitResult> {
  const ids: { id: string }[] = await deps.dataSource.query(
    `SELECT d.id FROM domain d LEFT JOIN domain_confidence c ON c.domain_id = d.id
      ORDER BY c.computed_at NULLS FIRST, d.id`,
  );
  const result: RefitResult = { domains: ids.length, measured: 0, atRisk: 0 };
  for (const { id } of ids) {
    await deps.dataSource.transaction(async (tx) => {
      const domain = await lockDomainById(tx, id).catch(() => null);
      if (!domain) return;
      const wasAtRisk = domain.atRisk;
      const now = deps.now();
      const row = await refreshConfidence(tx, null, domain, now);
      // a quiet week can flip the rate criterion: what signers saw no longer holds
      await recheckSignOffs(tx, null, domain, now);
      if (row) result.measured++;
      if (!wasAtRisk && domain.atRisk) result.atRisk++;
    });
  }
  return result;
}

/** GET /domains/:key/confidence: the stored assessment and the phase markers since its start. */
export async function domainConfidence(deps: AppDeps, key: string): Promise<DomainConfidenceView> {
  const em = deps.dataSource.manager;
  const domain = await findDomain(em, key);
  const [row, events] = await Promise.all([
    em.findOneBy(DomainConfidence, { domainId: domain.id }),
    stageEvents(em, domain.id),
  ]);
  if (!row) {
    return {
      domainKey: domain.key,
      status: 'not_started',
      reason: canReportInvestigation(domain.stage)
        ? 'Not computed yet: it is computed when an investigation changes and every night.'
        : `Nothing is measured before hand-off; ${domain.key} is in ${PHASE_INFO[domain.stage].label.toLowerCase()}.`,
      markers: phaseMarkers(events, null),
    };
  }
  return {
    ...row.assessment,
    domainKey: domain.key,
    status: 'measured',
    computedAt: new Date(row.computedAt).toISOString(),
    markers: phaseMarkers(events, new Date(row.assessment.start)),
  };
}
