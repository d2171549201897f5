import { Router } from 'express';
import { actorOf, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { UpdateSeverityWeightsDto } from './confidence.dto';
import { loadSeverityWeights, updateSeverityWeights } from './confidence.service';

/** /settings/severity-weights: how much each severity counts in the oddity rate; everyone reads, admins tune. */
export function severityWeightsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (_req, res) => {
    res.json(await loadSeverityWeights(deps.dataSource.manager));
  });
  router.put('/', requireRole('admin'), async (req, res) => {
    res.json(await updateSeverityWeights(deps, actorOf(req), parseDto(UpdateSeverityWeightsDto, req.body)));
  });
  return router;
}
