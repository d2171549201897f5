import type {
  CreatedWebhookView,
  WebhookDeliveryView,
  WebhookEventType,
  WebhookView,
} from '../../../shared/api/webhooks';
import type { WebhookDelivery } from './webhook-delivery.entity';
import type { Webhook } from './webhook.entity';

export function presentWebhook(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    secretHint: `••••${webhook.secret.slice(-4)}`,
    eventTypes: webhook.eventTypes as WebhookEventType[],
    active: webhook.active,
    format: webhook.format,
    domainKey: webhook.domainKey ?? null,
    createdAt: webhook.createdAt.toISOString(),
  };
}

/** Only the creation answer carries the secret itself. */
export function presentCreatedWebhook(webhook: Webhook): CreatedWebhookView {
  return { ...presentWebhook(webhook), secret: webhook.secret };
}

export function presentDelivery(delivery: WebhookDelivery): WebhookDeliveryView {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventType: delivery.eventType as WebhookEventType,
    payload: delivery.payload,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt ? delivery.deliveredAt.toISOString() : null,
  };
}
