import { Router, type Response } from 'express';
import { IsIn, IsOptional } from 'class-validator';
import { requireRole } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { AuditEvent } from './audit-event.entity';
import { AuditFilterQuery, auditEventsQuery, auditPage, type AuditEventRow } from './audit.query';

/** Rows fetched per keyset chunk; the export never holds more than this in memory. */
const CHUNK = 500;

export class AuditExportQuery extends AuditFilterQuery {
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  /** kept a string: implicit conversion would turn "false" into true */
  @IsOptional() @IsIn(['true', 'false']) bom?: 'true' | 'false';
}

const COLUMNS: [header: string, value: (row: AuditEventRow) => unknown][] = [
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

/**
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, quotes doubled. A text that a
 * spreadsheet would run as a formula (= + - @ tab CR first) gets a leading apostrophe (OWASP CSV
 * injection advice); ids, ISO dates and JSON never start that way.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Resolves when the chunk is written or buffered below the high-water mark, or the client left. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams the filtered audit log as CSV in keyset chunks. The export is bounded by the highest id
 * at its start: the log is append-only, so that is a consistent cut however long the download.
 */
async function streamAuditCsv(deps: AppDeps, query: AuditExportQuery, res: Response): Promise<void> {
  // Same default as GET /audit (newest first), so a link built from the page's filters exports what it shows.
  const desc = query.order !== 'asc';
  const top = await deps.dataSource
    .createQueryBuilder()
    .from(AuditEvent, 'a')
    .select('max(a.id)::text', 'max')
    .getRawOne<{ max: string | null }>();
  const qb = auditEventsQuery(deps.dataSource, query).andWhere('a.id <= :top', { top: top?.max ?? '0' });
  const day = deps.now().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="cairn-audit-${day}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  await write(res, `${query.bom === 'true' ? '\uFEFF' : ''}${csvLine(COLUMNS.map(([header]) => header))}`);
  let after: string | null = null;
  for (;;) {
    if (res.destroyed) return;
    const rows = await auditPage(qb, desc, after, CHUNK);
    const chunk = rows.slice(0, CHUNK);
    if (chunk.length) await write(res, chunk.map((row) => csvLine(COLUMNS.map(([, value]) => value(row)))).join(''));
    if (rows.length <= CHUNK) break;
    after = chunk[chunk.length - 1].id;
  }
  res.end();
}

/** /audit.csv: the audit log's CSV export, with GET /audit's filters (admin). */
export function auditCsvRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireRole('admin'), async (req, res) => {
    const query = parseDto(AuditExportQuery, req.query, 'query');
    try {
      await streamAuditCsv(deps, query, res);
    } catch (error) {
      // Once rows are out, a problem+json can no longer be sent: cut the download so it is not mistaken for complete.
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
    }
  });
  return router;
}
