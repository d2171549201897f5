import type { TicketView } from '../../../shared/api/tickets';
import type { DomainPermissions } from '../domains/domain-access';
import type { TicketRecord } from './tickets.query';

/** The API view of a ticket; `can` comes from the caller's permissions in the ticket's domain. */
export function presentTicket(ticket: TicketRecord, permissions: DomainPermissions): TicketView {
  return {
    id: ticket.id,
    key: ticket.key,
    domainKey: ticket.domainKey,
    kind: ticket.kind,
    title: ticket.title,
    body: ticket.body,
    phase: ticket.phase,
    status: ticket.status,
    priority: ticket.priority,
    assignee: ticket.assignee,
    reporter: ticket.reporter,
    dueDate: ticket.dueDate,
    labels: ticket.labels,
    artifactIds: ticket.artifactIds,
    investigationId: ticket.investigationId,
    commentCount: ticket.commentCount,
    version: ticket.version,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    can: { edit: permissions.contribute, comment: permissions.contribute },
  };
}
