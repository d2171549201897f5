import { Router } from 'express';
import { requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { SearchQueryDto } from './search.dto';
import { search } from './search.service';

/** /search: one ranked list across domains, artifacts, tickets, investigations and people (the command palette). */
export function searchRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    res.json(await search(deps.dataSource, parseDto(SearchQueryDto, req.query, 'query')));
  });
  return router;
}
