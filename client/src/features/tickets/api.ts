import type { Page } from '@shared/api/common';
import type {
  CommentView,
  CreateCommentRequest,
  CreateTicketRequest,
  TicketView,
  UpdateTicketRequest,
} from '@shared/api/tickets';
import { api } from '../../lib/api';
import { fetchAllPages } from '../../lib/pagination';

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

export const listDomainTickets = (domainKey: string, filters: TicketFilters) =>
  fetchAllPages<TicketView>(`/domains/${encodeURIComponent(domainKey)}/tickets`, { ...filters });
export const createTicket = (domainKey: string, request: CreateTicketRequest) =>
  api.post<TicketView>(`/domains/${encodeURIComponent(domainKey)}/tickets`, request);
export const getTicket = (ticketKey: string) => api.get<TicketView>(`/tickets/${encodeURIComponent(ticketKey)}`);
export const updateTicket = (ticketKey: string, version: number, request: UpdateTicketRequest) =>
  api.patch<TicketView>(`/tickets/${encodeURIComponent(ticketKey)}`, request, version);

/** Comments arrive as a plain list; tolerate a page envelope too. */
export async function listTicketComments(ticketKey: string): Promise<CommentView[]> {
  const result = await api.get<CommentView[] | Page<CommentView>>(`/tickets/${encodeURIComponent(ticketKey)}/comments`);
  return Array.isArray(result) ? result : result.items;
}
export const addTicketComment = (ticketKey: string, request: CreateCommentRequest) =>
  api.post<CommentView>(`/tickets/${encodeURIComponent(ticketKey)}/comments`, request);
