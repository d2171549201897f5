import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/app';
import { authAs, makeUser } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

/** An app over a built-looking client folder: index.html and one hashed asset. */
function appWithClient(overrides: Partial<typeof ctx.deps.config> = {}) {
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-client-'));
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'index-B2x9_fQk.js'), 'console.log("cairn");'.repeat(200));
  return createApp({ ...ctx.deps, config: { ...ctx.deps.config, ...overrides } }, { clientDir });
}

describe('health probes', () => {
  it('live answers without the database, ready checks it', async () => {
    await request(ctx.app).get('/api/v1/health/live').expect(200, { status: 'ok' });
    const ready = await request(ctx.app).get('/api/v1/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: { status: 'up' } });
    await request(ctx.app).get('/api/v1/health').expect(200);
  });

  it('ready is a 503 problem when the database does not answer; live stays 200', async () => {
    const down = { query: () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as DataSource;
    const app = createApp({ ...ctx.deps, dataSource: down });
    const res = await request(app).get('/api/v1/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('database_unavailable');
    await request(app).get('/api/v1/health/live').expect(200);
  });

  it.each([
    '/healthz',
    '/livez',
    '/readyz',
    '/health',
    '/metrics',
    '/api/v2/anything',
    '/api/v1/nope',
    '/assets/index-gone1234.js',
  ])('%s never falls through to the client HTML', async (probe) => {
    const res = await request(appWithClient()).get(probe).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('metrics', () => {
  const token = 'metrics-token-for-tests-0123';

  it('wants the bearer token, and counts requests by route template', async () => {
    const app = appWithClient({ metricsToken: token });
    await request(app).get('/api/v1/health/live').expect(200);
    const refused = await request(app).get('/metrics').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    await request(app).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(
      /cairn_http_requests_total\{method="GET",route="\/api\/v1\/health\/live",status="200"\} \d+/,
    );
    expect(res.text).toContain('cairn_http_request_duration_seconds_bucket');
    expect(res.text).toContain('cairn_db_pool_connections{state="total"}');
    expect(res.text).toContain('cairn_webhook_delivery_failures_total');
    expect(res.text).toContain('cairn_monitor_runs_total');
  });
});

describe('caching and compression', () => {
  it('hashed assets are immutable for a year, index.html is revalidated', async () => {
    const app = appWithClient();
    const asset = await request(app).get('/assets/index-B2x9_fQk.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await request(app).get('/domains/RET').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('compresses with brotli or gzip as the client asks', async () => {
    const app = appWithClient();
    const br = await request(app).get('/api/v1/openapi.json').set('Accept-Encoding', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    const gzip = await request(app).get('/assets/index-B2x9_fQk.js').set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('a new token is never stored by a cache and says where it lives', async () => {
    const user = await makeUser(ctx.dataSource);
    const res = await request(ctx.app)
      .post('/api/v1/tokens')
      .set(await authAs(ctx, user))
      .send({ name: 'ci' })
      .expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBe(`/api/v1/tokens/${res.body.id}`);
  });
});

describe('auth answers', () => {
  it('a 401 carries WWW-Authenticate', async () => {
    const res = await request(ctx.app).get('/api/v1/auth/me').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="cairn"');
  });
});

describe('access log', () => {
  it('names the signed-in user', async () => {
    const lines: string[] = [];
    const pino = (await import('pino')).default;
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp(ctx.deps, { logger });
    const user = await makeUser(ctx.dataSource);
    await request(app)
      .get('/api/v1/auth/me')
      .set(await authAs(ctx, user))
      .expect(200);
    const entry = lines
      .map((line) => JSON.parse(line) as { userId?: string; req?: { url: string } })
      .find((e) => e.req?.url === '/api/v1/auth/me');
    expect(entry?.userId).toBe(user.id);
  });
});
