import type { ConfidenceSummary } from '../../../shared/api/confidence';
import type { UserRef } from '../../../shared/api/common';
import type {
  CardBlocker,
  CardConfidence,
  DomainMemberView,
  DomainSummary,
  DomainView,
} from '../../../shared/api/domains';
import { canReportInvestigation, isPhase } from '../../../shared/workflow/definition';
import { describeBlockingReason } from '../../../shared/workflow/evaluate';
import type { Actor } from '../../http/context';
import { gateCapabilities } from '../gates/gates.presenter';
import { heldRoles, reviewDueAt, type GateState, type MemberRecord } from '../gates/gate-state';
import type { DomainCard } from './domain-cards';
import { canReconfirm, domainPermissions } from './domain-access';
import type { Domain } from './domain.entity';

const DAY_MS = 86_400_000;

export function presentMember(member: MemberRecord): DomainMemberView {
  return { user: { id: member.userId, name: member.name, email: member.email }, role: member.role };
}

/** No activity for longer than the stall threshold while in a phase (held domains wait on purpose). */
export function isStalled(domain: Domain, stallDays: number, now: Date): boolean {
  return isPhase(domain.stage) && !domain.held && now.getTime() - domain.lastActivityAt.getTime() > stallDays * DAY_MS;
}

const rounded = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/** The card's part of the stored summary (no fitting here: the row was computed on change or nightly). */
export function presentCardConfidence(summary: ConfidenceSummary | null): CardConfidence | null {
  if (!summary) return null;
  // Less than a week since hand-off: a rate over a window that short says nothing (its upper bound
  // runs into the millions), so the card says "nothing observed yet".
  const observed = summary.observedWeeks >= 1;
  return {
    computedAt: summary.computedAt,
    rate: observed ? rounded(summary.rate) : null,
    upper: observed ? rounded(summary.upper) : null,
    level: summary.level,
    target: summary.target,
    rising: summary.trend.status === 'ok' ? summary.trend.rising : null,
    forecast:
      summary.forecast.status === 'ok'
        ? { ...summary.forecast, weeksFromNow: Math.round(summary.forecast.weeksFromNow * 10) / 10 }
        : summary.forecast,
  };
}

const BLOCKER_ORDER: Record<CardBlocker['code'], number> = {
  signoff_rejected: 0,
  signoff_stale: 1,
  signoff_missing: 2,
  role_unfilled: 3,
  criterion_failed: 4,
  domain_on_hold: 5,
};

const userRef = (m: { userId: string; name: string; email: string }): UserRef => ({
  id: m.userId,
  name: m.name,
  email: m.email,
});

const uniqueUsers = (users: UserRef[]): UserRef[] => [...new Map(users.map((u) => [u.id, u])).values()];

/**
 * What blocks the card's gate and who is waited on, from the gate state the card already loaded
 * (its evaluation, members and the round's decisions): no query of its own.
 */
export function presentCardBlockers(gate: GateState): CardBlocker[] {
  if (!isPhase(gate.domain.stage)) return [];
  const holders = (role: string) => gate.members.filter((m) => m.role === role);
  const leads = gate.members.filter((m) => m.role === 'ds_lead' || m.role === 'product_lead');
  const blockers: CardBlocker[] = [];
  for (const reason of gate.evaluation.blocking) {
    switch (reason.code) {
      case 'domain_certified':
        continue;
      case 'domain_on_hold':
        blockers.push({
          code: reason.code,
          role: null,
          criterion: null,
          text: gate.domain.holdReason ? `On hold: ${gate.domain.holdReason}` : describeBlockingReason(reason),
          waitingOn: [],
        });
        continue;
      case 'criterion_failed': {
        const result = gate.evaluation.criteria.find((c) => c.key === reason.criterion);
        const text = describeBlockingReason(reason);
        blockers.push({
          code: reason.code,
          role: null,
          criterion: reason.criterion,
          text: result?.detail ? `${text} (${result.detail})` : text,
          waitingOn: [],
        });
        continue;
      }
      case 'signoff_rejected': {
        const rejection = gate.decisions.find(
          (d) => d.record.role === reason.role && d.record.decision === 'reject' && !d.record.overriddenAt,
        );
        blockers.push({
          code: reason.code,
          role: reason.role,
          criterion: null,
          text: describeBlockingReason(reason),
          waitingOn: rejection
            ? [{ id: rejection.record.userId, name: rejection.record.userName, email: rejection.record.userEmail }]
            : [],
        });
        continue;
      }
      case 'role_unfilled':
        blockers.push({
          code: reason.code,
          role: reason.role,
          criterion: null,
          text: describeBlockingReason(reason),
          waitingOn: uniqueUsers(leads.map(userRef)),
        });
        continue;
      case 'signoff_missing':
      case 'signoff_stale':
        blockers.push({
          code: reason.code,
          role: reason.role,
          criterion: null,
          text: describeBlockingReason(reason),
          waitingOn: uniqueUsers(holders(reason.role).map(userRef)),
        });
        continue;
    }
  }
  return blockers.sort((a, b) => BLOCKER_ORDER[a.code] - BLOCKER_ORDER[b.code]);
}

export function presentDomainSummary(card: DomainCard, now: Date): DomainSummary {
  const { domain, gate } = card;
  return {
    id: domain.id,
    key: domain.key,
    name: domain.name,
    description: domain.description,
    stage: domain.stage,
    phaseEnteredAt: domain.phaseEnteredAt.toISOString(),
    daysInPhase: Math.max(0, Math.floor((now.getTime() - domain.phaseEnteredAt.getTime()) / DAY_MS)),
    stalled: isStalled(domain, gate.thresholds.stallDays, now),
    held: domain.held,
    holdReason: domain.holdReason,
    atRisk: domain.atRisk,
    atRiskReason: domain.atRiskReason,
    riskAcknowledgement: domain.riskAcknowledgedAt
      ? {
          by: domain.riskAcknowledgedBy
            ? { id: domain.riskAcknowledgedBy, name: gate.riskAcknowledgedByName ?? '', email: '' }
            : null,
          at: domain.riskAcknowledgedAt.toISOString(),
          note: domain.riskNote ?? '',
        }
      : null,
    certifiedAt: domain.stage === 'certified' ? (domain.certifiedAt?.toISOString() ?? null) : null,
    reviewDueAt: reviewDueAt(gate)?.toISOString() ?? null,
    autoAdvance: domain.autoAdvance,
    leads: gate.members.filter((m) => m.role === 'ds_lead' || m.role === 'product_lead').map(presentMember),
    openTickets: gate.facts.openTickets,
    openInvestigations: gate.facts.openInvestigations,
    gateStatus: isPhase(domain.stage) ? (gate.evaluation.open ? 'open' : 'blocked') : 'none',
    oddity: card.oddity,
    confidence: presentCardConfidence(gate.facts.confidence),
    blockers: presentCardBlockers(gate),
    recycled: isPhase(domain.stage) && domain.gateRound > 1,
    version: domain.version,
    createdAt: domain.createdAt.toISOString(),
    updatedAt: domain.updatedAt.toISOString(),
  };
}

export function presentDomainView(card: DomainCard, actor: Actor, now: Date): DomainView {
  const { domain, gate } = card;
  const permissions = domainPermissions(actor, heldRoles(gate, actor.user.id));
  const gateCan = gateCapabilities(gate, actor);
  return {
    ...presentDomainSummary(card, now),
    members: gate.members.map(presentMember),
    thresholds: domain.thresholds ?? {},
    can: {
      edit: permissions.lead,
      manageMembers: permissions.lead,
      advance: gateCan.advance,
      recycle: gateCan.recycle,
      hold: gateCan.hold,
      resume: gateCan.resume,
      waive: gateCan.waive,
      sign: gateCan.signAs.length > 0,
      acknowledgeRisk: permissions.lead && domain.stage === 'certified' && domain.atRisk && !domain.riskAcknowledgedAt,
      reconfirm: canReconfirm(domain, permissions, heldRoles(gate, actor.user.id)),
      createTicket: permissions.contribute,
      createArtifact: permissions.contribute,
      reportInvestigation: permissions.contribute && canReportInvestigation(domain.stage),
    },
  };
}
