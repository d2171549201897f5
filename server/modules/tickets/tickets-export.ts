import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import { cursorChunks, IsBomFlag, sendCsv, type CsvColumn } from '../../http/csv';
import type { AppDeps } from '../../http/deps';
import { MAX_LIMIT } from '../../http/pagination';
import { parseDomainKey } from '../../http/params';
import { parseDto } from '../../http/validate';
import { TicketListQuery } from './tickets.dto';
import { listTickets } from './tickets-list.service';
import type { TicketRecord } from './tickets.query';

/** GET /domains/:key/tickets' query plus the BOM flag; its limit and cursor are ignored (the export is every row). */
export class TicketExportQuery extends TicketListQuery {
  @IsBomFlag() bom?: 'true' | 'false';
}

const COLUMNS: CsvColumn<TicketRecord>[] = [
  ['key', (t) => t.key],
  ['kind', (t) => t.kind],
  ['title', (t) => t.title],
  ['phase', (t) => t.phase],
  ['status', (t) => t.status],
  ['priority', (t) => t.priority],
  ['assignee_name', (t) => t.assignee?.name],
  ['assignee_email', (t) => t.assignee?.email],
  ['reporter_name', (t) => t.reporter?.name],
  ['due_date', (t) => t.dueDate],
  // one cell; csvField neutralises a formula after each "|" as well as at the start
  ['labels', (t) => t.labels.join('|')],
  ['investigation_id', (t) => t.investigationId],
  ['comment_count', (t) => t.commentCount],
  ['version', (t) => t.version],
  ['created_at', (t) => t.createdAt.toISOString()],
  ['updated_at', (t) => t.updatedAt.toISOString()],
  ['body', (t) => t.body],
];

/**
 * /domains/:key/tickets.csv: a domain's tickets as CSV, with the list's filters and sort. The
 * chunks are the list's own keyset pages (listTickets), so filters, order and paging are the same code.
 */
export function domainTicketsCsvRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/tickets.csv', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const { bom, ...query } = parseDto(TicketExportQuery, req.query, 'query');
    const actor = actorOf(req);
    await sendCsv(res, {
      name: `cairn-${key.toLowerCase()}-tickets`,
      now: deps.now(),
      bom: bom === 'true',
      columns: COLUMNS,
      chunks: cursorChunks((cursor) =>
        listTickets(deps.dataSource, actor, key, { ...query, limit: MAX_LIMIT, cursor }),
      ),
    });
  });
  return router;
}
