import type { NotificationKind, NotificationResolution, NotificationView } from '../../../shared/api/inbox';

/** A notification row joined with its domain key, as the list query selects it. */
export interface NotificationRow {
  id: string;
  kind: string;
  domainKey: string | null;
  entityType: string;
  entityId: string;
  message: string;
  createdAt: Date | string;
  readAt: Date | string | null;
  resolvedAt: Date | string | null;
  resolution: string | null;
}

export function presentNotification(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    domainKey: row.domainKey,
    entityType: row.entityType,
    entityId: row.entityId,
    message: row.message,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    resolvedAt: row.resolvedAt ? new Date(row.resolvedAt).toISOString() : null,
    resolution: (row.resolution as NotificationResolution | null) ?? null,
  };
}
