import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { makeDomain, makeDomainUser } from '../factories/domains';
import { useTestApp } from '../setup/test-app';

/** `npx cairn dbt …` (bin/cairn.mjs) against the test app listening on a loopback port. */
const ctx = useTestApp();
const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join('test', 'fixtures', 'dbt');
let server: Server;
let url: string;

beforeAll(async () => {
  server = ctx.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function cairn(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/cairn.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, CAIRN_URL: url, CAIRN_TOKEN: token } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

it('syncs with a readable plan, records results, and exits non-zero on refusal', async () => {
  const domain = await makeDomain(ctx, { key: 'RET', stage: 'weirdness' });
  const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
  const token = lead.auth.Authorization.replace('Bearer ', '');
  await request(ctx.app)
    .put('/api/v1/domains/RET/dbt/selector')
    .set(lead.auth)
    .send({ groups: ['retention'], tags: ['retention'] })
    .expect(200);
  const manifest = path.join(FIXTURES, 'v12', 'manifest.json');

  const dry = await cairn(['dbt', 'sync', '--domain', 'RET', '--manifest', manifest, '--dry-run'], token);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('dbt manifest v12 (dbt 1.8.7, project jaffle_shop): 11 of');
  expect(dry.stdout).toContain('+ dataset fct_retention (model.jaffle_shop.fct_retention)');
  expect(dry.stdout).toContain('    + details.location: "analytics"."marts"."fct_retention"');
  expect(dry.stdout).toContain('11 to create, 0 changed, 0 unchanged, 0 to deprecate');
  expect(dry.stdout).toContain('Dry run: nothing was written.');
  expect(await ctx.dataSource.getRepository(Artifact).count()).toBe(0);

  const applied = await cairn(['dbt', 'sync', '--domain', 'ret', '--manifest', manifest], token);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toContain('Applied.');
  expect(await ctx.dataSource.getRepository(Artifact).count()).toBe(11);
  const again = await cairn(['dbt', 'sync', '--domain', 'RET', '--manifest', manifest], token);
  expect(again.stdout).toContain('0 to create, 0 changed, 11 unchanged, 0 to deprecate');

  const results = await cairn(
    [
      'dbt',
      'results',
      '--domain',
      'RET',
      '--manifest',
      manifest,
      '--run-results',
      path.join(FIXTURES, 'v12', 'run_results-failing.json'),
    ],
    token,
  );
  expect(results.code).toBe(0);
  expect(results.stdout).toMatch(/5 tests on RET's artifacts, 2 failing/);
  expect(results.stdout).toMatch(
    /fail {2}test\.jaffle_shop\.not_null_fct_retention_customer_id\.\d+: opened investigation #\d+/,
  );

  const refused = await cairn(
    ['dbt', 'sync', '--domain', 'RET', '--manifest', path.join(FIXTURES, 'v12', 'run_results-failing.json')],
    token,
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('Cairn refused (400 validation_failed)');
  expect(refused.stderr).toContain('manifest: is a dbt run-results artifact');

  const unauthenticated = await cairn(['dbt', 'sync', '--domain', 'RET', '--manifest', manifest], 'cairn_wrong');
  expect(unauthenticated.code).toBe(1);
  const usage = await cairn(['dbt', 'sync', '--manifest', manifest], token);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--domain KEY is required');
});
