import type { EntityManager } from 'typeorm';
import type { DomainRole, Phase, SignOffDecision } from '../../../shared/api/enums';
import type { EvidenceSnapshot } from '../../../shared/api/domains';
import { isPhase } from '../../../shared/workflow/definition';
import { criterionOutcomes, evaluateCriteria, evaluateGate, outcomesChanged } from '../../../shared/workflow/evaluate';
import type { CriterionWaiver, GateEvaluation } from '../../../shared/workflow/evaluate';
import type { CriterionKey, GateSignOffState, GateThresholds } from '../../../shared/workflow/types';
import type { Domain } from '../domains/domain.entity';
import { effectiveThresholds, globalThresholdOverrides } from '../settings/settings.service';
import { computeGateFactsBatch, type DomainFacts } from './gate-facts';

export interface MemberRecord {
  domainId: string;
  userId: string;
  role: DomainRole;
  name: string;
  email: string;
}

export interface WaiverRecord {
  id: string;
  domainId: string;
  phase: Phase;
  criterion: CriterionKey;
  reason: string;
  userId: string;
  userName: string;
  userEmail: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface SignOffRecord {
  id: string;
  domainId: string;
  phase: Phase;
  round: number;
  role: DomainRole;
  userId: string;
  userName: string;
  userEmail: string;
  decision: SignOffDecision;
  comment: string;
  evidence: EvidenceSnapshot;
  staleAt: Date | null;
  staleReason: string | null;
  supersededAt: Date | null;
  createdAt: Date;
}

/** A sign-off of the current round as the gate counts it. */
export interface CountedSignOff {
  record: SignOffRecord;
  /** stale_at set, or a criterion outcome differs from what the signer saw */
  stale: boolean;
}

/** Everything needed to judge and show one domain's current gate. */
export interface GateState {
  domain: Domain;
  thresholds: GateThresholds;
  facts: DomainFacts;
  members: MemberRecord[];
  /** active waivers of the current phase, oldest first */
  waivers: WaiverRecord[];
  /** latest non-superseded sign-off per role of the current round, by a current holder of the role */
  signOffs: Map<DomainRole, CountedSignOff>;
  /** every sign-off of the current round, superseded ones included (who signed which role) */
  roundSignOffs: SignOffRecord[];
  evaluation: GateEvaluation;
}

function toWaiverInput(waiver: WaiverRecord): CriterionWaiver {
  return { criterion: waiver.criterion, reason: waiver.reason, by: waiver.userName, at: waiver.createdAt.toISOString() };
}

/** A sign-off goes stale on an explicit event (stale_at) or when any criterion outcome changed. */
export function isSignOffStale(record: SignOffRecord, currentOutcomes: Record<string, boolean>): boolean {
  if (record.staleAt) return true;
  // Every gate has criteria, so a snapshot without any recorded none (rows written by hand, e.g.
  // imports): there is nothing to compare, and only explicit staleness applies.
  const seen = record.evidence?.criteria ?? [];
  return seen.length > 0 && outcomesChanged(criterionOutcomes(seen), currentOutcomes);
}

const SIGN_OFF_COLUMNS = `s.id, s.domain_id AS "domainId", s.phase, s.round, s.role, s.user_id AS "userId", u.name AS "userName",
  u.email AS "userEmail", s.decision, s.comment, s.evidence, s.stale_at AS "staleAt", s.stale_reason AS "staleReason",
  s.superseded_at AS "supersededAt", s.created_at AS "createdAt"`;

export { SIGN_OFF_COLUMNS };

/** Normalizes dates of raw sign-off rows (drivers differ in what they return). */
export function toSignOffRecord(row: SignOffRecord): SignOffRecord {
  return {
    ...row,
    round: Number(row.round),
    staleAt: row.staleAt ? new Date(row.staleAt) : null,
    supersededAt: row.supersededAt ? new Date(row.supersededAt) : null,
    createdAt: new Date(row.createdAt),
  };
}

export async function loadMembers(tx: EntityManager, domainIds: readonly string[]): Promise<MemberRecord[]> {
  if (!domainIds.length) return [];
  return tx.query(
    `SELECT m.domain_id AS "domainId", m.user_id AS "userId", m.role, u.name, u.email
       FROM domain_member m JOIN "user" u ON u.id = m.user_id
      WHERE m.domain_id = ANY($1::uuid[])
      ORDER BY u.name, u.id, m.role`,
    [domainIds],
  );
}

/**
 * Loads and evaluates the current gate of many domains with a fixed number of queries (settings,
 * facts, members, waivers, sign-offs), whatever the number of domains.
 */
export async function loadGateStates(tx: EntityManager, domains: readonly Domain[], now: Date): Promise<Map<string, GateState>> {
  const states = new Map<string, GateState>();
  if (!domains.length) return states;
  const ids = domains.map((d) => d.id);
  const global = await globalThresholdOverrides(tx);
  const thresholds = new Map(domains.map((d) => [d.id, effectiveThresholds(global, d)]));
  const facts = await computeGateFactsBatch(
    tx,
    domains.map((d) => ({ id: d.id, stage: d.stage, thresholds: thresholds.get(d.id)! })),
    now,
  );
  const members = await loadMembers(tx, ids);
  const waiverRows: WaiverRecord[] = await tx.query(
    `SELECT w.id, w.domain_id AS "domainId", w.phase, w.criterion, w.reason, w.user_id AS "userId", u.name AS "userName",
            u.email AS "userEmail", w.created_at AS "createdAt", w.revoked_at AS "revokedAt"
       FROM waiver w JOIN unnest($1::uuid[], $2::text[]) AS d(id, stage) ON d.id = w.domain_id AND d.stage = w.phase
       LEFT JOIN "user" u ON u.id = w.user_id
      WHERE w.revoked_at IS NULL
      ORDER BY w.created_at, w.id`,
    [ids, domains.map((d) => d.stage)],
  );
  const signOffRows: SignOffRecord[] = await tx.query(
    `SELECT ${SIGN_OFF_COLUMNS}
       FROM sign_off s
       JOIN unnest($1::uuid[], $2::text[], $3::int[]) AS d(id, stage, round) ON d.id = s.domain_id AND d.stage = s.phase AND d.round = s.round
       LEFT JOIN "user" u ON u.id = s.user_id
      ORDER BY s.created_at, s.id`,
    [ids, domains.map((d) => d.stage), domains.map((d) => d.gateRound)],
  );
  for (const domain of domains) {
    const domainMembers = members.filter((m) => m.domainId === domain.id);
    const waivers = waiverRows
      .filter((w) => w.domainId === domain.id)
      .map((w) => ({ ...w, createdAt: new Date(w.createdAt), revokedAt: null }));
    const roundSignOffs = signOffRows.filter((s) => s.domainId === domain.id).map(toSignOffRecord);
    const domainFacts = facts.get(domain.id)!;
    const domainThresholds = thresholds.get(domain.id)!;
    const waiverInputs = waivers.map(toWaiverInput);
    const outcomes = isPhase(domain.stage)
      ? criterionOutcomes(evaluateCriteria(domain.stage, domainFacts, domainThresholds, waiverInputs))
      : {};
    const signOffs = new Map<DomainRole, CountedSignOff>();
    for (const record of roundSignOffs) {
      if (record.supersededAt) continue;
      // A sign-off counts only while its signer still holds the role they signed in.
      const holds = domainMembers.some((m) => m.userId === record.userId && m.role === record.role);
      if (holds) signOffs.set(record.role, { record, stale: isSignOffStale(record, outcomes) });
    }
    const roleHolders: Partial<Record<DomainRole, number>> = {};
    for (const member of domainMembers) roleHolders[member.role] = (roleHolders[member.role] ?? 0) + 1;
    const signOffStates: GateSignOffState[] = [...signOffs.values()].map(({ record, stale }) => ({
      role: record.role,
      decision: record.decision,
      stale,
    }));
    const evaluation = evaluateGate({
      stage: domain.stage,
      facts: domainFacts,
      thresholds: domainThresholds,
      waivers: waiverInputs,
      held: domain.held,
      hasSponsor: (roleHolders.sponsor ?? 0) > 0,
      roleHolders,
      signOffs: signOffStates,
    });
    states.set(domain.id, {
      domain,
      thresholds: domainThresholds,
      facts: domainFacts,
      members: domainMembers,
      waivers,
      signOffs,
      roundSignOffs,
      evaluation,
    });
  }
  return states;
}

export async function loadGateState(tx: EntityManager, domain: Domain, now: Date): Promise<GateState> {
  return (await loadGateStates(tx, [domain], now)).get(domain.id)!;
}

/** Roles a user holds in the domain of a loaded gate state. */
export function heldRoles(state: GateState, userId: string): DomainRole[] {
  return state.members.filter((m) => m.userId === userId).map((m) => m.role);
}

/**
 * Roles the user has signed in the current round. Superseded sign-offs count too: someone whose
 * decision another holder of the role replaced has still acted in that role this round.
 */
export function rolesFilledBy(state: GateState, userId: string): DomainRole[] {
  return [...new Set(state.roundSignOffs.filter((s) => s.userId === userId).map((s) => s.role))];
}
