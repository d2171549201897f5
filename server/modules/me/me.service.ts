import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { OPEN_TICKET_STATUSES, type DomainRole } from '../../../shared/api/enums';
import type { TicketView } from '../../../shared/api/tickets';
import type { Actor } from '../../http/context';
import { domainPermissions, type DomainPermissions } from '../domains/domain-access';
import { DomainMember } from '../domains/domain-member.entity';
import { presentTicket } from '../tickets/tickets.presenter';
import { PRIORITY_RANK_SQL, ticketRecordQuery, toTicketRecord } from '../tickets/tickets.query';
import { presentMyWork, type MyWorkView } from './me.presenter';

export const MY_WORK_LIMIT = 100;

/** The caller's permissions in each of the given domains, from one query of their memberships. */
export async function permissionsByDomain(
  em: EntityManager,
  actor: Actor,
  domainIds: string[],
): Promise<Map<string, DomainPermissions>> {
  const ids = [...new Set(domainIds)];
  const rows = ids.length ? await em.findBy(DomainMember, { userId: actor.user.id, domainId: In(ids) }) : [];
  const roles = new Map<string, DomainRole[]>(ids.map((id) => [id, []]));
  for (const row of rows) roles.get(row.domainId)?.push(row.role);
  return new Map(ids.map((id) => [id, domainPermissions(actor, roles.get(id) ?? [])]));
}

/** Open tickets assigned to the caller, most urgent first, then by due date (undated last). */
export async function myOpenTickets(em: EntityManager, actor: Actor): Promise<TicketView[]> {
  const rows = await ticketRecordQuery(em)
    .where('t.assignee_id = :me', { me: actor.user.id })
    .andWhere('t.status IN (:...open)', { open: [...OPEN_TICKET_STATUSES] })
    .orderBy(PRIORITY_RANK_SQL, 'DESC')
    .addOrderBy('t.due_date', 'ASC', 'NULLS LAST')
    .addOrderBy('t.updated_at', 'DESC')
    .addOrderBy('t.id', 'ASC')
    .limit(MY_WORK_LIMIT)
    .getRawMany<Record<string, unknown>>();
  const tickets = rows.map(toTicketRecord);
  const permissions = await permissionsByDomain(
    em,
    actor,
    tickets.map((ticket) => ticket.domainId),
  );
  return tickets.map((ticket) => presentTicket(ticket, permissions.get(ticket.domainId)!));
}

/** GET /me/work: what is on the caller's plate. Investigations are added by the weirdness module. */
export async function myWork(dataSource: DataSource, actor: Actor): Promise<MyWorkView> {
  return presentMyWork(await myOpenTickets(dataSource.manager, actor));
}
