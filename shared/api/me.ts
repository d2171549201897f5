import type { InvestigationView } from './investigations';
import type { TicketView } from './tickets';

/** GET /me/work: open tickets assigned to me and open investigations I investigate. */
export interface MyWorkView {
  tickets: TicketView[];
  investigations: InvestigationView[];
}
