import express, { Router } from 'express';
import { actorOf, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey } from '../../http/params';
import { exportDomain, importDomain } from './transfer.service';

/** GET /domains/:key/export and POST /domains/import: a whole domain, history included, as JSON. */
export function transferRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/export', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const file = await exportDomain(deps, key);
    res.setHeader('Content-Disposition', `attachment; filename="cairn-${key}.json"`);
    res.json(file);
  });
  // A whole domain with its history can be larger than ordinary requests.
  router.post('/import', express.json({ limit: '50mb' }), requireRole('admin'), async (req, res) => {
    const result = await importDomain(deps, actorOf(req), req.body);
    res.status(result.imported ? 201 : 200).json(result);
  });
  return router;
}
