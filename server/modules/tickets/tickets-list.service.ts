import type { DataSource, EntityManager } from 'typeorm';
import { priorityRankOf } from '../../db/ranks';
import type { Page } from '../../../shared/api/common';
import type { DomainRole } from '../../../shared/api/enums';
import { notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { domainPermissions, type DomainPermissions } from '../domains/domain-access';
import type { TicketListQuery, TicketSort } from './tickets.dto';
import { PRIORITY_RANK_SQL, TICKET_COLUMNS, TICKET_JOINS, toTicketRecord, type TicketRecord } from './tickets.query';

const UPDATED_MS = `date_trunc('milliseconds', t.updated_at)`;

/** A domain's id and the caller's permissions there, in one statement. */
async function domainAndPermissions(
  em: EntityManager,
  actor: Actor,
  key: string,
): Promise<{ domainId: string; permissions: DomainPermissions }> {
  const [row]: { id: string; roles: DomainRole[] }[] = await em.query(
    `SELECT d.id, ARRAY(SELECT m.role FROM domain_member m WHERE m.domain_id = d.id AND m.user_id = $2)::text[] AS roles
       FROM domain d WHERE d.key = $1`,
    [key.toUpperCase(), actor.user.id],
  );
  if (!row) throw notFound(`Domain ${key}`);
  return { domainId: row.id, permissions: domainPermissions(actor, row.roles) };
}

function escapeLike(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** ORDER BY, the keyset condition after a cursor, and the cursor of a row, for each sort. */
function sortPlan(sort: TicketSort, after: unknown[] | null, param: (value: unknown) => string) {
  switch (sort) {
    case 'number':
    case '-number': {
      const desc = sort === '-number';
      return {
        orderBy: `t.number ${desc ? 'DESC' : 'ASC'}`,
        condition: after ? `t.number ${desc ? '<' : '>'} ${param(Number(after[0]))}` : null,
        cursorOf: (ticket: TicketRecord) => [ticket.number],
      };
    }
    case 'priority': {
      const rank = after ? param(Number(after[0])) : '';
      const n = after ? param(Number(after[1])) : '';
      return {
        orderBy: `${PRIORITY_RANK_SQL} DESC, t.number ASC`,
        condition: after
          ? `(${PRIORITY_RANK_SQL} < ${rank} OR (${PRIORITY_RANK_SQL} = ${rank} AND t.number > ${n}))`
          : null,
        cursorOf: (ticket: TicketRecord) => [priorityRankOf(ticket.priority), ticket.number],
      };
    }
    case 'updatedAt': {
      // milliseconds: what a JS Date (and so the cursor) can carry
      const at = after ? `CAST(${param(String(after[0]))} AS timestamptz)` : '';
      const n = after ? param(Number(after[1])) : '';
      return {
        orderBy: `${UPDATED_MS} DESC, t.number ASC`,
        condition: after ? `(${UPDATED_MS} < ${at} OR (${UPDATED_MS} = ${at} AND t.number > ${n}))` : null,
        cursorOf: (ticket: TicketRecord) => [ticket.updatedAt.toISOString(), ticket.number],
      };
    }
    case 'dueDate': {
      // undated tickets come last; an empty string in the cursor stands for "no due date"
      let condition: string | null = null;
      if (after && after[0] === '') condition = `(t.due_date IS NULL AND t.number > ${param(Number(after[1]))})`;
      else if (after) {
        const due = `CAST(${param(String(after[0]))} AS date)`;
        condition = `(t.due_date > ${due} OR (t.due_date = ${due} AND t.number > ${param(Number(after[1]))}) OR t.due_date IS NULL)`;
      }
      return {
        orderBy: 't.due_date ASC NULLS LAST, t.number ASC',
        condition,
        cursorOf: (ticket: TicketRecord) => [ticket.dueDate ?? '', ticket.number],
      };
    }
  }
}

/**
 * A domain's tickets, filtered, sorted and keyset-paginated. Two statements: the domain with the
 * caller's roles, then the page, whose CTE counts every filtered row (the total) before the
 * cursor applies, and whose joins run only for the rows of the page.
 */
export async function listTickets(
  dataSource: DataSource,
  actor: Actor,
  domainKey: string,
  query: TicketListQuery,
): Promise<Page<TicketRecord> & { permissions: DomainPermissions }> {
  const em = dataSource.manager;
  const { domainId, permissions } = await domainAndPermissions(em, actor, domainKey);
  const limit = pageLimit(query.limit);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters = [`t.domain_id = ${param(domainId)}`];
  if (query.phase) filters.push(`t.phase = ${param(query.phase)}`);
  if (query.status) filters.push(`t.status = ANY(${param(query.status.split(','))}::text[])`);
  if (query.kind) filters.push(`t.kind = ${param(query.kind)}`);
  if (query.priority) filters.push(`t.priority = ${param(query.priority)}`);
  if (query.assignee === 'none') filters.push('t.assignee_id IS NULL');
  else if (query.assignee)
    filters.push(`t.assignee_id = ${param(query.assignee === 'me' ? actor.user.id : query.assignee.toLowerCase())}`);
  if (query.label) filters.push(`${param(query.label.trim())} = ANY(t.labels)`);
  if (query.q) {
    const q = param(escapeLike(query.q));
    filters.push(`(t.title ILIKE ${q} OR t.body ILIKE ${q} OR t.key = ${param(query.q.trim().toUpperCase())})`);
  }
  const filterParams = params.length;
  const sort = query.sort ?? 'number';
  const after = decodeCursor(query.cursor, sort === 'number' || sort === '-number' ? 1 : 2);
  const plan = sortPlan(sort, after, param);
  const rows: Record<string, unknown>[] = await em.query(
    `WITH filtered AS (SELECT t.*, count(*) OVER () AS total FROM ticket t WHERE ${filters.join(' AND ')})
     SELECT ${TICKET_COLUMNS}, t.total FROM filtered t ${TICKET_JOINS}
      ${plan.condition ? `WHERE ${plan.condition}` : ''}
      ORDER BY ${plan.orderBy} LIMIT ${fetchSize(limit)}`,
    params,
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && after) {
    // a cursor past the last row: the page is empty but the total is not
    const [row]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM ticket t WHERE ${filters.join(' AND ')}`,
      params.slice(0, filterParams),
    );
    total = row?.n ?? 0;
  }
  const page = keysetPage(rows.map(toTicketRecord), limit, plan.cursorOf);
  return {
    items: page.rows,
    total,
    nextCursor: page.nextCursor,
    permissions,
  };
}
