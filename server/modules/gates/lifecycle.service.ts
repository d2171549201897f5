import { IsNull, type EntityManager } from 'typeorm';
import type { AuditAction } from '../../../shared/api/audit';
import type { DomainView, WaiverView } from '../../../shared/api/domains';
import type { DomainStage, Phase } from '../../../shared/api/enums';
import { GATES, PHASE_INFO, isPhase, nextStage, recycleTargets } from '../../../shared/workflow/definition';
import { criterionOutcomes } from '../../../shared/workflow/evaluate';
import type { CriterionKey } from '../../../shared/workflow/types';
import { AppError, badRequest, conflict, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import { recomputeConfidence } from '../confidence/confidence.service';
import {
  assertAdmin,
  assertLead,
  domainPermissions,
  domainRolesOf,
  lockDomain,
  touchDomain,
  type DomainPermissions,
} from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { domainViewIn } from '../domains/domains.service';
import { loadGateState, type GateState } from './gate-state';
import { recordClockDrift } from './certification.service';
import { presentWaiver } from './gates.presenter';
import { nextRound, requestSignOffs } from './rounds';
import { resolveDomainEntries, syncSignOffRequests } from './signoff-requests';
import { onDomainCertified } from './trust-news';
import { Waiver } from './waiver.entity';

/** Locks the domain row and reads the caller's permissions in it: the start of every lifecycle action. */
async function lockForAction(
  tx: EntityManager,
  actor: Actor,
  key: string,
): Promise<{ domain: Domain; permissions: DomainPermissions }> {
  const domain = await lockDomain(tx, key);
  const permissions = domainPermissions(actor, await domainRolesOf(tx, domain.id, actor.user.id));
  return { domain, permissions };
}

function certifiedConflict(domain: Domain): AppError {
  return conflict('invalid_transition', `${domain.key} is certified: there is no gate left to pass.`);
}

/**
 * Moves a domain whose gate is open to its next stage and starts the next gate's round. The caller
 * holds the domain row lock and has just evaluated the gate as open.
 */
export async function moveToNextStage(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  state: GateState,
  now: Date,
  auto: boolean,
): Promise<void> {
  const from = domain.stage as Phase;
  const before = { stage: from, round: domain.gateRound };
  const to = nextStage(from);
  await enterStage(tx, domain, to, now, to === 'certified');
  await recordAudit(tx, actor, {
    action: 'domain.advance',
    entityType: 'domain',
    entityId: domain.id,
    domainId: domain.id,
    before,
    after: { stage: to, round: domain.gateRound, auto, outcomes: criterionOutcomes(state.evaluation.criteria) },
  });
  // Entering hand-off starts the oddity series: measure from there.
  await recomputeConfidence(tx, domain, now);
  await requestSignOffs(tx, actor, domain, now);
  await syncSignOffRequests(tx, domain, now);
  if (to === 'certified') await onDomainCertified(tx, actor, domain, now);
}

/** The domain is no longer at risk: the alarm, its acknowledgement and note end together. */
export function clearRiskState(domain: Domain): void {
  domain.atRisk = false;
  domain.atRiskReason = null;
  domain.riskAcknowledgedAt = null;
  domain.riskAcknowledgedBy = null;
  domain.riskNote = null;
}

/** Puts the domain in a stage with a fresh gate round (advance and recycle both land here). */
async function enterStage(
  tx: EntityManager,
  domain: Domain,
  stage: DomainStage,
  now: Date,
  clearRisk: boolean,
): Promise<void> {
  domain.stage = stage;
  domain.phaseEnteredAt = now;
  domain.lastActivityAt = now;
  domain.gateRound = isPhase(stage) ? await nextRound(tx, domain.id, stage) : 1;
  if (stage === 'certified') {
    domain.certifiedAt = now;
    domain.reviewRequestedAt = null;
  }
  if (clearRisk) clearRiskState(domain);
  await tx.save(domain);
}

interface ActionScope {
  tx: EntityManager;
  domain: Domain;
  now: Date;
}

/**
 * The frame of every lifecycle action: one transaction that locks the domain row, checks the
 * caller's authority in it (a lead, or an admin only), then runs the action.
 */
async function lifecycleAction<T>(
  deps: AppDeps,
  actor: Actor,
  key: string,
  authority: 'lead' | 'admin',
  action: (scope: ActionScope) => Promise<T>,
): Promise<T> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const { domain, permissions } = await lockForAction(tx, actor, key);
    if (authority === 'admin') assertAdmin(permissions);
    else assertLead(permissions);
    return action({ tx, domain, now });
  });
}

interface DomainChange {
  action: AuditAction;
  before: unknown;
  after: unknown;
  /** work that reads the audit event just written (the oddity series starts at a recycle) */
  afterAudit?: () => Promise<void>;
}

/** A lifecycle action that changes the domain itself: frame, change, its audit event, the new view. */
function changeDomain(
  deps: AppDeps,
  actor: Actor,
  key: string,
  change: (scope: ActionScope) => Promise<DomainChange>,
): Promise<DomainView> {
  return lifecycleAction(deps, actor, key, 'lead', async (scope) => {
    const { action, before, after, afterAudit } = await change(scope);
    const { tx, domain, now } = scope;
    await recordAudit(tx, actor, {
      action,
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      before,
      after,
    });
    await afterAudit?.();
    return domainViewIn(tx, domain, actor, now);
  });
}

/** Advance through an open gate; 409 with the blocking reasons otherwise. */
export async function advanceDomain(deps: AppDeps, actor: Actor, key: string): Promise<DomainView> {
  // Drift the clock caused is recorded on its own first: it must stay recorded when the advance fails.
  await recordClockDrift(deps, null, key);
  return lifecycleAction(deps, actor, key, 'lead', async ({ tx, domain, now }) => {
    if (!isPhase(domain.stage)) throw certifiedConflict(domain);
    if (domain.held)
      throw conflict('domain_on_hold', `${domain.key} is on hold: ${domain.holdReason ?? 'no reason given'}.`);
    // Evaluated again under the row lock: of concurrent attempts, only the first sees an open gate.
    const state = await loadGateState(tx, domain, now);
    if (!state.evaluation.open) {
      throw conflict('gate_blocked', `The ${PHASE_INFO[domain.stage].label} gate of ${domain.key} is not open.`, {
        blocking: state.evaluation.blocking,
      });
    }
    // moveToNextStage writes the advance's audit event itself: auto-advance uses it too.
    await moveToNextStage(tx, actor, domain, state, now, false);
    return domainViewIn(tx, domain, actor, now);
  });
}

export function recycleDomain(
  deps: AppDeps,
  actor: Actor,
  key: string,
  toPhase: Phase,
  reason: string,
): Promise<DomainView> {
  return changeDomain(deps, actor, key, async ({ tx, domain, now }): Promise<DomainChange> => {
    const allowed = recycleTargets(domain.stage);
    if (!allowed.includes(toPhase)) {
      throw conflict(
        'invalid_transition',
        `${domain.key} (${domain.stage}) can only be sent back to an earlier phase.`,
        { allowed },
      );
    }
    const before = { stage: domain.stage, round: domain.gateRound, atRisk: domain.atRisk };
    await enterStage(tx, domain, toPhase, now, true);
    return {
      action: 'domain.recycle',
      before,
      after: { stage: toPhase, round: domain.gateRound, atRisk: false, reason },
      afterAudit: async () => {
        // A recycle into a phase before weirdness restarts the oddity series.
        await recomputeConfidence(tx, domain, now);
        await requestSignOffs(tx, actor, domain, now);
        await syncSignOffRequests(tx, domain, now);
        if (before.atRisk) await resolveDomainEntries(tx, domain.id, ['domain_at_risk'], 'moved_on', now);
      },
    };
  });
}

export function holdDomain(deps: AppDeps, actor: Actor, key: string, reason: string): Promise<DomainView> {
  return changeDomain(deps, actor, key, async ({ tx, domain, now }): Promise<DomainChange> => {
    if (!isPhase(domain.stage)) throw certifiedConflict(domain);
    if (domain.held) throw conflict('conflict', `${domain.key} is already on hold.`);
    domain.held = true;
    domain.holdReason = reason;
    domain.lastActivityAt = now;
    await tx.save(domain);
    return { action: 'domain.hold', before: { held: false }, after: { held: true, reason } };
  });
}

export function resumeDomain(
  deps: AppDeps,
  actor: Actor,
  key: string,
  reason: string | undefined,
): Promise<DomainView> {
  return changeDomain(deps, actor, key, async ({ tx, domain, now }): Promise<DomainChange> => {
    if (!domain.held) throw conflict('conflict', `${domain.key} is not on hold.`);
    const before = { held: true, reason: domain.holdReason };
    domain.held = false;
    domain.holdReason = null;
    domain.lastActivityAt = now;
    await tx.save(domain);
    return { action: 'domain.resume', before, after: { held: false, reason: reason ?? null } };
  });
}

/** An admin waives a criterion of the current gate, with the reason recorded. */
export async function waiveCriterion(
  deps: AppDeps,
  actor: Actor,
  key: string,
  criterion: string,
  reason: string,
): Promise<WaiverView> {
  return lifecycleAction(deps, actor, key, 'admin', async ({ tx, domain, now }) => {
    if (!isPhase(domain.stage)) throw certifiedConflict(domain);
    const gateCriteria: readonly string[] = GATES[domain.stage].criteria;
    if (!gateCriteria.includes(criterion)) {
      throw badRequest('criterion', `is not a criterion of the ${domain.stage} gate (${gateCriteria.join(', ')})`);
    }
    if (await tx.existsBy(Waiver, { domainId: domain.id, phase: domain.stage, criterion, revokedAt: IsNull() })) {
      throw conflict('conflict', `${criterion} is already waived for this gate.`);
    }
    const waiver = await tx.save(
      tx.create(Waiver, {
        domainId: domain.id,
        phase: domain.stage,
        criterion,
        reason,
        userId: actor.user.id,
        createdAt: now,
      }),
    );
    await touchDomain(tx, domain.id, now);
    await recordAudit(tx, actor, {
      action: 'waiver.create',
      entityType: 'waiver',
      entityId: waiver.id,
      domainId: domain.id,
      after: { phase: domain.stage, criterion, reason },
    });
    return presentWaiver({
      ...waiver,
      criterion: waiver.criterion as CriterionKey,
      userName: actor.user.name,
      userEmail: actor.user.email,
      revokedAt: null,
    });
  });
}

export async function revokeWaiver(deps: AppDeps, actor: Actor, key: string, waiverId: string): Promise<void> {
  await lifecycleAction(deps, actor, key, 'admin', async ({ tx, domain, now }) => {
    const waiver = await tx.findOneBy(Waiver, { id: waiverId, domainId: domain.id });
    if (!waiver) throw notFound('Waiver');
    if (waiver.revokedAt) return;
    waiver.revokedAt = now;
    await tx.save(waiver);
    await recordAudit(tx, actor, {
      action: 'waiver.revoke',
      entityType: 'waiver',
      entityId: waiver.id,
      domainId: domain.id,
      before: { phase: waiver.phase, criterion: waiver.criterion, reason: waiver.reason },
      after: { revokedAt: now.toISOString() },
    });
  });
}
