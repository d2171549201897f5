import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cursorPaging } from '../../lib/pagination';
import { getUnreadCount, inboxKeys, listInbox, markAllRead, markRead } from './api';

export function useInbox(unread: boolean) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(unread),
    queryFn: ({ pageParam }) => listInbox(unread, pageParam),
    ...cursorPaging,
  });
}

export function useUnreadCount() {
  return useQuery({ queryKey: inboxKeys.unread, queryFn: getUnreadCount, refetchInterval: 30_000 });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') => (id === 'all' ? markAllRead() : markRead(id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
