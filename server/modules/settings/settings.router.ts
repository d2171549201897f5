import { Router } from 'express';
import { actorOf, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { ThresholdsDto, thresholdsOf } from './settings.dto';
import { getGlobalThresholds, putGlobalThresholds } from './settings.service';

/** /settings: global gate thresholds (everyone reads them, admins tune them). */
export function settingsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/thresholds', requireUser, async (_req, res) => {
    res.json(await getGlobalThresholds(deps.dataSource));
  });
  router.put('/thresholds', requireRole('admin'), async (req, res) => {
    const input = thresholdsOf(parseDto(ThresholdsDto, req.body));
    res.json(await putGlobalThresholds(deps.dataSource, actorOf(req), input, deps.now()));
  });
  return router;
}
