import { Router } from 'express';
import { IsIn, IsOptional } from 'class-validator';
import { requireRole } from '../../http/auth';
import { csvField, csvLine, IsBomFlag, sendCsv, type CsvColumn } from '../../http/csv';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { AuditEvent } from './audit-event.entity';
import { AuditFilterQuery, auditEventsQuery, auditPage, type AuditEventRow } from './audit.query';

/** Rows fetched per keyset chunk; the export never holds more than this in memory. */
const CSV_CHUNK = 500;

export class AuditExportQuery extends AuditFilterQuery {
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsBomFlag() bom?: 'true' | 'false';
}

const COLUMNS: CsvColumn<AuditEventRow>[] = [
  ['id', (row) => row.id],
  ['at', (row) => new Date(row.at).toISOString()],
  ['actor_id', (row) => row.actorId],
  ['actor_name', (row) => row.actorName],
  ['action', (row) => row.action],
  ['entity_type', (row) => row.entityType],
  ['entity_id', (row) => row.entityId],
  ['domain_key', (row) => row.domainKey],
  ['request_id', (row) => row.requestId],
  ['before', (row) => (row.before == null ? null : JSON.stringify(row.before))],
  ['after', (row) => (row.after == null ? null : JSON.stringify(row.after))],
];

// Re-exported: the audit export was the first CSV, and its tests import the field writer from here.
export { csvField, csvLine };

/**
 * The filtered audit log in keyset chunks. The export is bounded by the highest id at its start:
 * the log is append-only, so that is a consistent cut however long the download.
 */
async function* auditChunks(deps: AppDeps, query: AuditExportQuery): AsyncGenerator<AuditEventRow[]> {
  // Same default as GET /audit (newest first), so a link built from the page's filters exports what it shows.
  const desc = query.order !== 'asc';
  const top = await deps.dataSource
    .createQueryBuilder()
    .from(AuditEvent, 'a')
    .select('max(a.id)::text', 'max')
    .getRawOne<{ max: string | null }>();
  const qb = auditEventsQuery(deps.dataSource, query).andWhere('a.id <= :top', { top: top?.max ?? '0' });
  let after: string | null = null;
  for (;;) {
    const rows = await auditPage(qb, desc, after, CSV_CHUNK);
    const chunk = rows.slice(0, CSV_CHUNK);
    yield chunk;
    if (rows.length <= CSV_CHUNK) return;
    after = chunk[chunk.length - 1].id;
  }
}

/** /audit.csv: the audit log's CSV export, with GET /audit's filters (admin). */
export function auditCsvRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireRole('admin'), async (req, res) => {
    const query = parseDto(AuditExportQuery, req.query, 'query');
    await sendCsv(res, {
      name: 'cairn-audit',
      now: deps.now(),
      bom: query.bom === 'true',
      columns: COLUMNS,
      chunks: auditChunks(deps, query),
    });
  });
  return router;
}
