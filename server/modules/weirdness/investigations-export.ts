import { Router } from 'express';
import type { InvestigationView } from '../../../shared/api/investigations';
import { actorOf, requireUser } from '../../http/auth';
import { cursorChunks, IsBomFlag, sendCsv, type CsvColumn } from '../../http/csv';
import type { AppDeps } from '../../http/deps';
import { MAX_LIMIT } from '../../http/pagination';
import { parseDto } from '../../http/validate';
import { InvestigationListQuery } from './investigations.dto';
import { investigationsPage } from './investigations.query';

/** GET /investigations' query plus the BOM flag; its limit and cursor are ignored (the export is every row). */
export class InvestigationExportQuery extends InvestigationListQuery {
  @IsBomFlag() bom?: 'true' | 'false';
}

const COLUMNS: CsvColumn<InvestigationView>[] = [
  ['id', (i) => i.id],
  ['domain_key', (i) => i.domainKey],
  ['title', (i) => i.title],
  ['severity', (i) => i.severity],
  ['status', (i) => i.status],
  ['overdue', (i) => i.overdue],
  ['artifact_name', (i) => i.artifactName],
  ['reporter_name', (i) => i.reporter?.name],
  ['investigator_name', (i) => i.investigator?.name],
  ['root_cause', (i) => i.rootCause],
  ['follow_up_tickets', (i) => i.followUpTickets.map((ticket) => ticket.key).join('|')],
  ['reported_at', (i) => i.reportedAt],
  ['triaged_at', (i) => i.triagedAt],
  ['closed_at', (i) => i.closedAt],
  ['observed', (i) => i.observed],
  ['expected', (i) => i.expected],
  ['resolution', (i) => i.resolution],
  ['dismiss_reason', (i) => i.dismissReason],
];

/**
 * /investigations.csv: investigations across domains as CSV, with GET /investigations' filters and
 * sort. The chunks are that list's own keyset pages, so filters and order are the same code.
 */
export function investigationsCsvRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const { bom, ...query } = parseDto(InvestigationExportQuery, req.query, 'query');
    const actor = actorOf(req);
    // one clock for the whole download, so "overdue" means the same in its first and last row
    const now = deps.now();
    await sendCsv(res, {
      name: 'cairn-investigations',
      now,
      bom: bom === 'true',
      columns: COLUMNS,
      chunks: cursorChunks((cursor) =>
        investigationsPage(deps.dataSource.manager, actor, { ...query, limit: MAX_LIMIT, cursor }, now),
      ),
    });
  });
  return router;
}
