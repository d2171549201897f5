import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../../../shared/api/inbox';
import { emitWebhookEvent } from '../webhooks/webhook-events';
import { Notification } from './notification.entity';

export type { NotificationKind } from '../../../shared/api/inbox';

/**
 * Adds one inbox entry per user (duplicates and the acting user removed), in the caller's
 * transaction. Each call is also one webhook event, sent to every active webhook subscribed to the
 * kind — even when no inbox is left to notify, since the event itself still happened.
 */
export async function notify(
  tx: EntityManager,
  userIds: readonly (string | null | undefined)[],
  entry: {
    kind: NotificationKind;
    domainId: string | null;
    entityType: string;
    entityId: string;
    message: string;
    /** when it happened: the caller's injected clock */
    at: Date;
  },
  exceptUserId?: string,
): Promise<void> {
  const { at, ...fields } = entry;
  const targets = [...new Set(userIds.filter((id): id is string => !!id && id !== exceptUserId))];
  if (targets.length) {
    await tx.insert(
      Notification,
      targets.map((userId) => ({ userId, ...fields, createdAt: at })),
    );
  }
  await emitWebhookEvent(tx, { ...fields, occurredAt: at, recipientIds: targets });
}
