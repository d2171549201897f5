import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { OPEN_TICKET_STATUSES, type DomainRole } from '../../../shared/api/enums';
import type { TicketView } from '../../../shared/api/tickets';
import type { Actor } from '../../http/context';
import { domainPermissions, type DomainPermissions } from '../domains/domain-access';
import { DomainMember } from '../domains/domain-member.entity';
import { presentTicket } from '../tickets/tickets.presenter';
import { PRIORITY_RANK_SQL, selectTicketRecords } from '../tickets/tickets.query';
import { presentMyWork, type MyWorkView } from './me.presenter';
import { InvestigationListQuery } from '../weirdness/investigations.dto';
import { listInvestigations } from '../weirdness/investigations.query';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';

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
  const tickets = await selectTicketRecords(
    em,
    `t.assignee_id = $1 AND t.status = ANY($2::text[])`,
    [actor.user.id, [...OPEN_TICKET_STATUSES]],
    `ORDER BY ${PRIORITY_RANK_SQL} DESC, t.due_date ASC NULLS LAST, t.updated_at DESC, t.id LIMIT ${MY_WORK_LIMIT}`,
  );
  const permissions = await permissionsByDomain(
    em,
    actor,
    tickets.map((ticket) => ticket.domainId),
  );
  return tickets.map((ticket) => presentTicket(ticket, permissions.get(ticket.domainId)!));
}

/** GET /me/work: open tickets assigned to the caller and the open investigations they investigate. */
export async function myWork(dataSource: DataSource, actor: Actor, now: Date): Promise<MyWorkView> {
  const tickets = await myOpenTickets(dataSource.manager, actor);
  const query = Object.assign(new InvestigationListQuery(), {
    investigator: 'me',
    status: OPEN_INVESTIGATION_STATUSES.slice(),
    limit: MY_WORK_LIMIT,
  });
  const investigations = await listInvestigations(dataSource.manager, actor, query, now);
  return presentMyWork(tickets, investigations.items);
}
