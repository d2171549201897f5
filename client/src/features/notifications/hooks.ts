import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getNotificationPreferences, notificationPreferenceKeys, putNotificationPreferences } from './api';

export function useNotificationPreferences() {
  return useQuery({ queryKey: notificationPreferenceKeys.mine, queryFn: getNotificationPreferences });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putNotificationPreferences,
    onSuccess: (saved) => queryClient.setQueryData(notificationPreferenceKeys.mine, saved),
  });
}
