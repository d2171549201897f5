import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../../../shared/api/inbox';
import type { WebhookEventPayload } from '../../../shared/api/webhooks';
import { WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';
import { enqueueDelivery } from './webhook-queue';

export interface WebhookEvent {
  kind: NotificationKind;
  domainId: string | null;
  entityType: string;
  entityId: string;
  message: string;
  recipientIds: string[];
  occurredAt: Date;
}

/**
 * Writes one delivery per active webhook subscribed to the event's kind, and queues its job, in
 * the caller's transaction: an event that rolls back is never sent.
 */
export async function emitWebhookEvent(tx: EntityManager, event: WebhookEvent): Promise<void> {
  const webhooks = await tx
    .getRepository(Webhook)
    .createQueryBuilder('w')
    .select(['w.id'])
    .where('w.active = true')
    .andWhere(':kind = ANY(w.event_types)', { kind: event.kind })
    // a webhook scoped to one domain hears only that domain's events
    .andWhere('(w.domain_id IS NULL OR w.domain_id = :domainId)', { domainId: event.domainId })
    .getMany();
  if (!webhooks.length) return;
  const domain = event.domainId
    ? await tx.query<{ key: string }[]>(`SELECT key FROM domain WHERE id = $1`, [event.domainId])
    : [];
  const payload: WebhookEventPayload = {
    eventId: crypto.randomUUID(),
    type: event.kind,
    occurredAt: event.occurredAt.toISOString(),
    domainId: event.domainId,
    domainKey: domain[0]?.key ?? null,
    entityType: event.entityType,
    entityId: event.entityId,
    message: event.message,
    recipientIds: event.recipientIds,
  };
  const inserted = await tx.insert(
    WebhookDelivery,
    webhooks.map((webhook) => ({ webhookId: webhook.id, eventType: event.kind, payload, status: 'pending' as const })),
  );
  for (const { id } of inserted.identifiers as { id: string }[]) await enqueueDelivery(tx, id);
}
