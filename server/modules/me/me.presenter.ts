import type { InvestigationView } from '../../../shared/api/investigations';
import type { MyWorkView } from '../../../shared/api/me';
import type { TicketView } from '../../../shared/api/tickets';

export type { MyWorkView };

export function presentMyWork(tickets: TicketView[], investigations: InvestigationView[]): MyWorkView {
  return { tickets, investigations };
}
