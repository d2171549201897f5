import type { Page } from '@shared/api/common';
import type {
  CreateWebhookRequest,
  CreatedWebhookView,
  UpdateWebhookRequest,
  WebhookDeliveryView,
  WebhookView,
} from '@shared/api/webhooks';
import { api } from '../../lib/api';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};

export const listWebhooks = () => api.get<Page<WebhookView>>('/webhooks', { limit: 100 });
export const createWebhook = (request: CreateWebhookRequest) => api.post<CreatedWebhookView>('/webhooks', request);
export const updateWebhook = (id: string, request: UpdateWebhookRequest) =>
  api.patch<WebhookView>(`/webhooks/${encodeURIComponent(id)}`, request);
export const deleteWebhook = (id: string) => api.delete(`/webhooks/${encodeURIComponent(id)}`);
export const listDeliveries = (id: string) =>
  api.get<Page<WebhookDeliveryView>>(`/webhooks/${encodeURIComponent(id)}/deliveries`, { limit: 20 });
export const redeliver = (deliveryId: string) =>
  api.post<WebhookDeliveryView>(`/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
