import crypto from 'node:crypto';
import { Router, type Response } from 'express';
import type { BadgeView } from '../../../shared/api/catalog';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseUuid } from '../../http/params';
import { routeNotFound } from '../../http/problem';
import { parseDto } from '../../http/validate';
import { BadgeQuery } from './catalog.dto';
import {
  artifactBadge,
  badgeSvg,
  domainBadge,
  rotateArtifactBadgeToken,
  rotateDomainBadgeToken,
} from './badges.service';

/**
 * Sends a badge: cached for a minute by browsers and proxies, with a strong ETag of its content
 * (Express answers 304 to a matching If-None-Match). Embeddable from any origin: an <img> in a
 * dashboard, a fetch from a BI tool.
 */
function sendBadge(res: Response, badge: BadgeView, format: 'svg' | 'json'): void {
  const body = format === 'svg' ? badgeSvg(badge) : JSON.stringify(badge);
  res.setHeader('Cache-Control', 'max-age=60');
  res.setHeader('ETag', `"${crypto.createHash('sha1').update(body).digest('base64url')}"`);
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.type(format === 'svg' ? 'image/svg+xml' : 'application/json').send(body);
}

/**
 * /badges: public trust badges. Mounted before authentication: no session is read, the token in
 * the URL is the only key, and a wrong token answers exactly like an unknown id.
 */
export function badgesRouter(deps: AppDeps): Router {
  const router = Router();
  for (const format of ['svg', 'json'] as const) {
    router.get(`/artifacts/:id.${format}`, async (req, res) => {
      const { token } = parseDto(BadgeQuery, req.query, 'query');
      sendBadge(res, await artifactBadge(deps.dataSource, req.params.id, token, deps.now()), format);
    });
    router.get(`/domains/:key.${format}`, async (req, res) => {
      const { token } = parseDto(BadgeQuery, req.query, 'query');
      sendBadge(res, await domainBadge(deps.dataSource, req.params.key, token, deps.now()), format);
    });
  }
  // Anything else under /badges is no route, whoever asks (no session is read here).
  router.use(routeNotFound);
  return router;
}

/** POST /artifacts/:id/badge-token: a new token for an artifact's badge URLs. */
export function artifactBadgeTokenRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/:id/badge-token', requireUser, async (req, res) => {
    const id = parseUuid(req.params.id, 'Artifact');
    res.json(await rotateArtifactBadgeToken(deps.dataSource, actorOf(req), id));
  });
  return router;
}

/** POST /domains/:key/badge-token: a new token for a domain's badge URLs. */
export function domainBadgeTokenRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/:key/badge-token', requireUser, async (req, res) => {
    res.json(await rotateDomainBadgeToken(deps.dataSource, actorOf(req), parseDomainKey(req.params.key)));
  });
  return router;
}
