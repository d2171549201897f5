import type { ConfidenceSummary } from '../../../shared/api/confidence';
import type { CardConfidence, DomainMemberView, DomainSummary, DomainView } from '../../../shared/api/domains';
import { canReportInvestigation, isPhase } from '../../../shared/workflow/definition';
import type { Actor } from '../../http/context';
import { gateCapabilities } from '../gates/gates.presenter';
import { heldRoles, reviewDueAt, type MemberRecord } from '../gates/gate-state';
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
  return {
    computedAt: summary.computedAt,
    rate: rounded(summary.rate),
    upper: rounded(summary.upper),
    level: summary.level,
    target: summary.target,
    rising: summary.trend.status === 'ok' ? summary.trend.rising : null,
    forecast:
      summary.forecast.status === 'ok'
        ? { ...summary.forecast, weeksFromNow: Math.round(summary.forecast.weeksFromNow * 10) / 10 }
        : summary.forecast,
  };
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
