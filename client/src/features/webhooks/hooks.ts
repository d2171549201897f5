import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookRequest, UpdateWebhookRequest } from '@shared/api/webhooks';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  updateWebhook,
  webhookKeys,
} from './api';

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list, queryFn: listWebhooks });
}

export function useDeliveries(id: string, enabled: boolean) {
  return useQuery({ queryKey: webhookKeys.deliveries(id), queryFn: () => listDeliveries(id), enabled });
}

function useWebhookMutation<T>(fn: (variables: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export const useCreateWebhook = () => useWebhookMutation((request: CreateWebhookRequest) => createWebhook(request));
export const useUpdateWebhook = () =>
  useWebhookMutation(({ id, request }: { id: string; request: UpdateWebhookRequest }) => updateWebhook(id, request));
export const useDeleteWebhook = () => useWebhookMutation((id: string) => deleteWebhook(id));
export const useRedeliver = () => useWebhookMutation((deliveryId: string) => redeliver(deliveryId));
