import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { AppDeps } from './deps';
import { sendProblem } from './problem';

/** Every Cairn metric, plus Node's process metrics; what GET /metrics answers. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'cairn_' });

const httpRequests = new Counter({
  name: 'cairn_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const httpDuration = new Histogram({
  name: 'cairn_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** One webhook delivery attempt that did not get a 2xx (each is retried until the last). */
export const webhookDeliveryFailures = new Counter({
  name: 'cairn_webhook_delivery_failures_total',
  help: 'Webhook delivery attempts that failed',
  registers: [metricsRegistry],
});

/** Monitor runs by outcome. Registered now so dashboards can be built; stays at zero until monitors exist. */
export const monitorRuns = new Counter({
  name: 'cairn_monitor_runs_total',
  help: 'Monitor runs by outcome (no monitors yet: always 0)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const poolConnections = new Gauge({
  name: 'cairn_db_pool_connections',
  help: 'Database pool connections by state (total, idle, waiting clients)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
});

const queueDepth = new Gauge({
  name: 'cairn_job_queue_depth',
  help: 'pg-boss jobs waiting or running, by queue and state',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

/**
 * The route template of a request (`/api/v1/domains/:key`), never the concrete path, so the label
 * stays bounded. Routers are mounted on static paths, so the mount is the concrete path less as
 * many segments as the matched route has (req.baseUrl is reset once an error leaves the router).
 * The client's index.html counts as `spa`, its files as `/assets` or `static`, errors no route
 * matched as `unmatched`.
 */
function routeTemplate(req: Request, res: Response): string {
  const route = (req as Request & { route?: { path?: unknown } }).route?.path;
  if (typeof route === 'string' && route.includes('*')) return 'spa';
  if (typeof route === 'string') {
    const segments = req.originalUrl.split('?')[0].split('/').filter(Boolean);
    const routeSegments = route.split('/').filter(Boolean);
    const mount = segments.slice(0, Math.max(0, segments.length - routeSegments.length));
    return `/${[...mount, ...routeSegments].join('/')}`;
  }
  if (res.statusCode >= 400) return 'unmatched';
  return req.path.startsWith('/assets/') ? '/assets' : 'static';
}

/** Counts and times every request by route template and status. */
export const httpMetrics: RequestHandler = (req, res, next) => {
  const stop = httpDuration.startTimer();
  res.on('finish', () => {
    const labels = { method: req.method, route: routeTemplate(req, res), status: String(res.statusCode) };
    httpRequests.inc(labels);
    stop(labels);
  });
  next();
};

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

async function sampleGauges(dataSource: DataSource): Promise<void> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (pool) {
    poolConnections.set({ state: 'total' }, pool.totalCount);
    poolConnections.set({ state: 'idle' }, pool.idleCount);
    poolConnections.set({ state: 'waiting' }, pool.waitingCount);
  }
  queueDepth.reset();
  try {
    const rows: { name: string; state: string; count: string }[] = await dataSource.query(
      `SELECT name, state::text AS state, count(*) AS count FROM pgboss.job
        WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
    );
    for (const row of rows) queueDepth.set({ queue: row.name, state: row.state }, Number(row.count));
  } catch {
    // No job queue in this database yet (the worker has never started): nothing is queued.
  }
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * GET /metrics in the Prometheus text format, for `Authorization: Bearer <CAIRN_METRICS_TOKEN>`.
 * Without a token configured the endpoint does not exist (404), so nothing leaks by default.
 */
export function metricsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const token = deps.config.metricsToken;
    if (!token)
      return sendProblem(res, 404, 'route_not_found', `No route ${req.method} ${req.originalUrl.split('?')[0]}.`);
    if (!tokenMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="cairn-metrics"');
      return sendProblem(res, 401, 'unauthenticated', 'Send Authorization: Bearer <CAIRN_METRICS_TOKEN>.');
    }
    await sampleGauges(deps.dataSource);
    res.setHeader('Cache-Control', 'no-store');
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}
