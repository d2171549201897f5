import type { DataSource, EntityManager } from 'typeorm';
import type { CommentView } from '../../../shared/api/tickets';
import { OPEN_TICKET_STATUSES, type Phase, type TicketStatus } from '../../../shared/api/enums';
import { badRequest, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { Artifact } from '../artifacts/artifact.entity';
import { auditable, recordAudit } from '../audit/audit.service';
import {
  assertContribute,
  domainPermissions,
  domainRolesOf,
  lockDomain,
  lockDomainById,
  touchDomain,
  type DomainPermissions,
} from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { recheckSignOffs } from '../gates/staleness';
import { notify } from '../inbox/notify';
import { User } from '../users/user.entity';
import { Investigation } from '../weirdness/investigation.entity';
import { assertVersion, type ExpectedVersion } from '../../http/preconditions';
import { addComment, listComments, notifyMentions, type CommentSubject } from './comments.service';
import { Ticket } from './ticket.entity';
import type { CreateTicketDto, UpdateTicketDto } from './tickets.dto';
import { loadTicketRecord, selectTicketRecords, type TicketRecord } from './tickets.query';

export interface TicketResult {
  ticket: TicketRecord;
  permissions: DomainPermissions;
}

const CLOSED_STATUSES: readonly TicketStatus[] = ['done', 'wont_do'];

/** The caller's permissions in one domain. */
export async function permissionsIn(em: EntityManager, actor: Actor, domainId: string): Promise<DomainPermissions> {
  return domainPermissions(actor, await domainRolesOf(em, domainId, actor.user.id));
}

/** The phase a new ticket lands in: the domain's own, or the last one once certified. */
export function currentPhaseOf(domain: Domain): Phase {
  return domain.stage === 'certified' ? 'confidence' : domain.stage;
}

export function normalizeLabels(labels: string[] | null | undefined): string[] {
  return [...new Set((labels ?? []).map((label) => label.trim()).filter(Boolean))];
}

/** References must point at live things of the same domain; anything else is a 400 on that field. */
export async function assertReferences(
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

async function notifyAssignee(tx: EntityManager, actor: Actor, ticket: Ticket, now: Date): Promise<void> {
  await notify(
    tx,
    [ticket.assigneeId],
    {
      kind: 'assigned',
      domainId: ticket.domainId,
      entityType: 'ticket',
      entityId: ticket.key,
      at: now,
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
  return dataSource.transaction((tx) => createTicketIn(tx, actor, domainKey, input, now));
}

/** createTicket in the caller's transaction (a weirdness report kept as a concern adds its notice). */
export async function createTicketIn(
  tx: EntityManager,
  actor: Actor,
  domainKey: string,
  input: CreateTicketDto,
  now: Date,
): Promise<TicketResult> {
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
  if (ticket.assigneeId) await notifyAssignee(tx, actor, ticket, now);
  await notifyMentions(tx, actor, ticketSubject(ticket), ticket.body, now);
  await recordAudit(tx, actor, {
    action: 'ticket.create',
    entityType: 'ticket',
    entityId: ticket.id,
    domainId: domain.id,
    after: auditable(ticket),
  });
  await recheckSignOffs(tx, actor, domain, now);
  await touchDomain(tx, domain.id, now);
  return { ticket: (await loadTicketRecord(tx, ticket.id))!, permissions };
}

export async function getTicket(dataSource: DataSource, actor: Actor, ticketKey: string): Promise<TicketResult> {
  const [ticket] = await selectTicketRecords(dataSource.manager, 't.key = $1', [ticketKey]);
  if (!ticket) throw notFound(`Ticket ${ticketKey}`);
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
 * reopen and a sign-off of the same gate cannot interleave.
 */
export async function updateTicket(
  dataSource: DataSource,
  actor: Actor,
  ticketKey: string,
  input: UpdateTicketDto,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketResult> {
  return dataSource.transaction(async (tx) => {
    const { domain, ticket } = await lockTicket(tx, ticketKey);
    const permissions = await permissionsIn(tx, actor, domain.id);
    assertContribute(permissions);
    assertVersion(`Ticket ${ticket.key}`, ticket.version, expected);
    await assertReferences(tx, domain.id, input);
    const cause = await applyTicketChanges(tx, actor, domain, ticket, input, now);
    await recheckSignOffs(tx, actor, domain, now, cause);
    await touchDomain(tx, domain.id, now);
    return { ticket: (await loadTicketRecord(tx, ticket.id))!, permissions };
  });
}

/**
 * The rules of one ticket change, shared by PATCH and the bulk change: the caller has locked the
 * domain then the ticket, checked permissions and references (assertReferences). Notifies a
 * new assignee and writes the ticket's audit event. Returns the staleness cause when it reopened a
 * ticket of the current phase; the caller then rechecks the gate's sign-offs (recheckSignOffs).
 */
export async function applyTicketChanges(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  ticket: Ticket,
  input: Omit<UpdateTicketDto, 'version'>,
  now: Date,
): Promise<string | undefined> {
  const before = auditable(ticket);
  const previousStatus = ticket.status;
  const previousAssignee = ticket.assigneeId;
  const previousBody = ticket.body;
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

  if (ticket.assigneeId && ticket.assigneeId !== previousAssignee) await notifyAssignee(tx, actor, ticket, now);
  if (ticket.body !== previousBody)
    await notifyMentions(tx, actor, ticketSubject(ticket), ticket.body, now, previousBody);
  const reopened = CLOSED_STATUSES.includes(previousStatus) && OPEN_TICKET_STATUSES.includes(ticket.status);
  await recordAudit(tx, actor, {
    action: 'ticket.update',
    entityType: 'ticket',
    entityId: ticket.id,
    domainId: domain.id,
    before,
    after: auditable(ticket),
  });
  return reopened && ticket.phase === domain.stage ? `Ticket ${ticket.key} reopened` : undefined;
}

/** How comments and mentions name a ticket. */
function ticketSubject(ticket: Ticket): CommentSubject {
  return {
    subjectType: 'ticket',
    subjectId: ticket.id,
    domainId: ticket.domainId,
    notifyAs: { entityId: ticket.key, label: `${ticket.key}: ${ticket.title}` },
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
    return addComment(tx, actor, { ...ticketSubject(ticket), body }, now);
  });
}

export async function listTicketComments(dataSource: DataSource, ticketKey: string): Promise<CommentView[]> {
  const ticket = await findTicket(dataSource.manager, ticketKey);
  return listComments(dataSource.manager, 'ticket', ticket.id);
}
