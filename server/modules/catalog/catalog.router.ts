import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseUuid } from '../../http/params';
import { parseDto } from '../../http/validate';
import { CatalogQueryDto, WeirdnessReportDto } from './catalog.dto';
import { getCatalogEntry, listCatalog } from './catalog.service';
import { reportWeirdness } from './report.service';

/** /catalog: every artifact of every domain with its trust, for everyone signed in. */
export function catalogRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    res.json(await listCatalog(deps.dataSource, actorOf(req), parseDto(CatalogQueryDto, req.query, 'query')));
  });
  router.get('/:id', requireUser, async (req, res) => {
    res.json(await getCatalogEntry(deps.dataSource, actorOf(req), parseUuid(req.params.id, 'Artifact')));
  });
  return router;
}

/** /artifacts/:id/reports: "this looks weird". */
export function artifactReportsRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/:id/reports', requireUser, async (req, res) => {
    const id = parseUuid(req.params.id, 'Artifact');
    const result = await reportWeirdness(deps, actorOf(req), id, parseDto(WeirdnessReportDto, req.body));
    res
      .status(201)
      .location(
        result.investigationId !== null
          ? `/api/v1/investigations/${result.investigationId}`
          : `/api/v1/tickets/${result.ticketKey}`,
      )
      .json(result);
  });
  return router;
}
