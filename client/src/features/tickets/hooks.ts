import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { Page } from '@shared/api/common';
import type { CreateCommentRequest, CreateTicketRequest, TicketView, UpdateTicketRequest } from '@shared/api/tickets';
import { cursorPaging } from '../../lib/pagination';
import { useInvalidateDomain } from '../domains/hooks';
import {
  addTicketComment,
  createTicket,
  getTicket,
  listDomainTicketPage,
  listTicketComments,
  ticketKeys,
  updateTicket,
  type TicketFilters,
} from './api';

/** A domain's tickets matching `filters` (usually one phase), a page at a time. */
export function useDomainTickets(domainKey: string, filters: TicketFilters) {
  return useInfiniteQuery({
    queryKey: ticketKeys.domainList(domainKey, filters),
    queryFn: ({ pageParam }) => listDomainTicketPage(domainKey, filters, pageParam),
    ...cursorPaging,
  });
}

export function useTicket(ticketKey: string) {
  return useQuery({ queryKey: ticketKeys.detail(ticketKey), queryFn: () => getTicket(ticketKey) });
}

export function useCreateTicket(domainKey: string) {
  const queryClient = useQueryClient();
  const invalidateDomain = useInvalidateDomain(domainKey);
  return useMutation({
    mutationFn: (request: CreateTicketRequest) => createTicket(domainKey, request),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['work'] });
      void queryClient.invalidateQueries({ queryKey: ['investigations'] });
      return invalidateDomain();
    },
  });
}

interface UpdateTicketVariables {
  ticket: TicketView;
  request: UpdateTicketRequest;
  /** what the list should show right away (status or assignee), before the server answers */
  optimistic?: Partial<TicketView>;
}

/**
 * Edits a ticket with If-Match. Status and assignee changes show at once in the domain's lists
 * and roll back if the server refuses.
 */
export function useUpdateTicket(domainKey: string) {
  const queryClient = useQueryClient();
  const invalidateDomain = useInvalidateDomain(domainKey);
  return useMutation({
    mutationFn: ({ ticket, request }: UpdateTicketVariables) => updateTicket(ticket.key, ticket.version, request),
    onMutate: async ({ ticket, optimistic }) => {
      if (!optimistic) return { previous: [] as [readonly unknown[], unknown][] };
      const listKey = ticketKeys.domainAll(domainKey);
      await queryClient.cancelQueries({ queryKey: listKey });
      const previous = queryClient.getQueriesData<InfiniteData<Page<TicketView>>>({ queryKey: listKey });
      const edit = (page: Page<TicketView>) => ({
        ...page,
        items: page.items.map((t) => (t.id === ticket.id ? { ...t, ...optimistic } : t)),
      });
      queryClient.setQueriesData<InfiniteData<Page<TicketView>>>({ queryKey: listKey }, (lists) =>
        lists ? { ...lists, pages: lists.pages.map(edit) } : lists,
      );
      return { previous: previous as [readonly unknown[], unknown][] };
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.key), ticket);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.domainAll(domainKey) });
      void queryClient.invalidateQueries({ queryKey: ['work'] });
      return invalidateDomain();
    },
  });
}

export function useTicketComments(ticketKey: string) {
  return useQuery({ queryKey: ticketKeys.comments(ticketKey), queryFn: () => listTicketComments(ticketKey) });
}

export function useAddTicketComment(ticketKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateCommentRequest) => addTicketComment(ticketKey, request),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.comments(ticketKey) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketKey) });
    },
  });
}
