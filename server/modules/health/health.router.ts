import { Router } from 'express';
import type { AppDeps } from '../../http/deps';

/** Liveness and database status, no auth. 503 when the database does not answer. */
export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const started = Date.now();
    try {
      await Promise.race([
        deps.dataSource.query('SELECT 1'),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
      res.json({ status: 'ok', database: { status: 'up', latencyMs: Date.now() - started, embedded: !deps.config.databaseUrl } });
    } catch {
      res.status(503).json({ status: 'degraded', database: { status: 'down', embedded: !deps.config.databaseUrl } });
    }
  });
  return router;
}
