import type { NotificationKind } from './inbox';

/** Webhook event types are the notification kinds. */
export type WebhookEventType = NotificationKind;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * Standard Webhooks (https://www.standardwebhooks.com/, docs/webhooks.md): the delivery id, the
 * same on every retry; the attempt's Unix time in seconds; and `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`.
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_STANDARD_SIGNATURE_HEADER = 'webhook-signature';
/** A secret in the Standard Webhooks form is this prefix and the base64 of its key. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * Deprecated, sent for one more release beside the Standard Webhooks headers:
 * `sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>`, which signs no
 * timestamp and so does not stop a replay.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Cairn-Signature';
/** The event type (also in the body). */
export const WEBHOOK_EVENT_HEADER = 'X-Cairn-Event';
/** Deprecated: the same value as webhook-id. */
export const WEBHOOK_DELIVERY_HEADER = 'X-Cairn-Delivery';

/** A webhook as listed; the secret is masked (its last 4 characters). */
/**
 * What a webhook receives: `standard` is the signed JSON event (docs/webhooks.md); `slack` is a
 * Block Kit message for a Slack incoming webhook (docs/slack.md), through the same signed, retried
 * delivery.
 */
export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookView {
  id: string;
  url: string;
  /** e.g. "••••a1b2" */
  secretHint: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  format: WebhookFormat;
  /** only this domain's events; null: every event */
  domainKey: string | null;
  createdAt: string;
}

/** POST /webhooks answer: the only time the full secret is shown. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

/**
 * POST /webhooks. Without `secret` the server generates one (`whsec_…`). A `whsec_` secret must be
 * the base64 of 24 to 64 bytes; any other text of 16 to 200 characters is keyed as its UTF-8 bytes.
 */
export interface CreateWebhookRequest {
  url: string;
  secret?: string;
  eventTypes: WebhookEventType[];
  active?: boolean;
  /** default `standard` */
  format?: WebhookFormat;
  /** only this domain's events (its key); unset or null: every event */
  domainKey?: string | null;
}

/** PATCH /webhooks/:id: any subset; a new `secret` rotates it. */
export interface UpdateWebhookRequest {
  url?: string;
  secret?: string;
  eventTypes?: WebhookEventType[];
  active?: boolean;
  /** a domain key to scope it to one domain, null for every event */
  domainKey?: string | null;
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
