import { Router } from 'express';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { Page } from '../../../shared/api/common';
import type { AuditEventView } from '../../../shared/api/audit';
import { requireRole } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, encodeCursor, pageLimit } from '../../http/pagination';
import { parseDto } from '../../http/validate';
import { AuditEvent } from './audit-event.entity';

export class AuditQuery {
  @IsOptional() @IsUUID() actor?: string;
  @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @IsOptional() @IsString() @MaxLength(80) entityId?: string;
  @IsOptional() @IsString() @MaxLength(80) action?: string;
  @IsOptional() @IsString() @MaxLength(10) domain?: string;
  @IsOptional() @IsDateString() from?: string;
  @IsOptional() @IsDateString() to?: string;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

/** Filtered, keyset-paginated audit events; newest first unless `order=asc`. */
export async function listAudit(deps: AppDeps, query: AuditQuery): Promise<Page<AuditEventView>> {
  const limit = pageLimit(query.limit);
  const desc = query.order !== 'asc';
  const qb = deps.dataSource
    .createQueryBuilder()
    .from(AuditEvent, 'a')
    .leftJoin('user', 'u', 'u.id = a.actor_id')
    .leftJoin('domain', 'd', 'd.id = a.domain_id')
    .select(['a.id AS id', 'a.at AS at', 'a.actor_id AS "actorId"', 'u.name AS "actorName"', 'a.action AS action'])
    .addSelect(['a.entity_type AS "entityType"', 'a.entity_id AS "entityId"', 'd.key AS "domainKey"'])
    .addSelect(['a.before AS before', 'a.after AS after', 'a.request_id AS "requestId"']);
  if (query.actor) qb.andWhere('a.actor_id = :actor', { actor: query.actor });
  if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
  if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
  if (query.action) qb.andWhere('a.action = :action', { action: query.action });
  if (query.domain) qb.andWhere('d.key = :domain', { domain: query.domain.toUpperCase() });
  if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
  if (query.to) qb.andWhere('a.at < :to', { to: query.to });
  const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
  const after = decodeCursor(query.cursor, 1);
  if (after) qb.andWhere(desc ? 'a.id < :after' : 'a.id > :after', { after: String(after[0]) });
  const rows = await qb
    .orderBy('a.id', desc ? 'DESC' : 'ASC')
    .limit(limit + 1)
    .getRawMany<AuditEventView & { at: Date; id: string }>();
  const items = rows.slice(0, limit).map((row) => ({ ...row, id: String(row.id), at: new Date(row.at).toISOString() }));
  const last = items[items.length - 1];
  return { items, total: total?.n ?? 0, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}

export function auditRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireRole('admin'), async (req, res) => {
    res.json(await listAudit(deps, parseDto(AuditQuery, req.query, 'query')));
  });
  return router;
}
