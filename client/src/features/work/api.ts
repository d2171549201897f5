import type { InvestigationView } from '@shared/api/investigations';
import type { TicketView } from '@shared/api/tickets';
import { api } from '../../lib/api';

export interface MyWork {
  tickets: TicketView[];
  investigations: InvestigationView[];
}

export const workKeys = { mine: ['work', 'mine'] as const };

export const getMyWork = () => api.get<MyWork>('/me/work');
