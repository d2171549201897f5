import type { EntityManager } from 'typeorm';
import { priorityRank } from '../../db/ranks';
import type { UserRef } from '../../../shared/api/common';
import type { Phase, Priority, TicketKind, TicketStatus } from '../../../shared/api/enums';

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

type Raw = Record<string, unknown>;

/** Sortable rank of a priority, highest first when ordered descending. */
export const PRIORITY_RANK_SQL = priorityRank('t.priority');

/**
 * The columns of a ticket view, read from a ticket row aliased `t` (the table itself or a CTE of
 * its rows) joined by TICKET_JOINS: users and the comment count in the same statement, no N+1.
 */
export const TICKET_COLUMNS = `t.id, t.domain_id, d.key AS domain_key, t.number, t.key, t.kind, t.title, t.body, t.phase,
  t.status, t.priority, t.assignee_id, a.name AS assignee_name, a.email AS assignee_email,
  t.reporter_id, r.name AS reporter_name, r.email AS reporter_email,
  to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.labels, t.artifact_ids::text[] AS artifact_ids,
  t.investigation_id, t.version, t.created_at, t.updated_at,
  (SELECT count(*)::int FROM comment c WHERE c.subject_type = 'ticket' AND c.subject_id = t.id::text) AS comment_count`;
// to_char above: the driver would turn a date into a local-midnight Date

export const TICKET_JOINS = `JOIN domain d ON d.id = t.domain_id
  LEFT JOIN "user" a ON a.id = t.assignee_id
  LEFT JOIN "user" r ON r.id = t.reporter_id`;

/** Ticket records matching a WHERE clause over `t` (with $n parameters), plus ORDER BY/LIMIT. */
export async function selectTicketRecords(
  em: EntityManager,
  where: string,
  params: unknown[],
  tail = '',
): Promise<TicketRecord[]> {
  const rows: Raw[] = await em.query(
    `SELECT ${TICKET_COLUMNS} FROM ticket t ${TICKET_JOINS} WHERE ${where} ${tail}`,
    params,
  );
  return rows.map(toTicketRecord);
}

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
  return (await selectTicketRecords(em, 't.id = $1', [id]))[0] ?? null;
}
