import { Router } from 'express';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Page } from '../../../shared/api/common';
import type { AuditEventView } from '../../../shared/api/audit';
import { requireRole } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, keysetPage, pageLimit } from '../../http/pagination';
import { parseDto } from '../../http/validate';
import { AuditFilterQuery, auditEventsQuery, auditPage, countAuditEvents } from './audit.query';
import { eventLink, summarizeEvent, type EventRow } from './audit-summary';

export class AuditQuery extends AuditFilterQuery {
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

/** Filtered, keyset-paginated audit events; newest first unless `order=asc`. */
export async function listAudit(deps: AppDeps, query: AuditQuery): Promise<Page<AuditEventView>> {
  const limit = pageLimit(query.limit);
  const desc = query.order !== 'asc';
  const qb = auditEventsQuery(deps.dataSource, query);
  const count = await countAuditEvents(deps.dataSource, query);
  const after = decodeCursor(query.cursor, 1);
  const rows = await auditPage(qb, desc, after ? String(after[0]) : null, limit);
  const page = keysetPage(rows, limit, (last) => [last.id]);
  return {
    items: page.rows.map(({ linkRef, ...row }) => {
      const event = {
        ...row,
        linkRef,
        before: row.before as EventRow['before'],
        after: row.after as EventRow['after'],
      };
      return { ...row, at: new Date(row.at).toISOString(), summary: summarizeEvent(event), link: eventLink(event) };
    }),
    ...count,
    nextCursor: page.nextCursor,
  };
}

export function auditRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireRole('admin'), async (req, res) => {
    res.json(await listAudit(deps, parseDto(AuditQuery, req.query, 'query')));
  });
  return router;
}
