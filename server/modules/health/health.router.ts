import { Router } from 'express';
import type { AppDeps } from '../../http/deps';
import { sendProblem } from '../../http/problem';

/** Round-trips `SELECT 1`; rejects after 3 s so a hung database still gets an answer. */
async function pingDatabase(deps: AppDeps): Promise<number> {
  const started = Date.now();
  await Promise.race([
    deps.dataSource.query('SELECT 1'),
    new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
  ]);
  return Date.now() - started;
}

/**
 * Probes, no auth. `/live`: the process answers (restart it when not). `/ready`: it can serve,
 * the database answers (take it out of the balancer when not). `/`: both, as before.
 */
export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  const embedded = !deps.config.databaseUrl;
  router.get('/live', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const latencyMs = await pingDatabase(deps);
      res.json({ status: 'ready', database: { status: 'up', latencyMs, embedded } });
    } catch {
      sendProblem(res, 503, 'database_unavailable', 'The database does not answer.', {
        database: { status: 'down', embedded },
      });
    }
  });
  router.get('/', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const latencyMs = await pingDatabase(deps);
      res.json({ status: 'ok', database: { status: 'up', latencyMs, embedded } });
    } catch {
      res.status(503).json({ status: 'degraded', database: { status: 'down', embedded } });
    }
  });
  return router;
}
