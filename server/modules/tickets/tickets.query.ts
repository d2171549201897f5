import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { UserRef } from '../../../shared/api/common';
import type { Phase, Priority, TicketKind, TicketStatus } from '../../../shared/api/enums';
import { Ticket } from './ticket.entity';

/** A ticket with what its view needs: domain key, assignee, reporter, comment count. */
export interface TicketRecord {
  id: string;
  domainId: string;
  domainKey: string;
  number: number;
  key: string;
  kind: TicketKind;
  title: string;
  body: string;
  phase: Phase;
  status: TicketStatus;
  priority: Priority;
  assignee: UserRef | null;
  reporter: UserRef | null;
  dueDate: string | null;
  labels: string[];
  artifactIds: string[];
  investigationId: number | null;
  commentCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Sortable rank of a priority, highest first when ordered descending. */
export const PRIORITY_RANK_SQL = `(CASE t.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)`;

/**
 * One query for a list of tickets with their users and comment counts (no N+1): callers add
 * WHERE, ORDER BY and LIMIT, then map rows with toTicketRecord.
 */
export function ticketRecordQuery(em: EntityManager): SelectQueryBuilder<Ticket> {
  return em
    .createQueryBuilder(Ticket, 't')
    .innerJoin('domain', 'd', 'd.id = t.domain_id')
    .leftJoin('user', 'a', 'a.id = t.assignee_id')
    .leftJoin('user', 'r', 'r.id = t.reporter_id')
    .select([
      't.id AS id',
      't.domain_id AS domain_id',
      'd.key AS domain_key',
      't.number AS number',
      't.key AS key',
      't.kind AS kind',
      't.title AS title',
      't.body AS body',
      't.phase AS phase',
      't.status AS status',
      't.priority AS priority',
      't.assignee_id AS assignee_id',
      'a.name AS assignee_name',
      'a.email AS assignee_email',
      't.reporter_id AS reporter_id',
      'r.name AS reporter_name',
      'r.email AS reporter_email',
      // date columns as text: the driver would turn them into local-midnight Dates
      `to_char(t.due_date, 'YYYY-MM-DD') AS due_date`,
      't.labels AS labels',
      't.artifact_ids::text[] AS artifact_ids',
      't.investigation_id AS investigation_id',
      't.version AS version',
      't.created_at AS created_at',
      't.updated_at AS updated_at',
    ])
    .addSelect(
      `(SELECT count(*)::int FROM comment c WHERE c.subject_type = 'ticket' AND c.subject_id = t.id::text)`,
      'comment_count',
    );
}

type Raw = Record<string, unknown>;

function userRef(id: unknown, name: unknown, email: unknown): UserRef | null {
  return id && name ? { id: String(id), name: String(name), email: String(email) } : null;
}

export function toTicketRecord(row: Raw): TicketRecord {
  return {
    id: String(row.id),
    domainId: String(row.domain_id),
    domainKey: String(row.domain_key),
    number: Number(row.number),
    key: String(row.key),
    kind: row.kind as TicketKind,
    title: String(row.title),
    body: String(row.body),
    phase: row.phase as Phase,
    status: row.status as TicketStatus,
    priority: row.priority as Priority,
    assignee: userRef(row.assignee_id, row.assignee_name, row.assignee_email),
    reporter: userRef(row.reporter_id, row.reporter_name, row.reporter_email),
    dueDate: (row.due_date as string | null) ?? null,
    labels: (row.labels as string[] | null) ?? [],
    artifactIds: (row.artifact_ids as string[] | null) ?? [],
    investigationId:
      row.investigation_id === null || row.investigation_id === undefined ? null : Number(row.investigation_id),
    commentCount: Number(row.comment_count ?? 0),
    version: Number(row.version),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  };
}

/** The record of one ticket by id, read with the given manager (inside a transaction: its tx). */
export async function loadTicketRecord(em: EntityManager, id: string): Promise<TicketRecord | null> {
  const row = await ticketRecordQuery(em).where('t.id = :id', { id }).getRawOne<Raw>();
  return row ? toTicketRecord(row) : null;
}
