import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../../../shared/api/inbox';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { enqueueMail, mailEnabled } from '../mail/mail-queue';
import { emitWebhookEvent } from '../webhooks/webhook-events';
import { Notification } from './notification.entity';
import { channelsFor } from './notification-preferences.service';

export type { NotificationKind } from '../../../shared/api/inbox';

/**
 * Adds one inbox entry per user (duplicates and the acting user removed), in the caller's
 * transaction, delivered as each user's notification preferences say: an entry muted (`none`) is
 * filed already read; one to be mailed gets its outbox row (and, to go now, its job) in the same
 * transaction, so a rolled-back change mails nothing. Each call is also one webhook event, sent
 * to every active webhook subscribed to the kind — even when no inbox is left to notify, since the
 * event itself still happened.
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
    const channels = await channelsFor(tx, targets, entry.kind);
    const inserted = await tx.insert(
      Notification,
      targets.map((userId) => ({
        userId,
        ...fields,
        createdAt: at,
        readAt: channels.get(userId) === 'none' ? at : null,
      })),
    );
    if (mailEnabled()) {
      const ids = inserted.identifiers as { id: string }[];
      const mails = targets.flatMap((userId, index) => {
        const channel = channels.get(userId);
        if (channel !== 'email_now' && channel !== 'email_digest') return [];
        return [{ notificationId: ids[index].id, userId, mode: channel === 'email_now' ? 'now' : 'digest' } as const];
      });
      if (mails.length) {
        const outbox = await tx.insert(MailOutbox, mails);
        const outboxIds = outbox.identifiers as { id: string }[];
        for (const [index, mail] of mails.entries())
          if (mail.mode === 'now') await enqueueMail(tx, outboxIds[index].id);
      }
    }
  }
  await emitWebhookEvent(tx, { ...fields, occurredAt: at, recipientIds: targets });
}
