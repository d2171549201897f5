import type { Page } from '@shared/api/common';
import type { MarkAllReadResult, NotificationView, UnreadCountView } from '@shared/api/inbox';
import { api } from '../../lib/api';

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (unread: boolean) => ['inbox', 'list', unread] as const,
  unread: ['inbox', 'unread-count'] as const,
};

export const listInbox = (unread: boolean, cursor: string | null) =>
  api.get<Page<NotificationView>>('/inbox', { unread: unread ? 'true' : undefined, limit: 30, cursor });
export const getUnreadCount = () => api.get<UnreadCountView>('/inbox/unread-count');
export const markRead = (id: string) => api.post<unknown>(`/inbox/${encodeURIComponent(id)}/read`);
export const markAllRead = () => api.post<MarkAllReadResult>('/inbox/read-all');
