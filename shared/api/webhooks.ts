import type { NotificationKind } from './inbox';

/** Webhook event types are the notification kinds. */
export type WebhookEventType = NotificationKind;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Cairn-Signature';
export const WEBHOOK_EVENT_HEADER = 'X-Cairn-Event';
export const WEBHOOK_DELIVERY_HEADER = 'X-Cairn-Delivery';

/** A webhook as listed; the secret is masked (its last 4 characters). */
export interface WebhookView {
  id: string;
  url: string;
  /** e.g. "••••a1b2" */
  secretHint: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  createdAt: string;
}

/** POST /webhooks answer: the only time the full secret is shown. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

/** POST /webhooks. Without `secret` the server generates one. */
export interface CreateWebhookRequest {
  url: string;
  secret?: string;
  eventTypes: WebhookEventType[];
  active?: boolean;
}

/** PATCH /webhooks/:id: any subset; a new `secret` rotates it. */
export interface UpdateWebhookRequest {
  url?: string;
  secret?: string;
  eventTypes?: WebhookEventType[];
  active?: boolean;
}

/** One entry of a webhook's delivery log. */
export interface WebhookDeliveryView {
  id: string;
  webhookId: string;
  eventType: WebhookEventType;
  payload: WebhookEventPayload;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** GET /webhooks/:id/deliveries query. */
export interface WebhookDeliveryQuery {
  status?: WebhookDeliveryStatus;
  limit?: number;
  cursor?: string;
}

/** The JSON body POSTed to a webhook URL. */
export interface WebhookEventPayload {
  /** the same for every webhook that receives this event; stable across redeliveries */
  eventId: string;
  type: WebhookEventType;
  occurredAt: string;
  domainId: string | null;
  domainKey: string | null;
  entityType: string;
  entityId: string;
  message: string;
  /** the users whose inbox got the entry */
  recipientIds: string[];
}
