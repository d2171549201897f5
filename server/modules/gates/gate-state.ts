import type { EntityManager } from 'typeorm';
import { layeredNumberSql } from '../../db/layers';
import type { DomainRole, DomainStage, Phase, SignOffDecision } from '../../../shared/api/enums';
import type { EvidenceSnapshot } from '../../../shared/api/domains';
import type { GateAdditionKind } from '../../../shared/api/domains';
import { DEFAULT_THRESHOLDS, isPhase, requiredRoles as definitionRoles } from '../../../shared/workflow/definition';
import { criterionOutcomes, evaluateCriteria, evaluateGate, outcomesChanged } from '../../../shared/workflow/evaluate';
import type { CriterionWaiver, GateEvaluation } from '../../../shared/workflow/evaluate';
import type { CriterionKey, GateSignOffState, GateThresholds } from '../../../shared/workflow/types';
import { notFound } from '../../http/app-error';
import { Domain } from '../domains/domain.entity';
import { effectiveThresholds, THRESHOLDS_SETTING } from '../settings/settings.service';
import { FACTS_COLUMNS, factsFromRow, factsLaterals, type DomainFacts, type FactsRow } from './gate-facts';

export const SPARKLINE_WEEKS = 8;

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

export interface GateAdditionRecord {
  id: string;
  domainId: string;
  phase: Phase;
  kind: GateAdditionKind;
  value: string;
  reason: string;
  userId: string;
  userName: string | null;
  userEmail: string | null;
  createdAt: Date;
}

export interface SignOffRecord {
  id: string;
  domainId: string;
  phase: DomainStage;
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
  overriddenAt: Date | null;
  overriddenBy: string | null;
  overriddenByName: string | null;
  overrideReason: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  createdAt: Date;
}

/** A person's latest sign-off in one role of the current round, as the gate counts it. */
export interface CountedSignOff {
  record: SignOffRecord;
  /** stale_at set, or a criterion outcome differs from what the signer saw (not yet recorded) */
  stale: boolean;
  /** the signer still holds the role they signed in */
  held: boolean;
}

/** Everything needed to judge and show one domain's current gate. */
export interface GateState {
  domain: Domain;
  thresholds: GateThresholds;
  facts: DomainFacts;
  members: MemberRecord[];
  /** active waivers of the current phase, oldest first */
  waivers: WaiverRecord[];
  /** each signer's latest (non-superseded) sign-off per role of the current round, oldest first */
  decisions: CountedSignOff[];
  /** active additions of an admin to this gate */
  additions: GateAdditionRecord[];
  /** the round's required roles were fixed when it opened (false: an older round, judged by today's members) */
  rolesFixed: boolean;
  /** every sign-off of the current round, superseded ones included (who signed which role) */
  roundSignOffs: SignOffRecord[];
  evaluation: GateEvaluation;
  /** new investigations per ISO week (UTC) of the last 8 weeks, oldest first, the current week last */
  oddity: number[];
  /** who acknowledged the at-risk alarm */
  riskAcknowledgedByName: string | null;
}

const DAY_MS = 86_400_000;

/**
 * When a certified domain's certification review is due: certifiedAt (or, for rows written before
 * it was recorded, when it entered certified) plus the review period.
 */
export function reviewDueAt(state: Pick<GateState, 'domain' | 'thresholds'>): Date | null {
  const { domain, thresholds } = state;
  if (domain.stage !== 'certified') return null;
  const since = domain.certifiedAt ?? domain.phaseEnteredAt;
  return new Date(since.getTime() + thresholds.certificationReviewDays * DAY_MS);
}

function toWaiverInput(waiver: WaiverRecord): CriterionWaiver {
  return {
    criterion: waiver.criterion,
    reason: waiver.reason,
    by: waiver.userName,
    at: waiver.createdAt.toISOString(),
  };
}

/**
 * A sign-off is stale once staleness was recorded (final: it never counts again), or while a
 * criterion outcome differs from what the signer saw and nobody has recorded it yet (the clock
 * moved a window); recheckSignOffs records such drift at the next change, read or sweep.
 */
export function isSignOffStale(record: SignOffRecord, currentOutcomes: Record<string, boolean>): boolean {
  if (record.staleAt) return true;
  // Every gate has criteria, so a snapshot without any recorded none (rows written by hand, e.g.
  // imports): there is nothing to compare, and only explicit staleness applies.
  const seen = (record.evidence?.criteria ?? []).filter(Boolean);
  return seen.length > 0 && outcomesChanged(criterionOutcomes(seen), currentOutcomes);
}

const SIGN_OFF_COLUMNS = `s.id, s.domain_id AS "domainId", s.phase, s.round, s.role, s.user_id AS "userId", u.name AS "userName",
  u.email AS "userEmail", s.decision, s.comment, s.evidence, s.stale_at AS "staleAt", s.stale_reason AS "staleReason",
  s.superseded_at AS "supersededAt", s.overridden_at AS "overriddenAt", s.overridden_by AS "overriddenBy",
  (SELECT name FROM "user" WHERE id = s.overridden_by) AS "overriddenByName", s.override_reason AS "overrideReason",
  s.withdrawn_at AS "withdrawnAt", s.withdraw_reason AS "withdrawReason", s.created_at AS "createdAt"`;

export { SIGN_OFF_COLUMNS };

/** One sign-off of the domain, with its signer's name; 404 when the domain has no such sign-off. */
export async function findSignOff(tx: EntityManager, domainId: string, signOffId: string): Promise<SignOffRecord> {
  const [row]: SignOffRecord[] = await tx.query(
    `SELECT ${SIGN_OFF_COLUMNS} FROM sign_off s LEFT JOIN "user" u ON u.id = s.user_id WHERE s.id = $1 AND s.domain_id = $2`,
    [signOffId, domainId],
  );
  if (!row) throw notFound('Sign-off');
  return toSignOffRecord(row);
}

/** The decision still stands in the domain's open gate round: not superseded, not of an earlier round. */
export function isCurrentDecision(record: SignOffRecord, domain: Pick<Domain, 'stage' | 'gateRound'>): boolean {
  return record.phase === domain.stage && record.round === domain.gateRound && !record.supersededAt;
}

/** Normalizes raw sign-off rows (drivers and JSON differ in how they return dates and numbers). */
export function toSignOffRecord(row: SignOffRecord): SignOffRecord {
  return {
    ...row,
    round: Number(row.round),
    staleAt: row.staleAt ? new Date(row.staleAt) : null,
    supersededAt: row.supersededAt ? new Date(row.supersededAt) : null,
    overriddenAt: row.overriddenAt ? new Date(row.overriddenAt) : null,
    overriddenBy: row.overriddenBy ?? null,
    overriddenByName: row.overriddenByName ?? null,
    overrideReason: row.overrideReason ?? null,
    withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt) : null,
    withdrawReason: row.withdrawReason ?? null,
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

/** A threshold: the domain's override, else the admin's global setting, else the default. */
function windowDays(key: keyof GateThresholds): string {
  return layeredNumberSql(key, ['d.thresholds', 'g.value'], DEFAULT_THRESHOLDS[key]);
}

/** New investigations per ISO week (UTC) of the last SPARKLINE_WEEKS weeks, oldest first. */
function oddityWeeksColumn(now: string): string {
  const week = (ago: number) =>
    `((date_trunc('week', ${now}::timestamptz AT TIME ZONE 'UTC') - interval '${ago} weeks') AT TIME ZONE 'UTC')`;
  const buckets: string[] = [];
  for (let ago = SPARKLINE_WEEKS - 1; ago >= 0; ago--) {
    const upper = ago === 0 ? `reported_at <= ${now}::timestamptz` : `reported_at < ${week(ago - 1)}`;
    buckets.push(`count(*) FILTER (WHERE reported_at >= ${week(ago)} AND ${upper})::int`);
  }
  return `ARRAY[${buckets.join(', ')}]`;
}

/**
 * One statement for everything a gate and a board card show: the domain rows, the global
 * thresholds, the facts, the sparkline, and members, active waivers of the phase and sign-offs of
 * the current round as JSON, for any number of domains.
 */
function gateStateSql(where: string): string {
  return `
SELECT d.id, d.key, d.name, d.description, d.stage, d.phase_entered_at AS "phaseEnteredAt", d.last_activity_at AS "lastActivityAt",
  d.held, d.hold_reason AS "holdReason", d.at_risk AS "atRisk", d.at_risk_reason AS "atRiskReason", d.auto_advance AS "autoAdvance",
  d.thresholds, d.ticket_seq AS "ticketSeq", d.gate_round AS "gateRound", d.version, d.created_at AS "createdAt", d.updated_at AS "updatedAt",
  d.risk_acknowledged_at AS "riskAcknowledgedAt", d.risk_acknowledged_by AS "riskAcknowledgedBy", d.risk_note AS "riskNote",
  (SELECT name FROM "user" WHERE id = d.risk_acknowledged_by) AS "riskAcknowledgedByName",
  d.certified_at AS "certifiedAt", d.review_requested_at AS "reviewRequestedAt",
  g.value AS "globalThresholds", ${FACTS_COLUMNS}, o.oddity, mm.members, ww.waivers, ss.sign_offs AS "signOffs",
  gr.required_roles AS "roundRoles", aa.additions
FROM domain d
LEFT JOIN setting g ON g.key = '${THRESHOLDS_SETTING}'
LEFT JOIN gate_round gr ON gr.domain_id = d.id AND gr.phase = d.stage AND gr.round = d.gate_round
CROSS JOIN LATERAL (SELECT ${windowDays('newInvestigationWindowDays')} AS new_days) th
${factsLaterals('$2', 'th.new_days')}
CROSS JOIN LATERAL (
  SELECT ${oddityWeeksColumn('$2')} AS oddity FROM investigation
   WHERE domain_id = d.id
     AND reported_at >= ((date_trunc('week', $2::timestamptz AT TIME ZONE 'UTC') - interval '${SPARKLINE_WEEKS - 1} weeks') AT TIME ZONE 'UTC')
) o
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('domainId', m.domain_id, 'userId', m.user_id, 'role', m.role, 'name', u.name, 'email', u.email)
                           ORDER BY u.name, u.id, m.role), '[]'::json) AS members
    FROM domain_member m JOIN "user" u ON u.id = m.user_id WHERE m.domain_id = d.id
) mm
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('id', w.id, 'domainId', w.domain_id, 'phase', w.phase, 'criterion', w.criterion, 'reason', w.reason,
                                             'userId', w.user_id, 'userName', u.name, 'userEmail', u.email, 'createdAt', w.created_at)
                           ORDER BY w.created_at, w.id), '[]'::json) AS waivers
    FROM waiver w LEFT JOIN "user" u ON u.id = w.user_id
   WHERE w.domain_id = d.id AND w.phase = d.stage AND w.revoked_at IS NULL
) ww
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('id', s.id, 'domainId', s.domain_id, 'phase', s.phase, 'round', s.round, 'role', s.role,
                                             'userId', s.user_id, 'userName', u.name, 'userEmail', u.email, 'decision', s.decision,
                                             'comment', s.comment, 'evidence', s.evidence, 'staleAt', s.stale_at, 'staleReason', s.stale_reason,
                                             'supersededAt', s.superseded_at, 'overriddenAt', s.overridden_at,
                                             'overriddenBy', s.overridden_by, 'overriddenByName', ou.name,
                                             'overrideReason', s.override_reason, 'withdrawnAt', s.withdrawn_at,
                                             'withdrawReason', s.withdraw_reason, 'createdAt', s.created_at)
                           ORDER BY s.created_at, s.id), '[]'::json) AS sign_offs
    FROM sign_off s LEFT JOIN "user" u ON u.id = s.user_id LEFT JOIN "user" ou ON ou.id = s.overridden_by
   WHERE s.domain_id = d.id AND s.phase = d.stage AND s.round = d.gate_round
) ss
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('id', x.id, 'domainId', x.domain_id, 'phase', x.phase, 'kind', x.kind, 'value', x.value,
                                             'reason', x.reason, 'userId', x.user_id, 'userName', u.name, 'userEmail', u.email,
                                             'createdAt', x.created_at)
                           ORDER BY x.created_at, x.id), '[]'::json) AS additions
    FROM gate_addition x LEFT JOIN "user" u ON u.id = x.user_id
   WHERE x.domain_id = d.id AND x.phase = d.stage AND x.removed_at IS NULL
) aa
WHERE ${where}`;
}

type GateStateRow = FactsRow & {
  id: string;
  key: string;
  name: string;
  description: string;
  stage: Domain['stage'];
  phaseEnteredAt: Date;
  lastActivityAt: Date;
  held: boolean;
  holdReason: string | null;
  atRisk: boolean;
  atRiskReason: string | null;
  autoAdvance: boolean;
  thresholds: Domain['thresholds'] | null;
  ticketSeq: number;
  gateRound: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  riskAcknowledgedAt: Date | null;
  riskAcknowledgedBy: string | null;
  riskAcknowledgedByName: string | null;
  riskNote: string | null;
  certifiedAt: Date | null;
  reviewRequestedAt: Date | null;
  roundRoles: DomainRole[] | null;
  additions: (Omit<GateAdditionRecord, 'createdAt'> & { createdAt: string })[];
  globalThresholds: unknown;
  oddity: number[];
  members: MemberRecord[];
  waivers: (Omit<WaiverRecord, 'createdAt' | 'revokedAt'> & { createdAt: string })[];
  signOffs: SignOffRecord[];
};

function asObject(value: unknown): Partial<GateThresholds> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<GateThresholds>) : {};
}

/** Judges one domain's gate from its loaded row. */
function toGateState(tx: EntityManager, row: GateStateRow, given: Domain | undefined, now: Date): GateState {
  const domain =
    given ??
    tx.create(Domain, {
      id: row.id,
      key: row.key,
      name: row.name,
      description: row.description,
      stage: row.stage,
      phaseEnteredAt: new Date(row.phaseEnteredAt),
      lastActivityAt: new Date(row.lastActivityAt),
      held: row.held,
      holdReason: row.holdReason,
      atRisk: row.atRisk,
      atRiskReason: row.atRiskReason,
      autoAdvance: row.autoAdvance,
      thresholds: asObject(row.thresholds),
      ticketSeq: Number(row.ticketSeq),
      gateRound: Number(row.gateRound),
      version: Number(row.version),
      createdAt: new Date(row.createdAt),
      updatedAt: new Date(row.updatedAt),
      riskAcknowledgedAt: row.riskAcknowledgedAt ? new Date(row.riskAcknowledgedAt) : null,
      riskAcknowledgedBy: row.riskAcknowledgedBy,
      riskNote: row.riskNote,
      certifiedAt: row.certifiedAt ? new Date(row.certifiedAt) : null,
      reviewRequestedAt: row.reviewRequestedAt ? new Date(row.reviewRequestedAt) : null,
    });
  const thresholds = effectiveThresholds(asObject(row.globalThresholds), domain);
  const facts = factsFromRow(row, domain.phaseEnteredAt, now);
  const members = row.members;
  const waivers: WaiverRecord[] = row.waivers.map((w) => ({ ...w, createdAt: new Date(w.createdAt), revokedAt: null }));
  const roundSignOffs = row.signOffs.map(toSignOffRecord);
  const additions: GateAdditionRecord[] = row.additions.map((a) => ({ ...a, createdAt: new Date(a.createdAt) }));
  const addedCriteria = additions.filter((a) => a.kind === 'criterion').map((a) => a.value as CriterionKey);
  const addedRoles = additions.filter((a) => a.kind === 'role').map((a) => a.value as DomainRole);
  const waiverInputs = waivers.map(toWaiverInput);
  const outcomes = isPhase(domain.stage)
    ? criterionOutcomes(evaluateCriteria(domain.stage, facts, thresholds, waiverInputs, addedCriteria))
    : {};
  const decisions: CountedSignOff[] = roundSignOffs
    .filter((record) => !record.supersededAt)
    .map((record) => ({
      record,
      stale: isSignOffStale(record, outcomes),
      held: members.some((m) => m.userId === record.userId && m.role === record.role),
    }));
  const roleHolders: Partial<Record<DomainRole, number>> = {};
  for (const member of members) roleHolders[member.role] = (roleHolders[member.role] ?? 0) + 1;
  const hasSponsor = (roleHolders.sponsor ?? 0) > 0;
  // A round that opened before rounds were recorded is judged by today's members, as it always was.
  const rolesFixed = Array.isArray(row.roundRoles);
  const roundRoles = rolesFixed
    ? row.roundRoles!
    : isPhase(domain.stage)
      ? definitionRoles(domain.stage, hasSponsor)
      : [];
  // A standing rejection keeps its role required whatever happened to the membership since.
  const rejected = decisions
    .filter((d) => d.record.decision === 'reject' && !d.record.overriddenAt)
    .map((d) => d.record.role);
  const required = [...new Set([...roundRoles, ...addedRoles, ...rejected])];
  const signOffStates: GateSignOffState[] = decisions.map(({ record, stale, held }) => ({
    role: record.role,
    decision: record.decision,
    stale,
    held,
    overridden: !!record.overriddenAt,
    by: record.userName,
  }));
  const evaluation = evaluateGate({
    stage: domain.stage,
    facts,
    thresholds,
    waivers: waiverInputs,
    held: domain.held,
    hasSponsor,
    roleHolders,
    signOffs: signOffStates,
    requiredRoles: required,
    addedCriteria,
  });
  return {
    domain,
    thresholds,
    facts,
    members,
    waivers,
    decisions,
    additions,
    rolesFixed,
    roundSignOffs,
    evaluation,
    oddity: row.oddity.map(Number),
    riskAcknowledgedByName: row.riskAcknowledgedByName ?? null,
  };
}

/**
 * Loads and evaluates the current gate of many domains in one statement, whatever their number.
 * Given entities (e.g. a row locked by the caller) are kept as the states' `domain`.
 */
export async function loadGateStates(
  tx: EntityManager,
  domains: readonly Domain[],
  now: Date,
): Promise<Map<string, GateState>> {
  const states = new Map<string, GateState>();
  if (!domains.length) return states;
  const given = new Map(domains.map((d) => [d.id, d]));
  const rows: GateStateRow[] = await tx.query(gateStateSql('d.id = ANY($1::uuid[])'), [domains.map((d) => d.id), now]);
  for (const row of rows) states.set(row.id, toGateState(tx, row, given.get(row.id), now));
  return states;
}

/** The gate states of domains known only by id, in the order of `ids` (unknown ids are left out). */
export async function loadGateStatesByIds(tx: EntityManager, ids: readonly string[], now: Date): Promise<GateState[]> {
  if (!ids.length) return [];
  const rows: GateStateRow[] = await tx.query(gateStateSql('d.id = ANY($1::uuid[])'), [ids, now]);
  const byId = new Map(rows.map((row) => [row.id, toGateState(tx, row, undefined, now)]));
  return ids.map((id) => byId.get(id)).filter((state): state is GateState => !!state);
}

export async function loadGateState(tx: EntityManager, domain: Domain, now: Date): Promise<GateState> {
  return (await loadGateStates(tx, [domain], now)).get(domain.id)!;
}

/** One domain's gate state by key, in a single statement; 404 when there is no such domain. */
export async function loadGateStateByKey(tx: EntityManager, key: string, now: Date): Promise<GateState> {
  const [row]: GateStateRow[] = await tx.query(gateStateSql('d.key = $1'), [key.toUpperCase(), now]);
  if (!row) throw notFound(`Domain ${key}`);
  return toGateState(tx, row, undefined, now);
}

/** Roles a user holds in the domain of a loaded gate state. */
export function heldRoles(state: GateState, userId: string): DomainRole[] {
  return state.members.filter((m) => m.userId === userId).map((m) => m.role);
}

/**
 * The decision that decides a role: a standing rejection, else a fresh approval by a holder, else
 * the latest decision of the role; null when nobody signed it this round.
 */
export function decisiveSignOff(state: GateState, role: DomainRole): CountedSignOff | null {
  const mine = state.decisions.filter((d) => d.record.role === role);
  return (
    mine.find((d) => d.record.decision === 'reject' && !d.record.overriddenAt) ??
    mine.find((d) => d.record.decision === 'approve' && !d.stale && d.held) ??
    mine.at(-1) ??
    null
  );
}

/** A required role of the gate is filled: the shared evaluation names nothing that blocks it. */
export function roleApproved(state: GateState, role: DomainRole): boolean {
  return (
    state.evaluation.requiredRoles.includes(role) &&
    !state.evaluation.blocking.some((reason) => 'role' in reason && reason.role === role)
  );
}

/**
 * Roles the user has signed in the current round. Superseded sign-offs count too: someone whose
 * decision another holder of the role replaced has still acted in that role this round.
 */
export function rolesFilledBy(state: GateState, userId: string): DomainRole[] {
  return [...new Set(state.roundSignOffs.filter((s) => s.userId === userId).map((s) => s.role))];
}
