import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '../../../shared/api/common';
import type { CommentView } from '../../../shared/api/tickets';
import { OPEN_TICKET_STATUSES, type Phase, type TicketStatus } from '../../../shared/api/enums';
import { badRequest, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, encodeCursor, pageLimit } from '../../http/pagination';
import { Artifact } from '../artifacts/artifact.entity';
import { auditable, recordAudit } from '../audit/audit.service';
import {
  assertContribute,
  domainPermissions,
  domainRolesOf,
  findDomain,
  lockDomain,
  lockDomainById,
  touchDomain,
  type DomainPermissions,
} from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { markSignOffsStale } from '../gates/staleness';
import { notify } from '../inbox/notify';
import { User } from '../users/user.entity';
import { Investigation } from '../weirdness/investigation.entity';
import { assertVersion } from './expected-version';
import { addComment, listComments } from './comments.service';
import { Ticket } from './ticket.entity';
import type { CreateTicketDto, TicketListQuery, UpdateTicketDto } from './tickets.dto';
import {
  loadTicketRecord,
  PRIORITY_RANK_SQL,
  ticketRecordQuery,
  toTicketRecord,
  type TicketRecord,
} from './tickets.query';

export interface TicketResult {
  ticket: TicketRecord;
  permissions: DomainPermissions;
}

const CLOSED_STATUSES: readonly TicketStatus[] = ['done', 'wont_do'];
const PRIORITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** The caller's permissions in one domain. */
export async function permissionsIn(em: EntityManager, actor: Actor, domainId: string): Promise<DomainPermissions> {
  return domainPermissions(actor, await domainRolesOf(em, domainId, actor.user.id));
}

/** The phase a new ticket lands in: the domain's own, or the last one once certified. */
export function currentPhaseOf(domain: Domain): Phase {
  return domain.stage === 'certified' ? 'confidence' : domain.stage;
}

function normalizeLabels(labels: string[] | null | undefined): string[] {
  return [...new Set((labels ?? []).map((label) => label.trim()).filter(Boolean))];
}

/** References must point at live things of the same domain; anything else is a 400 on that field. */
async function assertReferences(
  tx: EntityManager,
  domainId: string,
  refs: { assigneeId?: string | null; artifactIds?: string[] | null; investigationId?: number | null },
): Promise<void> {
  if (refs.assigneeId && !(await tx.existsBy(User, { id: refs.assigneeId, active: true }))) {
    throw badRequest('assigneeId', 'must be an active user');
  }
  const artifactIds = [...new Set(refs.artifactIds ?? [])];
  if (artifactIds.length) {
    const found = await tx
      .createQueryBuilder(Artifact, 'a')
      .where('a.domain_id = :domainId AND a.id IN (:...ids)', { domainId, ids: artifactIds })
      .getCount();
    if (found !== artifactIds.length) throw badRequest('artifactIds', 'must be artifacts of this domain');
  }
  if (refs.investigationId && !(await tx.existsBy(Investigation, { id: refs.investigationId, domainId }))) {
    throw badRequest('investigationId', 'must be an investigation of this domain');
  }
}

async function notifyAssignee(tx: EntityManager, actor: Actor, ticket: Ticket): Promise<void> {
  await notify(
    tx,
    [ticket.assigneeId],
    {
      kind: 'assigned',
      domainId: ticket.domainId,
      entityType: 'ticket',
      entityId: ticket.key,
      message: `${actor.user.name} assigned you ${ticket.key}: ${ticket.title}`,
    },
    actor.user.id,
  );
}

/**
 * Creates a ticket. Its number comes from the domain's counter, incremented under the domain row
 * lock in the same transaction, so concurrent creations never share or skip a number.
 */
export async function createTicket(
  dataSource: DataSource,
  actor: Actor,
  domainKey: string,
  input: CreateTicketDto,
  now: Date,
): Promise<TicketResult> {
  return dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, domainKey);
    const permissions = await permissionsIn(tx, actor, domain.id);
    assertContribute(permissions);
    await assertReferences(tx, domain.id, input);
    const number = domain.ticketSeq + 1;
    // raw SQL: an ORM update would bump the domain's version and break its editors' If-Match
    await tx.query(`UPDATE "domain" SET ticket_seq = $2 WHERE id = $1`, [domain.id, number]);
    const ticket = await tx.save(
      tx.create(Ticket, {
        domainId: domain.id,
        number,
        key: `${domain.key}-${number}`,
        kind: input.kind,
        title: input.title.trim(),
        body: input.body ?? '',
        phase: input.phase ?? currentPhaseOf(domain),
        status: input.status ?? 'open',
        priority: input.priority ?? 'medium',
        assigneeId: input.assigneeId ?? null,
        reporterId: actor.user.id,
        dueDate: input.dueDate ?? null,
        labels: normalizeLabels(input.labels),
        artifactIds: [...new Set(input.artifactIds ?? [])],
        investigationId: input.investigationId ?? null,
        createdAt: now,
      }),
    );
    if (ticket.assigneeId) await notifyAssignee(tx, actor, ticket);
    await recordAudit(tx, actor, {
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: ticket.id,
      domainId: domain.id,
      after: auditable(ticket),
    });
    await touchDomain(tx, domain.id, now);
    return { ticket: (await loadTicketRecord(tx, ticket.id))!, permissions };
  });
}

export async function getTicket(dataSource: DataSource, actor: Actor, ticketKey: string): Promise<TicketResult> {
  const row = await ticketRecordQuery(dataSource.manager)
    .where('t.key = :key', { key: ticketKey })
    .getRawOne<Record<string, unknown>>();
  if (!row) throw notFound(`Ticket ${ticketKey}`);
  const ticket = toTicketRecord(row);
  return { ticket, permissions: await permissionsIn(dataSource.manager, actor, ticket.domainId) };
}

/** Finds a ticket by key and locks its domain, then the ticket (always in that order). */
export async function lockTicket(tx: EntityManager, ticketKey: string): Promise<{ domain: Domain; ticket: Ticket }> {
  const found = await tx.findOneBy(Ticket, { key: ticketKey });
  if (!found) throw notFound(`Ticket ${ticketKey}`);
  const domain = await lockDomainById(tx, found.domainId);
  const ticket = await tx.findOne(Ticket, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
  if (!ticket) throw notFound(`Ticket ${ticketKey}`);
  return { domain, ticket };
}

/**
 * Applies a partial update at the version the caller edited. The domain row is locked first so a
 * reopen and a sign-off of the same gate cannot interleave: a reopen of a ticket of the current
 * phase marks that gate's fresh sign-offs stale and asks their signers again.
 */
export async function updateTicket(
  dataSource: DataSource,
  actor: Actor,
  ticketKey: string,
  input: UpdateTicketDto,
  expected: number,
  now: Date,
): Promise<TicketResult> {
  return dataSource.transaction(async (tx) => {
    const { domain, ticket } = await lockTicket(tx, ticketKey);
    const permissions = await permissionsIn(tx, actor, domain.id);
    assertContribute(permissions);
    assertVersion(`Ticket ${ticket.key}`, ticket.version, expected);
    await assertReferences(tx, domain.id, input);
    const before = auditable(ticket);
    const previousStatus = ticket.status;
    const previousAssignee = ticket.assigneeId;
    if (input.kind !== undefined) ticket.kind = input.kind;
    if (input.title !== undefined) ticket.title = input.title.trim();
    if (input.body !== undefined) ticket.body = input.body;
    if (input.phase !== undefined) ticket.phase = input.phase;
    if (input.status !== undefined) ticket.status = input.status;
    if (input.priority !== undefined) ticket.priority = input.priority;
    if (input.assigneeId !== undefined) ticket.assigneeId = input.assigneeId;
    if (input.dueDate !== undefined) ticket.dueDate = input.dueDate;
    if (input.labels !== undefined) ticket.labels = normalizeLabels(input.labels);
    if (input.artifactIds !== undefined) ticket.artifactIds = [...new Set(input.artifactIds)];
    if (input.investigationId !== undefined) ticket.investigationId = input.investigationId;
    await tx.save(ticket);

    if (ticket.assigneeId && ticket.assigneeId !== previousAssignee) await notifyAssignee(tx, actor, ticket);
    const reopened = CLOSED_STATUSES.includes(previousStatus) && OPEN_TICKET_STATUSES.includes(ticket.status);
    if (reopened && ticket.phase === domain.stage) {
      const signers = await markSignOffsStale(tx, domain, `Ticket ${ticket.key} reopened`, now);
      await notify(tx, signers, {
        kind: 'signoff_requested',
        domainId: domain.id,
        entityType: 'domain',
        entityId: domain.key,
        message: `${ticket.key} was reopened, so your sign-off of the ${domain.stage} gate of ${domain.key} is stale; please review again.`,
      });
    }
    await recordAudit(tx, actor, {
      action: 'ticket.update',
      entityType: 'ticket',
      entityId: ticket.id,
      domainId: domain.id,
      before,
      after: auditable(ticket),
    });
    await touchDomain(tx, domain.id, now);
    return { ticket: (await loadTicketRecord(tx, ticket.id))!, permissions };
  });
}

function escapeLike(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** A domain's tickets, filtered, sorted and keyset-paginated, in two queries (count + page). */
export async function listTickets(
  dataSource: DataSource,
  actor: Actor,
  domainKey: string,
  query: TicketListQuery,
): Promise<Page<TicketRecord> & { permissions: DomainPermissions }> {
  const em = dataSource.manager;
  const domain = await findDomain(em, domainKey);
  const permissions = await permissionsIn(em, actor, domain.id);
  const limit = pageLimit(query.limit);
  const qb = ticketRecordQuery(em).where('t.domain_id = :domainId', { domainId: domain.id });
  if (query.phase) qb.andWhere('t.phase = :phase', { phase: query.phase });
  if (query.status) qb.andWhere('t.status IN (:...statuses)', { statuses: query.status.split(',') });
  if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
  if (query.priority) qb.andWhere('t.priority = :priority', { priority: query.priority });
  if (query.assignee === 'none') qb.andWhere('t.assignee_id IS NULL');
  else if (query.assignee) {
    qb.andWhere('t.assignee_id = :assignee', {
      assignee: query.assignee === 'me' ? actor.user.id : query.assignee.toLowerCase(),
    });
  }
  if (query.label) qb.andWhere(':label = ANY(t.labels)', { label: query.label.trim() });
  if (query.q) {
    qb.andWhere('(t.title ILIKE :q OR t.body ILIKE :q OR t.key = :qKey)', {
      q: escapeLike(query.q),
      qKey: query.q.trim().toUpperCase(),
    });
  }
  const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();

  const sort = query.sort ?? 'number';
  const UPDATED = `date_trunc('milliseconds', t.updated_at)`;
  const cursorLength = sort === 'number' || sort === '-number' ? 1 : 2;
  const after = decodeCursor(query.cursor, cursorLength);
  switch (sort) {
    case 'number':
      if (after) qb.andWhere('t.number > :n', { n: Number(after[0]) });
      qb.orderBy('t.number', 'ASC');
      break;
    case '-number':
      if (after) qb.andWhere('t.number < :n', { n: Number(after[0]) });
      qb.orderBy('t.number', 'DESC');
      break;
    case 'priority':
      if (after) {
        qb.andWhere(`(${PRIORITY_RANK_SQL} < :rank OR (${PRIORITY_RANK_SQL} = :rank AND t.number > :n))`, {
          rank: Number(after[0]),
          n: Number(after[1]),
        });
      }
      qb.orderBy(PRIORITY_RANK_SQL, 'DESC').addOrderBy('t.number', 'ASC');
      break;
    case 'updatedAt':
      if (after) {
        qb.andWhere(
          `(${UPDATED} < CAST(:updated AS timestamptz) OR (${UPDATED} = CAST(:updated AS timestamptz) AND t.number > :n))`,
          {
            updated: String(after[0]),
            n: Number(after[1]),
          },
        );
      }
      qb.orderBy(UPDATED, 'DESC').addOrderBy('t.number', 'ASC');
      break;
    case 'dueDate':
      if (after && after[0] === '') qb.andWhere('(t.due_date IS NULL AND t.number > :n)', { n: Number(after[1]) });
      else if (after) {
        qb.andWhere(
          '(t.due_date > CAST(:due AS date) OR (t.due_date = CAST(:due AS date) AND t.number > :n) OR t.due_date IS NULL)',
          {
            due: String(after[0]),
            n: Number(after[1]),
          },
        );
      }
      qb.orderBy('t.due_date', 'ASC', 'NULLS LAST').addOrderBy('t.number', 'ASC');
      break;
  }
  const rows = await qb.limit(limit + 1).getRawMany<Record<string, unknown>>();
  const items = rows.slice(0, limit).map(toTicketRecord);
  const last = items[items.length - 1];
  const cursorOf = (ticket: TicketRecord): (string | number)[] => {
    if (sort === 'priority') return [PRIORITY_RANK[ticket.priority], ticket.number];
    if (sort === 'updatedAt') return [ticket.updatedAt.toISOString(), ticket.number];
    if (sort === 'dueDate') return [ticket.dueDate ?? '', ticket.number];
    return [ticket.number];
  };
  return {
    items,
    total: total?.n ?? 0,
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
    permissions,
  };
}

async function findTicket(em: EntityManager, ticketKey: string): Promise<Ticket> {
  const ticket = await em.findOneBy(Ticket, { key: ticketKey });
  if (!ticket) throw notFound(`Ticket ${ticketKey}`);
  return ticket;
}

export async function addTicketComment(
  dataSource: DataSource,
  actor: Actor,
  ticketKey: string,
  body: string,
  now: Date,
): Promise<CommentView> {
  return dataSource.transaction(async (tx) => {
    const ticket = await findTicket(tx, ticketKey);
    assertContribute(await permissionsIn(tx, actor, ticket.domainId));
    return addComment(
      tx,
      actor,
      {
        subjectType: 'ticket',
        subjectId: ticket.id,
        domainId: ticket.domainId,
        body,
        notifyAs: { entityId: ticket.key, label: `${ticket.key}: ${ticket.title}` },
      },
      now,
    );
  });
}

export async function listTicketComments(dataSource: DataSource, ticketKey: string): Promise<CommentView[]> {
  const ticket = await findTicket(dataSource.manager, ticketKey);
  return listComments(dataSource.manager, 'ticket', ticket.id);
}
