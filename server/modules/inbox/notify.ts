import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '../../../shared/api/inbox';
import { Notification } from './notification.entity';

export type { NotificationKind } from '../../../shared/api/inbox';

/** Adds one inbox entry per user (duplicates and the acting user removed), in the caller's transaction. */
export async function notify(
  tx: EntityManager,
  userIds: readonly (string | null | undefined)[],
  entry: { kind: NotificationKind; domainId: string | null; entityType: string; entityId: string; message: string },
  exceptUserId?: string,
): Promise<void> {
  const targets = [...new Set(userIds.filter((id): id is string => !!id && id !== exceptUserId))];
  if (!targets.length) return;
  await tx.insert(
    Notification,
    targets.map((userId) => ({ userId, ...entry })),
  );
}
