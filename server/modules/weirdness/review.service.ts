import type { EntityManager } from 'typeorm';
import { priorityRank } from '../../db/ranks';
import type { UserRef } from '../../../shared/api/common';
import type {
  ArtifactStatus,
  ArtifactType,
  Phase,
  Priority,
  TicketKind,
  TicketStatus,
} from '../../../shared/api/enums';
import { OPEN_TICKET_STATUSES } from '../../../shared/api/enums';
import type { ConfidenceReviewView } from '../../../shared/api/investigations';
import type { CaveatView } from '../../../shared/api/tickets';
import { criterionOutcomes } from '../../../shared/workflow/evaluate';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { findDomain } from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import {
  isSignOffStale,
  loadGateState,
  SIGN_OFF_COLUMNS,
  toSignOffRecord,
  type SignOffRecord,
} from '../gates/gate-state';
import { presentSignOff } from '../gates/gates.presenter';
import { listInvestigations } from './investigations.query';
import { DEFAULT_ODDITY_WEEKS, oddityRate } from './oddity.service';

const ref = (id: string | null, name: string | null, email: string | null): UserRef | null =>
  id && name !== null ? { id, name, email: email ?? '' } : null;

interface TicketRow {
  key: string;
  title: string;
  kind: TicketKind;
  phase: Phase;
  status: TicketStatus;
  priority: Priority;
  updatedAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeEmail: string | null;
}

async function openTickets(tx: EntityManager, domainId: string): Promise<ConfidenceReviewView['openItems']['tickets']> {
  const rows: TicketRow[] = await tx.query(
    `SELECT t.key, t.title, t.kind, t.phase, t.status, t.priority, t.updated_at AS "updatedAt",
            t.assignee_id AS "assigneeId", u.name AS "assigneeName", u.email AS "assigneeEmail"
       FROM ticket t LEFT JOIN "user" u ON u.id = t.assignee_id
      WHERE t.domain_id = $1 AND t.status = ANY($2)
      ORDER BY ${priorityRank('t.priority')} DESC, t.number`,
    [domainId, [...OPEN_TICKET_STATUSES]],
  );
  return rows.map((row) => ({
    key: row.key,
    title: row.title,
    kind: row.kind,
    phase: row.phase,
    status: row.status,
    priority: row.priority,
    assignee: ref(row.assigneeId, row.assigneeName, row.assigneeEmail),
  }));
}

async function handoffSessions(tx: EntityManager, domainId: string): Promise<ConfidenceReviewView['handoffSessions']> {
  const rows: TicketRow[] = await tx.query(
    `SELECT t.key, t.title, t.updated_at AS "updatedAt", t.assignee_id AS "assigneeId", u.name AS "assigneeName", u.email AS "assigneeEmail"
       FROM ticket t LEFT JOIN "user" u ON u.id = t.assignee_id
      WHERE t.domain_id = $1 AND t.kind = 'session' AND t.status = 'done'
      ORDER BY t.updated_at, t.number`,
    [domainId],
  );
  return rows.map((row) => ({
    key: row.key,
    title: row.title,
    assignee: ref(row.assigneeId, row.assigneeName, row.assigneeEmail),
    doneAt: new Date(row.updatedAt).toISOString(),
  }));
}

/** Every artifact of the domain with its caveats: two queries, not one per artifact. */
async function artifactsWithCaveats(tx: EntityManager, domainId: string): Promise<ConfidenceReviewView['artifacts']> {
  const artifacts: { id: string; type: ArtifactType; name: string; status: ArtifactStatus }[] = await tx.query(
    `SELECT id, type, name, status FROM artifact WHERE domain_id = $1 ORDER BY type, name, id`,
    [domainId],
  );
  if (!artifacts.length) return [];
  const caveats: {
    id: string;
    artifactId: string;
    text: string;
    investigationId: number | null;
    recurrence: CaveatView['recurrence'];
    createdAt: Date;
    authorId: string | null;
    name: string | null;
    email: string | null;
  }[] = await tx.query(
    `SELECT c.id, c.artifact_id AS "artifactId", c.text, c.recurrence, c.investigation_id AS "investigationId", c.created_at AS "createdAt",
              c.author_id AS "authorId", u.name, u.email
         FROM caveat c LEFT JOIN "user" u ON u.id = c.author_id
        WHERE c.artifact_id = ANY($1::uuid[])
        ORDER BY c.created_at, c.id`,
    [artifacts.map((a) => a.id)],
  );
  const byArtifact = new Map<string, CaveatView[]>();
  for (const caveat of caveats) {
    const list = byArtifact.get(caveat.artifactId) ?? [];
    list.push({
      id: caveat.id,
      text: caveat.text,
      recurrence: caveat.recurrence ?? null,
      investigationId: caveat.investigationId,
      author: ref(caveat.authorId, caveat.name, caveat.email),
      createdAt: new Date(caveat.createdAt).toISOString(),
    });
    byArtifact.set(caveat.artifactId, list);
  }
  return artifacts.map((artifact) => ({ ...artifact, caveats: byArtifact.get(artifact.id) ?? [] }));
}

/** Sign-offs outside the current round, or superseded in it: decisions already taken, with what they saw. */
async function pastSignOffs(tx: EntityManager, domain: Domain): Promise<SignOffRecord[]> {
  const rows: SignOffRecord[] = await tx.query(
    `SELECT ${SIGN_OFF_COLUMNS}
       FROM sign_off s JOIN "user" u ON u.id = s.user_id
      WHERE s.domain_id = $1 AND (s.phase <> $2 OR s.round <> $3 OR s.superseded_at IS NOT NULL)
      ORDER BY s.created_at DESC, s.id`,
    [domain.id, domain.stage, domain.gateRound],
  );
  return rows.map(toSignOffRecord);
}

/** The evidence for the confidence gate in one bundle (GET /domains/:key/review). */
export async function loadReview(deps: AppDeps, actor: Actor, key: string): Promise<ConfidenceReviewView> {
  const now = deps.now();
  return deps.dataSource.transaction('REPEATABLE READ', async (tx) => {
    const domain = await findDomain(tx, key);
    const gate = await loadGateState(tx, domain, now);
    const outcomes = criterionOutcomes(gate.evaluation.criteria);
    const investigations = await listInvestigations(
      tx,
      actor,
      { status: [...OPEN_INVESTIGATION_STATUSES], limit: 200 },
      now,
      { domainId: domain.id },
    );
    return {
      domain: { key: domain.key, name: domain.name, stage: domain.stage },
      criteria: gate.evaluation.criteria,
      oddity: await oddityRate(tx, domain, DEFAULT_ODDITY_WEEKS, now),
      openItems: { tickets: await openTickets(tx, domain.id), investigations: investigations.items },
      artifacts: await artifactsWithCaveats(tx, domain.id),
      handoffSessions: await handoffSessions(tx, domain.id),
      signOffs: gate.roundSignOffs.map((record) => presentSignOff(record, isSignOffStale(record, outcomes))),
      pastDecisions: (await pastSignOffs(tx, domain)).map((record) => presentSignOff(record, record.staleAt !== null)),
    };
  });
}
