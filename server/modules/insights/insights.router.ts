import { Router } from 'express';
import { requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { loadInsights } from './insights.service';

/** /insights: the portfolio as leadership reads it; anyone signed in, viewers included. */
export function insightsRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/', async (_req, res) => {
    res.json(await loadInsights(deps));
  });
  return router;
}
