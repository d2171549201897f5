import type {
  NotificationPreferencesView,
  UpdateNotificationPreferencesRequest,
} from '@shared/api/notification-preferences';
import { api } from '../../lib/api';

export const notificationPreferenceKeys = {
  mine: ['me', 'notification-preferences'] as const,
};

export const getNotificationPreferences = () => api.get<NotificationPreferencesView>('/me/notification-preferences');
export const putNotificationPreferences = (body: UpdateNotificationPreferencesRequest) =>
  api.put<NotificationPreferencesView>('/me/notification-preferences', body);
