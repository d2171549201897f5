import type { Express } from 'express';
import request from 'supertest';
import { OPERATIONS } from '../../server/http/openapi/operations';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

interface Layer {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the Express app serves, as "METHOD /path/{param}" relative to /api/v1. */
function appRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          found.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/\/$/, '') || '/'}`);
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found
    .filter((route) => route.includes(' /api/v1/'))
    .map((route) => route.replace(' /api/v1', ' ').replace(/:(\w+)/g, '{$1}'));
}

describe('OpenAPI document', () => {
  it('documents every route the app serves, and nothing it does not', () => {
    const served = new Set(appRoutes(ctx.app));
    const documented = new Set(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    expect(served.size).toBeGreaterThan(40);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });

  it('is served at /api/v1/openapi.json as OpenAPI 3.1 with schemas for every referenced type', async () => {
    const res = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    const text = JSON.stringify(res.body);
    const referenced = new Set([...text.matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]));
    const missing = [...referenced].filter((name) => !res.body.components.schemas[name]);
    expect(missing).toEqual([]);
    expect(res.body.paths['/domains/{key}/gate'].get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/GateView',
    );
    expect(res.body.components.schemas.CreateDomainDto.properties.key).toBeDefined();
  });

  it('serves interactive docs at /api/docs', async () => {
    const page = await request(ctx.app).get('/api/docs/').expect(200);
    expect(page.text).toContain('swagger-ui');
    await request(ctx.app).get('/api/docs/init.js').expect(200);
    await request(ctx.app).get('/api/docs/assets/swagger-ui-bundle.js').expect(200);
  });
});
