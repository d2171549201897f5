import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseUuid } from '../../http/params';
import { getFollow, setFollow } from './follows.service';

/** /domains/:key/follow: anyone signed in follows a domain for themselves. */
export function domainFollowRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/follow', requireUser, async (req, res) => {
    res.json(await getFollow(deps.dataSource, actorOf(req), 'domain', parseDomainKey(req.params.key)));
  });
  for (const [method, following] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    router[method]('/:key/follow', requireUser, async (req, res) => {
      const key = parseDomainKey(req.params.key);
      res.json(await setFollow(deps.dataSource, actorOf(req), 'domain', key, following, deps.now()));
    });
  }
  return router;
}

/** /artifacts/:id/follow: anyone signed in follows an artifact for themselves. */
export function artifactFollowRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:id/follow', requireUser, async (req, res) => {
    res.json(await getFollow(deps.dataSource, actorOf(req), 'artifact', parseUuid(req.params.id, 'Artifact')));
  });
  for (const [method, following] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    router[method]('/:id/follow', requireUser, async (req, res) => {
      const id = parseUuid(req.params.id, 'Artifact');
      res.json(await setFollow(deps.dataSource, actorOf(req), 'artifact', id, following, deps.now()));
    });
  }
  return router;
}
