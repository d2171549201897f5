import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDto } from '../../http/validate';
import { DecisionsQuery } from './reviews.dto';
import { listDecisions, pendingReviews } from './reviews.service';

/** /reviews: sign-offs waiting for me, and past decisions with the evidence they saw. */
export function reviewsRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/pending', async (req, res) => {
    res.json(await pendingReviews(deps, actorOf(req)));
  });
  router.get('/decisions', async (req, res) => {
    res.json(await listDecisions(deps, actorOf(req), parseDto(DecisionsQuery, req.query, 'query')));
  });
  return router;
}
