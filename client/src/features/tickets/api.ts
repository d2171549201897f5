import type { Page } from '@shared/api/common';
import type {
  CommentView,
  CreateCommentRequest,
  CreateTicketRequest,
  TicketView,
  UpdateTicketRequest,
} from '@shared/api/tickets';
import { api } from '../../lib/api';

export interface TicketFilters {
  phase?: string;
  status?: string;
  kind?: string;
  assignee?: string;
  q?: string;
}

export const ticketKeys = {
  all: ['tickets'] as const,
  domainList: (domainKey: string, filters: TicketFilters) => ['tickets', 'domain', domainKey, filters] as const,
  domainAll: (domainKey: string) => ['tickets', 'domain', domainKey] as const,
  detail: (ticketKey: string) => ['tickets', 'detail', ticketKey] as const,
  comments: (ticketKey: string) => ['tickets', 'comments', ticketKey] as const,
};

/** How many tickets a phase of the tickets tab shows at first, and adds per "Show more". */
export const TICKET_PAGE_SIZE = 25;

/**
 * One page of a domain's tickets (one phase, when the filters name it), newest first: a ticket
 * just created shows at the top of its phase, however many older ones the phase holds.
 */
export const listDomainTicketPage = (domainKey: string, filters: TicketFilters, cursor: string | null) =>
  api.get<Page<TicketView>>(`/domains/${encodeURIComponent(domainKey)}/tickets`, {
    ...filters,
    sort: '-number',
    limit: TICKET_PAGE_SIZE,
    cursor,
  });
export const createTicket = (domainKey: string, request: CreateTicketRequest) =>
  api.post<TicketView>(`/domains/${encodeURIComponent(domainKey)}/tickets`, request);
export const getTicket = (ticketKey: string) => api.get<TicketView>(`/tickets/${encodeURIComponent(ticketKey)}`);
export const updateTicket = (ticketKey: string, version: number, request: UpdateTicketRequest) =>
  api.patch<TicketView>(`/tickets/${encodeURIComponent(ticketKey)}`, request, version);

export const listTicketComments = (ticketKey: string) =>
  api.get<CommentView[]>(`/tickets/${encodeURIComponent(ticketKey)}/comments`);
export const addTicketComment = (ticketKey: string, request: CreateCommentRequest) =>
  api.post<CommentView>(`/tickets/${encodeURIComponent(ticketKey)}/comments`, request);
