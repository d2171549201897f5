import type { DataSource } from 'typeorm';
import { Notification } from '../../server/modules/inbox/notification.entity';

/** One inbox entry for a user, written straight to the database. */
export async function makeNotification(
  dataSource: DataSource,
  userId: string,
  overrides: Partial<Notification> = {},
): Promise<Notification> {
  const repository = dataSource.getRepository(Notification);
  return repository.save(
    repository.create({
      userId,
      kind: 'assigned',
      domainId: null,
      entityType: 'ticket',
      entityId: 'RET-1',
      message: 'You were assigned RET-1',
      readAt: null,
      ...overrides,
    }),
  );
}
