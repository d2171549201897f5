import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compression from 'compression';
import express, { Router } from 'express';
import helmet from 'helmet';
import type pino from 'pino';
import { authenticate } from './http/auth';
import type { AppDeps } from './http/deps';
import { createLogger, requestLogger } from './http/logger';
import { httpMetrics, metricsRouter } from './http/metrics';
import { errorHandler, routeNotFound } from './http/problem';
import { auditRouter } from './modules/audit/audit.router';
import { healthRouter } from './modules/health/health.router';
import { authRouter, tokensRouter, usersRouter } from './modules/users/auth.router';
import { featureRouters } from './modules/routers';
import { oidcRouter } from './modules/users/oidc.router';
import { badgesRouter } from './modules/catalog/badges.router';
import { docsRouter } from './http/openapi/docs.router';
import { openApiDocument } from './http/openapi/document';

export interface AppOptions {
  logger?: pino.Logger;
  /** folder of the built client; served with an SPA fallback when it exists */
  clientDir?: string;
  /** sees every response (the contract test checks them against the OpenAPI document) */
  onResponse?: (record: ResponseRecord) => void;
}

export interface ResponseRecord {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string | undefined;
  location: string | undefined;
}

/** Paths a probe or scraper may try: they answer 404, never the client's 200 HTML. */
const PROBE_PATHS = ['/health', '/healthz', '/live', '/livez', '/ready', '/readyz', '/ping', '/status', '/metrics'];

/** The cairn mark of client/index.html's icon link. */
const FAVICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><ellipse cx='8' cy='13' rx='6' ry='2.5' fill='#576574'/>" +
  "<ellipse cx='8' cy='8.5' rx='4.5' ry='2.2' fill='#718093'/><ellipse cx='8' cy='4.5' rx='3' ry='1.8' fill='#8c9bab'/></svg>";

/** A content-hashed Vite output (`assets/index-B2x9_fQk.js`): it never changes under that name. */
const HASHED_ASSET = /^\/assets\/.+-[\w-]{8,}\.\w+$/;

/** Builds the Express app without listening, so tests can drive it with supertest. */
export function createApp(deps: AppDeps, options: AppOptions = {}): express.Express {
  const app = express();
  const logger = options.logger ?? createLogger(deps.config.logLevel);
  app.disable('x-powered-by');
  if (deps.config.trustProxy) app.set('trust proxy', 1);
  app.use(requestLogger(logger));
  app.use(httpMetrics);
  // gzip or brotli, whichever the client prefers, for the API and the client alike.
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } }));
  const onResponse = options.onResponse;
  if (onResponse) {
    app.use((req, res, next) => {
      let body: string | undefined;
      const send = res.send.bind(res);
      res.send = (chunk?: unknown) => {
        if (typeof chunk === 'string') body = chunk;
        else if (Buffer.isBuffer(chunk)) body = chunk.toString('utf8');
        return send(chunk);
      };
      res.on('finish', () => {
        onResponse({
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          contentType: String(res.getHeader('content-type') ?? ''),
          body,
          location: res.getHeader('location')?.toString(),
        });
      });
      next();
    });
  }
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );

  const api = Router();
  // Public badges carry their own key (the token in the URL): no session and no body is read for them.
  api.use('/badges', badgesRouter(deps));
  // 1 MB is plenty for any request but a whole-domain import, which sets its own limit.
  const jsonBody = express.json({ limit: '1mb' });
  // dbt uploads (server/modules/dbt) read their own body, up to their documented size.
  const ownBody = (path: string) => path === '/domains/import' || /^\/domains\/[^/]+\/dbt\/(sync|results)$/i.test(path);
  api.use((req, res, next) => (ownBody(req.path) ? next() : jsonBody(req, res, next)));
  // Answers to changes are never stored by a cache: some carry a secret shown once (POST /tokens,
  // POST /webhooks) or a session cookie (login).
  api.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use('/health', healthRouter(deps));
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  // Public and reached by navigation (single sign-on): a stale bearer token or cookie must not turn
  // them into a 401; the callback rotates the browser's session itself.
  api.use('/auth', oidcRouter(deps));
  api.use(authenticate(deps));
  api.use('/auth', authRouter(deps));
  api.use('/tokens', tokensRouter(deps));
  api.use('/users', usersRouter(deps));
  api.use('/audit', auditRouter(deps));
  for (const [mount, router] of featureRouters(deps)) api.use(mount, router);
  api.use(routeNotFound);
  app.use('/api/v1', api);
  app.use('/api/docs', docsRouter());
  app.use('/api', routeNotFound);
  app.use('/metrics', metricsRouter(deps));
  app.use(PROBE_PATHS, routeNotFound);

  const clientDir = options.clientDir;
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(
      express.static(clientDir, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, file) => {
          const served = `/${path.relative(clientDir, file).split(path.sep).join('/')}`;
          if (HASHED_ASSET.test(served)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    // Browsers ask for /favicon.ico on pages without an icon link (the JSON of /api/v1/health):
    // the cairn mark, rather than a 404 in every console.
    app.get('/favicon.ico', (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.type('image/svg+xml').send(FAVICON_SVG);
    });
    // A missing file (an old hashed chunk after a deploy) is a 404, not the HTML of the client.
    app.get(/^\/assets\/|\.\w+$/, routeNotFound);
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }
  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
