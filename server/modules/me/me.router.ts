import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { myWork } from './me.service';

/** /me: the signed-in user's own views. */
export function meRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/work', requireUser, async (req, res) => {
    res.json(await myWork(deps.dataSource, actorOf(req), deps.now()));
  });
  return router;
}
