import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Page } from '../../../shared/api/common';
import type { MarkAllReadResult } from '../../../shared/api/inbox';
import { notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { recordAudit } from '../audit/audit.service';
import type { InboxQueryDto } from './inbox.dto';
import type { NotificationRow } from './inbox.presenter';
import { Notification } from './notification.entity';

function selectNotifications(manager: DataSource | EntityManager): SelectQueryBuilder<Notification> {
  return manager
    .getRepository(Notification)
    .createQueryBuilder('n')
    .leftJoin('domain', 'd', 'd.id = n.domain_id')
    .select([
      'n.id AS id',
      'n.kind AS kind',
      'd.key AS "domainKey"',
      'n.entity_type AS "entityType"',
      'n.entity_id AS "entityId"',
    ])
    .addSelect(['n.message AS message', 'n.created_at AS "createdAt"', 'n.read_at AS "readAt"'])
    .addSelect(['n.resolved_at AS "resolvedAt"', 'n.resolution AS resolution']);
}

/**
 * The caller's notifications, newest first. The cursor carries created_at as text so its
 * microseconds survive (a JS Date would round them and skip or repeat rows).
 */
export async function listInbox(
  dataSource: DataSource,
  userId: string,
  query: InboxQueryDto,
): Promise<Page<NotificationRow>> {
  const limit = pageLimit(query.limit);
  const qb = selectNotifications(dataSource).where('n.user_id = :userId', { userId });
  // A resolved entry is done, not unread: it leaves the unread list and count.
  if (query.unread === 'true') qb.andWhere('n.read_at IS NULL AND n.resolved_at IS NULL');
  if (query.unread === 'false') qb.andWhere('(n.read_at IS NOT NULL OR n.resolved_at IS NOT NULL)');
  const total = await qb.clone().getCount();
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    qb.andWhere('(n.created_at, n.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at: after[0], id: after[1] });
  }
  const rows = await qb
    .addSelect('n.created_at::text', 'cursorAt')
    .orderBy('n.created_at', 'DESC')
    .addOrderBy('n.id', 'DESC')
    .limit(fetchSize(limit))
    .getRawMany<NotificationRow & { cursorAt: string }>();
  const page = keysetPage(rows, limit, (last) => [last.cursorAt, last.id]);
  return { items: page.rows, total, nextCursor: page.nextCursor };
}

/** Unread entries that are still open: a resolved request no longer waits for anyone. */
export async function unreadCount(dataSource: DataSource, userId: string): Promise<number> {
  return dataSource
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where('n.user_id = :userId AND n.read_at IS NULL AND n.resolved_at IS NULL', { userId })
    .getCount();
}

/** Marks one of the caller's notifications read; someone else's is 404, already read changes nothing. */
export async function markRead(dataSource: DataSource, actor: Actor, id: string, now: Date): Promise<NotificationRow> {
  return dataSource.transaction(async (tx) => {
    const notification = await tx.findOne(Notification, {
      where: { id, userId: actor.user.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!notification) throw notFound('Notification');
    if (!notification.readAt) {
      await tx.update(Notification, { id }, { readAt: now });
      await recordAudit(tx, actor, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: id,
        after: { readAt: now.toISOString() },
      });
    }
    const row = await selectNotifications(tx).where('n.id = :id', { id }).getRawOne<NotificationRow>();
    return row!;
  });
}

/** Marks every unread notification of the caller read, with one audit event for the batch. */
export async function markAllRead(dataSource: DataSource, actor: Actor, now: Date): Promise<MarkAllReadResult> {
  return dataSource.transaction(async (tx) => {
    const result = await tx
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: now })
      .where('user_id = :userId AND read_at IS NULL', { userId: actor.user.id })
      .execute();
    const updated = result.affected ?? 0;
    if (updated > 0) {
      await recordAudit(tx, actor, {
        action: 'notification.read_all',
        entityType: 'user',
        entityId: actor.user.id,
        after: { updated },
      });
    }
    return { updated };
  });
}
