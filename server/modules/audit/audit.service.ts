import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../../shared/api/audit';
import type { Actor } from '../../http/context';
import { AuditEvent } from './audit-event.entity';

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: string;
  domainId?: string | null;
  before?: unknown;
  after?: unknown;
  /** the request, when there is no actor to take it from (an anonymous login attempt) */
  requestId?: string | null;
}

/** Writes one audit event with the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(tx: EntityManager, actor: Actor | null, record: AuditRecord): Promise<void> {
  await tx.insert(AuditEvent, {
    actorId: actor?.user.id ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    domainId: record.domainId ?? null,
    before: (record.before ?? null) as object,
    after: (record.after ?? null) as object,
    requestId: actor?.requestId ?? record.requestId ?? null,
  });
}

/** Strips secrets before an entity goes into the audit log. */
export function auditable<T extends object>(
  entity: T,
  omit: string[] = ['passwordHash', 'tokenHash'],
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(entity as Record<string, unknown>) };
  for (const key of omit) delete copy[key];
  return copy;
}
