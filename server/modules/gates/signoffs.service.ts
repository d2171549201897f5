import type { SignOffView } from '../../../shared/api/domains';
import type { DomainRole } from '../../../shared/api/enums';
import { DOMAIN_ROLE_LABELS, isPhase } from '../../../shared/workflow/definition';
import { badRequest, conflict, forbidden } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import { lockDomain, touchDomain } from '../domains/domain-access';
import { captureEvidence } from './evidence';
import { findSignOff, heldRoles, isCurrentDecision, loadGateState, rolesFilledBy, type GateState } from './gate-state';
import { presentSignOff } from './gates.presenter';
import { moveToNextStage } from './lifecycle.service';
import { openRound } from './rounds';
import { SignOff } from './sign-off.entity';
import type { SignOffDto } from './gates.dto';

/**
 * Which role the caller signs as. 403 unless they hold a required role of this gate; 409 when
 * they already fill another role of this round; 400 when they hold several and named none.
 */
function chooseRole(state: GateState, actor: Actor, requested: DomainRole | undefined): DomainRole {
  const phase = state.domain.stage;
  const required = state.evaluation.requiredRoles;
  const held = heldRoles(state, actor.user.id);
  const filled = rolesFilledBy(state, actor.user.id);
  const candidates = required.filter((role) => held.includes(role));
  if (requested) {
    if (!required.includes(requested)) {
      throw forbidden(`The ${phase} gate does not ask for a ${DOMAIN_ROLE_LABELS[requested]} sign-off.`);
    }
    if (!held.includes(requested)) throw forbidden(`You do not hold the ${DOMAIN_ROLE_LABELS[requested]} role here.`);
  } else if (!candidates.length) {
    throw forbidden(`You hold none of the roles the ${phase} gate needs (${required.join(', ')}).`);
  }
  // Unnamed: the role they already sign this round, else their only candidate.
  const role =
    requested ?? filled.find((r) => candidates.includes(r)) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!role)
    throw badRequest(
      'role',
      `you hold several roles of this gate (${candidates.join(', ')}): name the one you sign as`,
    );
  const other = filled.find((r) => r !== role);
  if (other) {
    throw conflict(
      'role_already_signed',
      `You already signed this round as ${DOMAIN_ROLE_LABELS[other]}; one person fills one role per round.`,
      {
        role: other,
      },
    );
  }
  return role;
}

/**
 * Records a sign-off on the current gate round with its frozen evidence, under the domain row lock
 * so concurrent sign-offs are serialized. A new decision for a role supersedes the previous one of
 * that role in this round. With auto-advance on, an approval that opens the gate advances at once.
 */
export async function signOff(deps: AppDeps, actor: Actor, key: string, input: SignOffDto): Promise<SignOffView> {
  const now = deps.now();
  const comment = input.comment?.trim() ?? '';
  if (input.decision === 'reject' && !comment) throw badRequest('comment', 'a rejection must say why');
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    if (!isPhase(domain.stage))
      throw conflict('invalid_transition', `${domain.key} is certified: there is no gate to sign.`);
    // A round opened before rounds were recorded has its requirements fixed at its first sign-off.
    await openRound(tx, domain, now);
    const state = await loadGateState(tx, domain, now);
    const role = chooseRole(state, actor, input.role);
    const evidence = await captureEvidence(tx, state, now);
    // Only the signer's own earlier decision in this role is replaced: another holder's approval
    // never supersedes a rejection (it keeps blocking until its author approves or is overridden).
    await tx.query(
      `UPDATE sign_off SET superseded_at = $6
        WHERE domain_id = $1 AND phase = $2 AND round = $3 AND role = $4 AND user_id = $5 AND superseded_at IS NULL`,
      [domain.id, domain.stage, domain.gateRound, role, actor.user.id, now],
    );
    const row = await tx.save(
      tx.create(SignOff, {
        domainId: domain.id,
        phase: domain.stage,
        round: domain.gateRound,
        role,
        userId: actor.user.id,
        decision: input.decision,
        comment,
        evidence,
        createdAt: now,
      }),
    );
    await recordAudit(tx, actor, {
      action: 'signoff.create',
      entityType: 'sign_off',
      entityId: row.id,
      domainId: domain.id,
      after: { phase: row.phase, round: row.round, role, decision: row.decision, comment },
    });
    await touchDomain(tx, domain.id, now);
    let advanced = false;
    if (domain.autoAdvance && input.decision === 'approve') {
      const after = await loadGateState(tx, domain, now);
      if (after.evaluation.open) {
        await moveToNextStage(tx, actor, domain, after, now, true);
        advanced = true;
      }
    }
    const view = presentSignOff(
      {
        ...row,
        userName: actor.user.name,
        userEmail: actor.user.email,
        staleAt: null,
        staleReason: null,
        supersededAt: null,
        overriddenAt: null,
        overriddenBy: null,
        overriddenByName: null,
        overrideReason: null,
        withdrawnAt: null,
        withdrawReason: null,
      },
      false,
    );
    return { ...view, advanced };
  });
}

/**
 * Takes the caller's own decision of the open round back, under the domain row lock. The row is
 * kept (marked withdrawn, and superseded so nothing counts it); the signer may sign again.
 */
export async function withdrawSignOff(
  deps: AppDeps,
  actor: Actor,
  key: string,
  signOffId: string,
  reason: string,
): Promise<SignOffView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    const record = await findSignOff(tx, domain.id, signOffId);
    if (record.userId !== actor.user.id) throw forbidden('Only its signer can withdraw a sign-off.');
    if (record.withdrawnAt) throw conflict('conflict', 'This sign-off was already withdrawn.');
    if (!isCurrentDecision(record, domain))
      throw conflict('invalid_transition', 'Only your current decision of the open gate round can be withdrawn.');
    await tx.query(
      `UPDATE sign_off SET withdrawn_at = $2, withdraw_reason = $3, superseded_at = $2 WHERE id = $1`,
      [record.id, now, reason],
    );
    await recordAudit(tx, actor, {
      action: 'signoff.withdraw',
      entityType: 'sign_off',
      entityId: record.id,
      domainId: domain.id,
      before: { phase: record.phase, round: record.round, role: record.role, decision: record.decision },
      after: { withdrawn: true, reason },
    });
    await touchDomain(tx, domain.id, now);
    return presentSignOff({ ...record, supersededAt: now, withdrawnAt: now, withdrawReason: reason }, false);
  });
}
