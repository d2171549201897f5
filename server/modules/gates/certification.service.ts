import type { EntityManager } from 'typeorm';
import type { DomainView } from '../../../shared/api/domains';
import { CERTIFICATION_REVIEW_NOTICE_DAYS, RECONFIRM_CRITERIA, isPhase } from '../../../shared/workflow/definition';
import { criterionBlock, isCriterionSatisfied, measureCriterion } from '../../../shared/workflow/evaluate';
import { conflict, forbidden } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import {
  assertLead,
  canReconfirm,
  domainPermissions,
  domainRolesOf,
  lockDomain,
  lockDomainById,
} from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { domainViewIn } from '../domains/domains.service';
import { notify } from '../inbox/notify';
import { leadIdsOf, markAtRisk } from '../weirdness/at-risk';
import { captureEvidence } from './evidence';
import { loadGateState, reviewDueAt } from './gate-state';
import { clearRiskState } from './lifecycle.service';
import { SignOff } from './sign-off.entity';
import { resolveDomainEntries, syncSignOffRequests } from './signoff-requests';
import { recheckSignOffs } from './staleness';
import { onDomainRecovered } from './trust-news';

const DAY_MS = 86_400_000;

/** A lead takes on a certified domain's at-risk alarm: who owns it and what they will do. */
export async function acknowledgeRisk(deps: AppDeps, actor: Actor, key: string, note: string): Promise<DomainView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    assertLead(domainPermissions(actor, await domainRolesOf(tx, domain.id, actor.user.id)));
    if (domain.stage !== 'certified' || !domain.atRisk)
      throw conflict('not_at_risk', `${domain.key} is not at risk: there is nothing to acknowledge.`);
    if (domain.riskAcknowledgedAt) throw conflict('conflict', `${domain.key}'s risk was already acknowledged.`);
    domain.riskAcknowledgedAt = now;
    domain.riskAcknowledgedBy = actor.user.id;
    domain.riskNote = note;
    domain.lastActivityAt = now;
    await tx.save(domain);
    await recordAudit(tx, actor, {
      action: 'domain.risk_acknowledge',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      before: { atRisk: true, atRiskReason: domain.atRiskReason, acknowledged: false },
      after: { atRisk: true, atRiskReason: domain.atRiskReason, acknowledged: true, note },
    });
    return domainViewIn(tx, domain, actor, now);
  });
}

/**
 * The ds_lead re-confirms a certified domain: its periodic review, or the end of an at-risk alarm
 * that a lead acknowledged. The causes must be gone (RECONFIRM_CRITERIA pass), and the decision is
 * a sign-off with a frozen evidence snapshot like any gate's. The review clock starts again.
 */
export async function reconfirmCertification(
  deps: AppDeps,
  actor: Actor,
  key: string,
  comment: string,
): Promise<DomainView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    const roles = await domainRolesOf(tx, domain.id, actor.user.id);
    const permissions = domainPermissions(actor, roles);
    if (!roles.includes('ds_lead') || !permissions.contribute)
      throw forbidden(`Only the data science lead of ${domain.key} may re-confirm its certification.`);
    if (domain.stage !== 'certified')
      throw conflict('invalid_transition', `${domain.key} is not certified: pass its gates instead.`);
    if (!canReconfirm(domain, permissions, roles))
      throw conflict(
        'risk_not_acknowledged',
        `A lead must acknowledge ${domain.key}'s risk before it is re-confirmed.`,
      );
    const state = await loadGateState(tx, domain, now);
    const criteria = RECONFIRM_CRITERIA.map((criterion) => measureCriterion(criterion, state.facts, state.thresholds));
    const failing = criteria.filter((c) => !isCriterionSatisfied(c));
    if (failing.length) {
      throw conflict('gate_blocked', `${domain.key}'s causes of risk are not resolved yet.`, {
        blocking: failing.map(criterionBlock),
      });
    }
    const evidence = await captureEvidence(tx, state, now, criteria);
    const [{ round }] = await tx.query(
      `SELECT COALESCE(max(round), 0)::int + 1 AS round FROM sign_off WHERE domain_id = $1 AND phase = 'certified'`,
      [domain.id],
    );
    const signOff = await tx.save(
      tx.create(SignOff, {
        domainId: domain.id,
        phase: 'certified',
        round: Number(round),
        role: 'ds_lead',
        userId: actor.user.id,
        decision: 'approve',
        comment,
        evidence,
        createdAt: now,
      }),
    );
    const before = {
      atRisk: domain.atRisk,
      atRiskReason: domain.atRiskReason,
      riskNote: domain.riskNote,
      certifiedAt: domain.certifiedAt?.toISOString() ?? null,
    };
    clearRiskState(domain);
    domain.certifiedAt = now;
    domain.reviewRequestedAt = null;
    domain.lastActivityAt = now;
    await tx.save(domain);
    await recordAudit(tx, actor, {
      action: 'domain.reconfirm',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      before,
      after: { atRisk: false, certifiedAt: now.toISOString(), signOffId: signOff.id, comment },
    });
    await resolveDomainEntries(tx, domain.id, ['certification_review_due'], 'signed', now);
    if (before.atRisk) await onDomainRecovered(tx, actor, domain, now);
    return domainViewIn(tx, domain, actor, now);
  });
}

/** One certified domain's review clock: ask the leads when due soon, put it at risk when overdue. */
async function checkCertificationReview(
  tx: EntityManager,
  domain: Domain,
  now: Date,
): Promise<'requested' | 'overdue' | null> {
  const state = await loadGateState(tx, domain, now);
  const due = reviewDueAt(state);
  if (!due) return null;
  if (now.getTime() > due.getTime()) {
    const marked = await markAtRisk(
      tx,
      null,
      domain,
      `Certification review overdue since ${due.toISOString().slice(0, 10)}`,
      now,
    );
    return marked ? 'overdue' : null;
  }
  if (domain.reviewRequestedAt || now.getTime() < due.getTime() - CERTIFICATION_REVIEW_NOTICE_DAYS * DAY_MS)
    return null;
  await tx.query(`UPDATE "domain" SET review_requested_at = $2 WHERE id = $1`, [domain.id, now]);
  domain.reviewRequestedAt = now;
  await recordAudit(tx, null, {
    action: 'domain.review_requested',
    entityType: 'domain',
    entityId: domain.id,
    domainId: domain.id,
    after: { reviewDueAt: due.toISOString() },
  });
  await notify(tx, await leadIdsOf(tx, domain.id), {
    kind: 'certification_review_due',
    domainId: domain.id,
    entityType: 'domain',
    entityId: domain.key,
    at: now,
    message: `${domain.key}'s certification is due for review by ${due.toISOString().slice(0, 10)}: the data science lead re-confirms it, or a lead recycles it.`,
  });
  return 'requested';
}

export interface SweepResult {
  /** domains whose gate was rechecked */
  rechecked: number;
  /** users asked again because their sign-off went stale */
  staleSigners: number;
  reviewsRequested: number;
  overdue: number;
}

/**
 * The scheduled sweep (pg-boss job `gate-sweep`, and callable directly): records staleness that
 * the clock caused (windowed criteria flip with no change to any row), and runs the certification
 * review clock. Each domain is handled in its own transaction under its row lock.
 */
export async function sweepGates(deps: AppDeps): Promise<SweepResult> {
  const now = deps.now();
  const result: SweepResult = { rechecked: 0, staleSigners: 0, reviewsRequested: 0, overdue: 0 };
  const inRounds: { id: string }[] = await deps.dataSource.query(
    `SELECT DISTINCT d.id FROM domain d JOIN sign_off s
        ON s.domain_id = d.id AND s.phase = d.stage AND s.round = d.gate_round AND s.stale_at IS NULL AND s.superseded_at IS NULL`,
  );
  for (const { id } of inRounds) {
    await deps.dataSource.transaction(async (tx) => {
      const domain = await lockDomainById(tx, id);
      if (!isPhase(domain.stage)) return;
      result.rechecked++;
      result.staleSigners += (await recheckSignOffs(tx, null, domain, now)).length;
    });
  }
  // The inbox follows the gates even where no change asked (drift, entries from before this rule).
  const inPhase: { id: string }[] = await deps.dataSource.query(`SELECT id FROM domain WHERE stage <> 'certified'`);
  for (const { id } of inPhase) {
    await deps.dataSource.transaction(async (tx) => syncSignOffRequests(tx, await lockDomainById(tx, id), now));
  }
  const certified: { id: string }[] = await deps.dataSource.query(
    `SELECT id FROM domain WHERE stage = 'certified' ORDER BY key`,
  );
  for (const { id } of certified) {
    await deps.dataSource.transaction(async (tx) => {
      const domain = await lockDomainById(tx, id);
      const outcome = await checkCertificationReview(tx, domain, now);
      if (outcome === 'requested') result.reviewsRequested++;
      if (outcome === 'overdue') result.overdue++;
    });
  }
  return result;
}

/**
 * Records drift that no change recorded yet (a windowed criterion flipped as the clock moved), in
 * its own transaction so it stays recorded even when the caller's action then fails.
 */
export async function recordClockDrift(deps: AppDeps, actor: Actor | null, key: string): Promise<void> {
  await deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    await recheckSignOffs(tx, actor, domain, deps.now());
  });
}
