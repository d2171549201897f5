import type { UserRef } from './common';
import type { ConfidenceSummary } from './confidence';
import type { DomainRole, DomainStage, Phase, SignOffDecision } from './enums';
import type { BlockingReason, CriterionKey, CriterionResult, GateThresholds } from '../workflow/types';

export interface DomainMemberView {
  user: UserRef;
  role: DomainRole;
}

export interface DomainSummary {
  id: string;
  key: string;
  name: string;
  description: string;
  stage: DomainStage;
  phaseEnteredAt: string;
  daysInPhase: number;
  /** no activity for longer than the stall threshold while in a phase */
  stalled: boolean;
  held: boolean;
  holdReason: string | null;
  atRisk: boolean;
  atRiskReason: string | null;
  /** a lead has taken the at-risk alarm on, with a note */
  riskAcknowledgement: { by: UserRef | null; at: string; note: string } | null;
  /** certified (or last re-confirmed) at, and when the next certification review is due */
  certifiedAt: string | null;
  reviewDueAt: string | null;
  autoAdvance: boolean;
  leads: DomainMemberView[];
  openTickets: number;
  openInvestigations: number;
  /** open | blocked | none (certified) */
  gateStatus: 'open' | 'blocked' | 'none';
  /** new investigations per week, oldest first (last 8 weeks) */
  oddity: number[];
  /**
   * The stored measured confidence (GET /domains/:key/confidence has all of it). Null before
   * hand-off, or before it was first computed. Read, never fitted, per request.
   */
  confidence: CardConfidence | null;
  /**
   * What blocks the current gate and whose action clears it, most actionable first (sign-offs,
   * then criteria, then the hold); empty when the gate is open or the domain certified.
   */
  blockers: CardBlocker[];
  /** in a phase it was sent back to (or back before): the current gate is round 2 or later */
  recycled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One reason a card's gate is blocked, and who is waited on for it. */
export interface CardBlocker {
  code:
    'signoff_missing' | 'signoff_stale' | 'signoff_rejected' | 'role_unfilled' | 'criterion_failed' | 'domain_on_hold';
  /** the sign-off's role (sign-off and role codes) */
  role: DomainRole | null;
  /** the failed criterion (criterion_failed) */
  criterion: CriterionKey | null;
  /** the gate's sentence, with the criterion's numbers when it has them */
  text: string;
  /**
   * Whose action clears it: the role's holders (a missing or stale sign-off), the person who
   * rejected, the leads (a role nobody holds); empty when it waits on the evidence or the hold.
   */
  waitingOn: UserRef[];
}

/** What a board card shows of a domain's measured confidence. */
export interface CardConfidence {
  computedAt: string;
  /** weighted oddities a week over the trailing window, and the upper bound at `level`; null: nothing observed yet */
  rate: number | null;
  upper: number | null;
  level: number;
  /** the weekly rate the forecast aims at */
  target: number;
  /** the Laplace test finds a significant rise; null: too few oddities to test */
  rising: boolean | null;
  /** when the rate's upper bound reaches the target, with its range, or why it cannot say */
  forecast: ConfidenceSummary['forecast'];
}

export interface DomainView extends DomainSummary {
  members: DomainMemberView[];
  /** per-domain overrides of gate thresholds */
  thresholds: Partial<GateThresholds>;
  can: {
    edit: boolean;
    manageMembers: boolean;
    advance: boolean;
    recycle: boolean;
    hold: boolean;
    resume: boolean;
    waive: boolean;
    sign: boolean;
    /** a lead takes on the at-risk alarm */
    acknowledgeRisk: boolean;
    /** the ds_lead re-confirms the certification (after an at-risk alarm was acknowledged, or when a review is due) */
    reconfirm: boolean;
    createTicket: boolean;
    createArtifact: boolean;
    reportInvestigation: boolean;
  };
}

export interface CreateDomainRequest {
  key: string;
  name: string;
  description?: string;
  autoAdvance?: boolean;
}
export interface UpdateDomainRequest {
  name?: string;
  description?: string;
  autoAdvance?: boolean;
  thresholds?: Partial<GateThresholds>;
}
export interface PutMemberRequest {
  roles: DomainRole[];
  /** an admin removing a role that already decided this round must say why */
  reason?: string;
}
export interface RemoveMemberRequest {
  reason?: string;
}

export interface SignOffView {
  id: string;
  round: number;
  /** `certified` for a re-confirmation of a certified domain */
  phase: DomainStage;
  role: DomainRole;
  user: UserRef;
  decision: SignOffDecision;
  comment: string;
  stale: boolean;
  staleReason: string | null;
  /** an admin lifted this rejection, with the reason */
  override: { by: UserRef | null; at: string; reason: string } | null;
  /** the signer took it back while the round was open; it no longer counts */
  withdrawn: { at: string; reason: string } | null;
  createdAt: string;
  evidence: EvidenceSnapshot;
  /** only in the answer to POST …/signoffs: this sign-off opened the gate and auto-advance moved the domain */
  advanced?: boolean;
}

/** What the signer saw, frozen at the moment of signing. */
export interface EvidenceSnapshot {
  phase: DomainStage;
  criteria: CriterionResult[];
  openItems: { kind: 'ticket' | 'investigation'; ref: string; title: string; severity?: string; priority?: string }[];
  /** the domain's ready artifacts at signing; a later change to one of them makes the sign-off stale */
  artifacts?: { id: string; type: string; name: string; version: number }[];
  capturedAt: string;
}

export interface GateRoleView {
  role: DomainRole;
  holders: UserRef[];
  /** the decision that decides the role: a standing rejection, else a fresh approval, else the latest */
  signOff: SignOffView | null;
  /** every signer's latest decision in this role this round */
  decisions: SignOffView[];
  /** the role was added to this domain's gate by an admin */
  added: boolean;
}

export type GateAdditionKind = 'criterion' | 'role';

/** An admin's addition to one domain's gate: a criterion from the catalog or an extra role. */
export interface GateAdditionView {
  id: string;
  phase: Phase;
  kind: GateAdditionKind;
  /** criterion key or domain role */
  value: string;
  reason: string;
  by: UserRef | null;
  createdAt: string;
}

export interface GateAdditionRequest {
  kind: GateAdditionKind;
  /** a criterion key (kind criterion) or a domain role (kind role) */
  value: string;
  reason: string;
  /** the gate it applies to; the current one when absent */
  phase?: Phase;
}

export interface GateView {
  domainKey: string;
  stage: DomainStage;
  /** the phase the gate leads out of; null when certified */
  phase: Phase | null;
  to: DomainStage | null;
  round: number;
  open: boolean;
  criteria: CriterionResult[];
  roles: GateRoleView[];
  blocking: BlockingReason[];
  /** active waivers of this gate (criteria results carry the same reason and author) */
  waivers: WaiverView[];
  /** criteria and roles an admin added to this domain's gate */
  additions: GateAdditionView[];
  /** phases a recycle may send the domain back to */
  recycleTargets: Phase[];
  can: {
    advance: boolean;
    /** roles the caller may sign now */
    signAs: DomainRole[];
    waive: boolean;
    /** an admin may override a standing rejection and add or remove gate criteria and roles */
    override: boolean;
    manageGate: boolean;
    recycle: boolean;
    hold: boolean;
    resume: boolean;
    /** the caller's own sign-offs of this round that they may withdraw */
    withdraw: string[];
  };
}

export interface SignOffRequest {
  decision: SignOffDecision;
  comment?: string;
  /** optional when the caller holds exactly one unsigned required role */
  role?: DomainRole;
}
export interface RecycleRequest {
  toPhase: Phase;
  reason: string;
}
export interface ReasonRequest {
  reason: string;
}
export interface AcknowledgeRiskRequest {
  /** what the lead will do about it */
  note: string;
}
export interface ReconfirmRequest {
  comment?: string;
}
export interface WaiverRequest {
  criterion: string;
  reason: string;
}

export interface WaiverView {
  id: string;
  phase: Phase;
  criterion: string;
  reason: string;
  by: UserRef | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A past decision in the reviews list. */
export interface DecisionView extends SignOffView {
  domainKey: string;
  domainName: string;
  /** replaced by a later sign-off of the same role in the same round */
  superseded: boolean;
}

/** A gate waiting for the caller's sign-off (missing or stale) in a role they hold. */
export interface PendingReviewView {
  domainKey: string;
  domainName: string;
  phase: Phase;
  role: DomainRole;
  round: number;
  /** true when the caller signed this round but the evidence changed since */
  stale: boolean;
}

/** The kinds a domain's timeline can be filtered by. */
export const DOMAIN_EVENT_KINDS = ['lifecycle', 'tickets', 'artifacts', 'weirdness', 'comments', 'people'] as const;
export type DomainEventKind = (typeof DOMAIN_EVENT_KINDS)[number];

/** What a timeline entry names, for a link: a ticket key, an investigation number, an artifact id, or a tab of the domain. */
export type DomainEventLink =
  | { to: 'ticket'; ref: string }
  | { to: 'investigation'; ref: string }
  | { to: 'artifact'; ref: string }
  | { to: 'gate' | 'members' | 'domain' };

export interface DomainEventView {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  kind: DomainEventKind | null;
  link: DomainEventLink | null;
  summary: string;
}

/** POST /domains/import answer: 201 when imported, 200 when the same domain was already here. */
export interface ImportResultView {
  imported: boolean;
  domainKey: string;
  /** rows per section of the file */
  counts: Record<string, number>;
}
