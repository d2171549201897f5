import type { GateAdditionView, GateRoleView, GateView, SignOffView, WaiverView } from '../../../shared/api/domains';
import { GATES, isPhase, recycleTargets } from '../../../shared/workflow/definition';
import type { Actor } from '../../http/context';
import { domainPermissions, signableRoles } from '../domains/domain-access';
import {
  decisiveSignOff,
  heldRoles,
  rolesFilledBy,
  type GateAdditionRecord,
  type GateState,
  type SignOffRecord,
  type WaiverRecord,
} from './gate-state';

export function presentSignOff(record: SignOffRecord, stale: boolean): SignOffView {
  return {
    id: record.id,
    round: record.round,
    phase: record.phase,
    role: record.role,
    user: { id: record.userId, name: record.userName, email: record.userEmail },
    decision: record.decision,
    comment: record.comment,
    stale,
    staleReason: record.staleReason ?? (stale ? 'A criterion outcome changed since this sign-off.' : null),
    override: record.overriddenAt
      ? {
          by: record.overriddenBy ? { id: record.overriddenBy, name: record.overriddenByName ?? '', email: '' } : null,
          at: record.overriddenAt.toISOString(),
          reason: record.overrideReason ?? '',
        }
      : null,
    withdrawn: record.withdrawnAt
      ? { at: record.withdrawnAt.toISOString(), reason: record.withdrawReason ?? '' }
      : null,
    createdAt: record.createdAt.toISOString(),
    evidence: record.evidence,
  };
}

export function presentGateAddition(addition: GateAdditionRecord): GateAdditionView {
  return {
    id: addition.id,
    phase: addition.phase,
    kind: addition.kind,
    value: addition.value,
    reason: addition.reason,
    by: addition.userName ? { id: addition.userId, name: addition.userName, email: addition.userEmail ?? '' } : null,
    createdAt: addition.createdAt.toISOString(),
  };
}

export function presentWaiver(waiver: WaiverRecord): WaiverView {
  return {
    id: waiver.id,
    phase: waiver.phase,
    criterion: waiver.criterion,
    reason: waiver.reason,
    by: waiver.userName ? { id: waiver.userId, name: waiver.userName, email: waiver.userEmail } : null,
    createdAt: waiver.createdAt.toISOString(),
    revokedAt: waiver.revokedAt?.toISOString() ?? null,
  };
}

/** What the caller may do at this gate; shared by the gate and the domain views. */
export function gateCapabilities(state: GateState, actor: Actor): GateView['can'] {
  const { domain, evaluation } = state;
  const permissions = domainPermissions(actor, heldRoles(state, actor.user.id));
  const inPhase = isPhase(domain.stage);
  return {
    advance: permissions.lead && inPhase && evaluation.open,
    signAs: inPhase
      ? signableRoles(heldRoles(state, actor.user.id), evaluation.requiredRoles, rolesFilledBy(state, actor.user.id))
      : [],
    waive: permissions.admin && inPhase,
    override: permissions.admin && inPhase,
    manageGate: permissions.admin && inPhase,
    recycle: permissions.lead && recycleTargets(domain.stage).length > 0,
    hold: permissions.lead && inPhase && !domain.held,
    resume: permissions.lead && domain.held,
    withdraw: inPhase
      ? state.decisions.filter((d) => d.record.userId === actor.user.id).map((d) => d.record.id)
      : [],
  };
}

export function presentGate(state: GateState, actor: Actor): GateView {
  const { domain, evaluation } = state;
  const gate = isPhase(domain.stage) ? GATES[domain.stage] : null;
  const addedRoles = new Set(state.additions.filter((a) => a.kind === 'role').map((a) => a.value));
  const roles: GateRoleView[] = evaluation.requiredRoles.map((role) => {
    const counted = decisiveSignOff(state, role);
    return {
      role,
      holders: state.members
        .filter((m) => m.role === role)
        .map((m) => ({ id: m.userId, name: m.name, email: m.email })),
      signOff: counted ? presentSignOff(counted.record, counted.stale) : null,
      decisions: state.decisions.filter((d) => d.record.role === role).map((d) => presentSignOff(d.record, d.stale)),
      added: addedRoles.has(role),
    };
  });
  const waiverIds = new Map(state.waivers.map((w) => [w.criterion, w]));
  return {
    domainKey: domain.key,
    stage: domain.stage,
    phase: gate ? gate.from : null,
    to: gate ? gate.to : null,
    round: domain.gateRound,
    open: evaluation.open,
    criteria: evaluation.criteria.map((c) =>
      c.waiver ? { ...c, waiver: { ...c.waiver, id: waiverIds.get(c.key)?.id } } : c,
    ),
    roles,
    blocking: evaluation.blocking,
    waivers: state.waivers.map(presentWaiver),
    additions: state.additions.map(presentGateAddition),
    recycleTargets: recycleTargets(domain.stage),
    can: gateCapabilities(state, actor),
  };
}
