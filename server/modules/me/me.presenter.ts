import type { InvestigationView } from '../../../shared/api/investigations';
import type { TicketView } from '../../../shared/api/tickets';

/** GET /me/work (the web client's MyWork). */
export interface MyWorkView {
  tickets: TicketView[];
  investigations: InvestigationView[];
}

export function presentMyWork(tickets: TicketView[], investigations: InvestigationView[] = []): MyWorkView {
  return { tickets, investigations };
}
