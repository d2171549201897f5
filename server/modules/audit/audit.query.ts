import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { fetchSize } from '../../http/pagination';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuditEventView } from '../../../shared/api/audit';
import { cappedCount, type CappedCount } from '../../db/capped-count';
import { AuditEvent } from './audit-event.entity';

/** The filters shared by GET /audit and GET /audit.csv. */
export class AuditFilterQuery {
  @IsOptional() @IsUUID() actor?: string;
  @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @IsOptional() @IsString() @MaxLength(80) entityId?: string;
  @IsOptional() @IsString() @MaxLength(80) action?: string;
  @IsOptional() @IsString() @MaxLength(10) domain?: string;
  @IsOptional() @IsDateString() from?: string;
  @IsOptional() @IsDateString() to?: string;
}

/** An audit row as selected: `at` is still a Date here. */
export type AuditEventRow = Omit<AuditEventView, 'at'> & { at: Date | string };

/** Adds the filters to a query over `audit_event a`; none needs a join, so counts stay on the bare table. */
function applyAuditFilters<T extends SelectQueryBuilder<AuditEvent>>(qb: T, filters: AuditFilterQuery): T {
  if (filters.actor) qb.andWhere('a.actor_id = :actor', { actor: filters.actor });
  if (filters.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filters.entityType });
  if (filters.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filters.entityId });
  if (filters.action) qb.andWhere('a.action = :action', { action: filters.action });
  if (filters.domain) {
    qb.andWhere('a.domain_id = (SELECT id FROM "domain" WHERE key = :domain)', {
      domain: filters.domain.toUpperCase(),
    });
  }
  if (filters.from) qb.andWhere('a.at >= :from', { from: filters.from });
  if (filters.to) qb.andWhere('a.at < :to', { to: filters.to });
  return qb;
}

/** Audit events matching the filters, joined to actor name and domain key; not yet ordered. */
export function auditEventsQuery(
  manager: DataSource | EntityManager,
  filters: AuditFilterQuery,
): SelectQueryBuilder<AuditEvent> {
  const qb = manager
    .createQueryBuilder()
    .from(AuditEvent, 'a')
    .leftJoin('user', 'u', 'u.id = a.actor_id')
    .leftJoin('domain', 'd', 'd.id = a.domain_id')
    .select(['a.id AS id', 'a.at AS at', 'a.actor_id AS "actorId"', 'u.name AS "actorName"', 'a.action AS action'])
    .addSelect(['a.entity_type AS "entityType"', 'a.entity_id AS "entityId"', 'd.key AS "domainKey"'])
    .addSelect(['a.before AS before', 'a.after AS after', 'a.request_id AS "requestId"']);
  return applyAuditFilters(qb, filters);
}

/** How many audit events match the filters (up to COUNT_CAP), counted on the bare table: its indexes, no joins. */
export async function countAuditEvents(
  manager: DataSource | EntityManager,
  filters: AuditFilterQuery,
  /** only events of these entity types (a domain timeline's kind filter) */
  entityTypes?: readonly string[] | null,
): Promise<CappedCount> {
  const qb = applyAuditFilters(manager.createQueryBuilder().from(AuditEvent, 'a'), filters);
  if (entityTypes) qb.andWhere('a.entity_type IN (:...entityTypes)', { entityTypes });
  return cappedCount(manager, qb);
}

/** One keyset page by id: rows after `afterId` in the given direction, `fetchSize(limit)` of them (to detect a next page). */
export async function auditPage(
  qb: SelectQueryBuilder<AuditEvent>,
  desc: boolean,
  afterId: string | null,
  limit: number,
): Promise<AuditEventRow[]> {
  const page = qb.clone();
  if (afterId !== null) page.andWhere(desc ? 'a.id < :after' : 'a.id > :after', { after: afterId });
  const rows = await page
    .orderBy('a.id', desc ? 'DESC' : 'ASC')
    .limit(fetchSize(limit))
    .getRawMany<AuditEventRow>();
  return rows.map((row) => ({ ...row, id: String(row.id) }));
}
