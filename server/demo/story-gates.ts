import { randomUUID } from 'node:crypto';
import type { DomainRole, Phase, SignOffDecision } from '../../shared/api/enums';
import {
  DEFAULT_THRESHOLDS,
  DOMAIN_ROLE_LABELS,
  PHASE_INFO,
  isEarlierPhase,
  isPhase,
  nextStage,
  requiredRoles,
} from '../../shared/workflow/definition';
import { evaluateCriteria, isCriterionSatisfied } from '../../shared/workflow/evaluate';
import type { User } from '../modules/users/user.entity';
import type { StoryDomain } from './story-builder';
import type { DomainEvidence } from './story-evidence';
import { evidenceAt, factsAt } from './story-evidence';
import type { LateText, StorySignOff, StoryWaiver } from './story-types';

/*
 * Gates of a story domain: sign-offs, waivers and lifecycle actions, written as the gates module
 * writes them (signoff.create, domain.advance …). advanceDomain refuses a gate that would not be
 * open, so the story cannot tell something the app would not have allowed.
 */

export function waiveCriterion(d: StoryDomain, at: Date, admin: User, criterion: string, reason: string): void {
  if (!isPhase(d.stage)) throw new Error('no gate to waive');
  const waiver: StoryWaiver = {
    id: randomUUID(),
    domainId: d.id,
    phase: d.stage,
    criterion,
    reason,
    userId: admin.id,
    createdAt: at,
  };
  d.waivers.push(waiver);
  d.record(at, admin, 'waiver.create', 'waiver', waiver.id, null, { phase: waiver.phase, criterion, reason });
}

/** The gate facts and frozen evidence of the current phase, as they stand at `at`. */
function evidence(d: StoryDomain, at: Date): DomainEvidence {
  if (!isPhase(d.stage)) throw new Error(`${d.key} has no gate`);
  return evidenceAt(d, d.stage, at);
}

export function signGate(
  d: StoryDomain,
  at: Date,
  user: User,
  role: DomainRole,
  decision: SignOffDecision,
  comment = '',
): StorySignOff {
  if (!isPhase(d.stage)) throw new Error(`${d.key} is certified: nothing to sign`);
  if (!d.hasRole(user, role)) throw new Error(`${user.name} is not ${role} of ${d.key}`);
  if (decision === 'reject' && !comment) throw new Error('a reject needs a comment');
  const phase = d.stage;
  const round = d.gateRound;
  for (const previous of d.signOffs) {
    if (previous.phase === phase && previous.round === round && previous.role === role && !previous.supersededAt)
      previous.supersededAt = at;
  }
  const signOff: StorySignOff = {
    id: randomUUID(),
    domainId: d.id,
    phase,
    round,
    role,
    userId: user.id,
    decision,
    comment,
    evidence: evidence(d, at).snapshot,
    staleAt: null,
    staleReason: null,
    supersededAt: null,
    createdAt: at,
  };
  d.signOffs.push(signOff);
  d.record(at, user, 'signoff.create', 'sign_off', signOff.id, null, { phase, round, role, decision, comment });
  return signOff;
}

/** Marks the fresh sign-offs of the current round stale; returns their signers, to ask them again. */
export function markSignOffsStale(d: StoryDomain, at: Date, reason: LateText): string[] {
  if (!isPhase(d.stage)) return [];
  const signers: string[] = [];
  for (const signOff of d.signOffs) {
    if (signOff.phase === d.stage && signOff.round === d.gateRound && !signOff.staleAt && !signOff.supersededAt) {
      signOff.staleAt = at;
      signOff.staleReason = reason;
      signers.push(signOff.userId);
    }
  }
  return signers;
}

/** Passes the current gate; throws when the story got it wrong (the gate would not be open). */
export function advanceDomain(d: StoryDomain, at: Date, by: User): void {
  if (!isPhase(d.stage)) throw new Error(`${d.key} is certified`);
  if (d.held) throw new Error(`${d.key} is on hold`);
  const phase = d.stage;
  const facts = factsAt(d, phase, at);
  const waivers = d.waivers
    .filter((w) => w.phase === phase)
    .map((w) => ({ criterion: w.criterion as never, reason: w.reason, by: 'admin', at: w.createdAt.toISOString() }));
  const failed = evaluateCriteria(phase, facts, DEFAULT_THRESHOLDS, waivers).filter((c) => !isCriterionSatisfied(c));
  if (failed.length) throw new Error(`${d.key} ${phase} gate: ${failed.map((c) => `${c.key}=${c.value}`).join(', ')}`);
  const hasSponsor = d.members.some((m) => m.role === 'sponsor');
  for (const role of requiredRoles(phase, hasSponsor)) {
    const approved = d.signOffs.some(
      (s) =>
        s.phase === phase &&
        s.round === d.gateRound &&
        s.role === role &&
        s.decision === 'approve' &&
        !s.staleAt &&
        !s.supersededAt,
    );
    if (!approved) throw new Error(`${d.key} ${phase} gate: ${role} has not approved`);
  }
  const to = nextStage(phase);
  const before = { stage: phase, round: d.gateRound };
  d.enterStage(at, to);
  if (to === 'handoff') d.confidenceStart = at;
  d.record(at, by, 'domain.advance', 'domain', d.id, before, { stage: to, round: d.gateRound, auto: false });
}

/** Sends the domain back; every gate it must pass again starts a new round. */
export function recycleDomain(d: StoryDomain, at: Date, by: User, toPhase: Phase, reason: string): void {
  if (!isEarlierPhase(toPhase, d.stage)) throw new Error(`cannot recycle ${d.key} to ${toPhase}`);
  const before = { stage: d.stage, round: d.gateRound };
  d.enterStage(at, toPhase);
  if (isEarlierPhase(toPhase, 'weirdness')) d.confidenceStart = at;
  d.record(at, by, 'domain.recycle', 'domain', d.id, before, {
    stage: toPhase,
    round: d.gateRound,
    atRisk: false,
    reason,
  });
}

export function holdDomain(d: StoryDomain, at: Date, by: User, reason: string): void {
  d.held = true;
  d.holdReason = reason;
  d.updatedAt = at;
  d.record(at, by, 'domain.hold', 'domain', d.id, { held: false }, { held: true, reason });
}

export function resumeDomain(d: StoryDomain, at: Date, by: User): void {
  const reason = d.holdReason;
  d.held = false;
  d.holdReason = null;
  d.updatedAt = at;
  d.record(at, by, 'domain.resume', 'domain', d.id, { held: true, reason }, { held: false });
}

/** Asks a role holder for their sign-off (a new round, or their sign-off went stale). */
export function requestSignOff(d: StoryDomain, at: Date, user: User, role: DomainRole): void {
  if (!isPhase(d.stage)) throw new Error(`${d.key} has no gate`);
  const message = `${d.key} · ${PHASE_INFO[d.stage].label}: your sign-off as ${DOMAIN_ROLE_LABELS[role]} is needed (round ${d.gateRound}).`;
  d.notify([user.id], at, { kind: 'signoff_requested', entityType: 'domain', entity: d.key, message });
}
