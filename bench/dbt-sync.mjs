/**
 * How long a dbt manifest of 5,000 nodes takes to sync (issue #19: under 10 s on this machine).
 * Run by `npm run bench` (or alone with `npm run bench -- --only dbt`):
 *
 * 1. makes a scratch database beside DATABASE_URL's and starts the built app on it (it migrates);
 * 2. creates a lead with an API token, a domain DBT whose selector takes the tag `bench`;
 * 3. generates a v12 manifest of BENCH_DBT_NODES (default 5,000) selected nodes: models, seeds,
 *    snapshots and sources with columns, metrics of every type on a semantic model, exposures, and
 *    as many tests and package nodes that the selector leaves out;
 * 4. times POST /domains/DBT/dbt/sync?dryRun=true, the first sync (all created), the same manifest
 *    again (all unchanged), and a sync where a tenth of the nodes changed and a tenth left dbt;
 * 5. drops the scratch database and writes bench/results/dbt.json and bench/results/dbt.md.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export const DBT_TARGETS = { syncSeconds: 10 };

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A v12 manifest with `count` selected nodes (and about as many the selector leaves out). */
export function generateManifest(count, variant = 0) {
  const P = 'bench_project';
  const nodes = {};
  const sources = {};
  const metrics = {};
  const exposures = {};
  const kinds = ['model', 'model', 'model', 'seed', 'snapshot', 'source', 'metric', 'exposure'];
  const measures = Array.from({ length: 20 }, (_, i) => ({
    name: `measure_${i}`,
    agg: 'sum',
    expr: `amount_${i}`,
    description: `Measure ${i}`,
    agg_time_dimension: null,
  }));
  const metricTypes = ['simple', 'ratio', 'cumulative', 'derived', 'conversion'];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    // variant 1: every tenth node's description changed, every tenth (offset 5) left dbt
    if (variant === 1 && i % 10 === 5) continue;
    const description = variant === 1 && i % 10 === 0 ? `Node ${i}, redefined` : `Node ${i} of the bench project`;
    const base = {
      name: `${kind}_${i}`,
      resource_type: kind,
      package_name: P,
      path: `bench/${kind}_${i}.sql`,
      original_file_path: `models/bench/${kind}_${i}.sql`,
      unique_id: `${kind}.${P}.${kind}_${i}`,
      fqn: [P, 'bench', `${kind}_${i}`],
      description,
      tags: ['bench'],
      meta: i % 3 === 0 ? { owner: `owner${i % 7}@bench.test` } : {},
      config: { enabled: true, tags: ['bench'], materialized: kind === 'model' ? 'table' : kind, meta: {} },
    };
    if (kind === 'metric') {
      const type = metricTypes[i % metricTypes.length];
      const measure = { name: `measure_${i % 20}`, filter: null, alias: null };
      metrics[base.unique_id] = {
        ...base,
        label: `Metric ${i}`,
        type,
        type_params: {
          measure: type === 'simple' || type === 'cumulative' ? measure : null,
          numerator: type === 'ratio' ? { name: `metric_${i - 8}` } : null,
          denominator: type === 'ratio' ? { name: `metric_${i - 16}` } : null,
          expr: type === 'derived' ? 'a - b' : null,
          metrics:
            type === 'derived'
              ? [
                  { name: `metric_${i - 8}`, alias: 'a' },
                  { name: `metric_${i - 16}`, alias: 'b' },
                ]
              : [],
          window: type === 'cumulative' ? { count: 7, granularity: 'day' } : null,
          cumulative_type_params:
            type === 'cumulative'
              ? { window: { count: 7, granularity: 'day' }, grain_to_date: null, period_agg: 'first' }
              : null,
          conversion_type_params:
            type === 'conversion'
              ? {
                  base_measure: measure,
                  conversion_measure: { name: 'measure_1' },
                  entity: 'user',
                  calculation: 'conversion_rate',
                  window: { count: 7, granularity: 'day' },
                }
              : null,
        },
        filter: { where_filters: [{ where_sql_template: "{{ Dimension('user__is_test') }} = false" }] },
        time_granularity: 'day',
        group: null,
      };
    } else if (kind === 'exposure') {
      exposures[base.unique_id] = {
        ...base,
        type: 'dashboard',
        owner: { email: `owner${i % 7}@bench.test`, name: `Owner ${i % 7}` },
        maturity: 'medium',
        url: `https://bi.bench.test/d/${i}`,
        depends_on: { nodes: [] },
      };
    } else {
      const columns = {};
      for (let c = 0; c < 8; c++)
        columns[`col_${c}`] = { name: `col_${c}`, description: `Column ${c} of node ${i}`, meta: {}, tags: [] };
      const node = {
        ...base,
        database: 'analytics',
        schema: 'bench',
        alias: `${kind}_${i}`,
        relation_name: `"analytics"."bench"."${kind}_${i}"`,
        columns,
        depends_on: { nodes: [], macros: [] },
        raw_code: 'select 1',
      };
      if (kind === 'source') sources[base.unique_id] = { ...node, source_name: 'raw', identifier: `${kind}_${i}` };
      else nodes[base.unique_id] = node;
      // a test per dataset, and a node of an installed package: neither becomes an artifact
      const test = `test.${P}.not_null_${kind}_${i}_col_0.${String(i).padStart(10, '0')}`;
      nodes[test] = {
        ...node,
        name: `not_null_${kind}_${i}_col_0`,
        resource_type: 'test',
        unique_id: test,
        attached_node: base.unique_id,
        columns: {},
      };
      const pkg = `model.dbt_utils.helper_${i}`;
      nodes[pkg] = { ...node, name: `helper_${i}`, package_name: 'dbt_utils', unique_id: pkg, columns: {} };
    }
  }
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '1.8.7',
      generated_at: '2026-12-01T06:00:00Z',
      invocation_id: crypto.randomUUID(),
      project_name: P,
    },
    nodes,
    sources,
    metrics,
    exposures,
    groups: {},
    semantic_models: {
      [`semantic_model.${P}.events`]: {
        name: 'events',
        resource_type: 'semantic_model',
        package_name: P,
        original_file_path: 'models/bench/semantic.yml',
        unique_id: `semantic_model.${P}.events`,
        defaults: { agg_time_dimension: 'event_date' },
        measures,
      },
    },
    disabled: {},
    selectors: {},
    macros: {},
    docs: {},
    parent_map: {},
    child_map: {},
  };
}

async function timed(run) {
  const started = performance.now();
  const result = await run();
  return { seconds: (performance.now() - started) / 1000, result };
}

/**
 * @param {{ databaseUrl: string, port: number, log: (m: string) => void, root: string }} options
 */
export async function measureDbtSync({ databaseUrl, port, log, root }) {
  const count = Number(process.env.BENCH_DBT_NODES ?? 5000);
  const database = `cairn_bench_dbt_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = withDatabase(databaseUrl, database);
  const child = spawn(process.execPath, ['dist/server/index.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      CAIRN_DEMO_DATA: 'false',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error('the app exited while starting');
      try {
        if ((await fetch(`${base}/api/v1/health/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error('the app did not become ready');
      await sleep(100);
    }
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const secret = `cairn_bench_${crypto.randomBytes(24).toString('hex')}`;
    try {
      const { rows } = await db.query(
        `INSERT INTO "user" (email, name, password_hash, role) VALUES ('dbt-bench@cairn.test', 'dbt bench', 'x', 'admin') RETURNING id`,
      );
      await db.query(
        `INSERT INTO api_token (user_id, name, prefix, token_hash, expires_at) VALUES ($1, 'dbt bench', $2, $3, now() + interval '1 day')`,
        [rows[0].id, secret.slice(0, 12), crypto.createHash('sha256').update(secret).digest('hex')],
      );
      for (let o = 0; o < 7; o += 2)
        await db.query(`INSERT INTO "user" (email, name, password_hash, role) VALUES ($1, $2, 'x', 'member')`, [
          `owner${o}@bench.test`,
          `Owner ${o}`,
        ]);
    } finally {
      await db.end();
    }
    const auth = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
    const post = async (pathname, body) => {
      const res = await fetch(`${base}/api/v1${pathname}`, { method: 'POST', headers: auth, body });
      const json = await res.json();
      if (!res.ok) throw new Error(`POST ${pathname} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
      return json;
    };
    await post('/domains', JSON.stringify({ key: 'DBT', name: 'dbt bench' }));
    const selector = await fetch(`${base}/api/v1/domains/DBT/dbt/selector`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ tags: ['bench'] }),
    });
    if (!selector.ok) throw new Error(`PUT selector answered ${selector.status}`);
    const manifest = JSON.stringify(generateManifest(count));
    const changed = JSON.stringify(generateManifest(count, 1));
    log(`dbt: a manifest of ${count} selected nodes, ${round(manifest.length / 2 ** 20, 1)} MB`);
    const dryRun = await timed(() => post('/domains/DBT/dbt/sync?dryRun=true', manifest));
    const first = await timed(() => post('/domains/DBT/dbt/sync', manifest));
    const again = await timed(() => post('/domains/DBT/dbt/sync', manifest));
    const change = await timed(() => post('/domains/DBT/dbt/sync', changed));
    const summary = (r) => ({
      seconds: round(r.seconds),
      created: r.result.plan.created.length,
      changed: r.result.plan.changed.length,
      unchanged: r.result.plan.unchanged.length,
      removed: r.result.plan.removed.length,
    });
    return {
      at: new Date().toISOString(),
      nodes: count,
      manifestMB: round(manifest.length / 2 ** 20, 1),
      targetSeconds: DBT_TARGETS.syncSeconds,
      dryRun: summary(dryRun),
      firstSync: summary(first),
      sameAgain: summary(again),
      tenthChanged: summary(change),
      met: Math.max(first.seconds, again.seconds, change.seconds) < DBT_TARGETS.syncSeconds,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

export function renderDbt(run) {
  const row = (name, r) => `| ${name} | ${r.seconds} s | ${r.created} | ${r.changed} | ${r.unchanged} | ${r.removed} |`;
  return [
    `## dbt manifest sync (bench/dbt-sync.mjs)`,
    '',
    `${run.at}: a v12 manifest of ${run.nodes} selected nodes (${run.manifestMB} MB). Target: every sync under ${run.targetSeconds} s: **${run.met ? 'met' : 'NOT met'}**.`,
    '',
    '| request | time | created | changed | unchanged | deprecated |',
    '|---|---|---|---|---|---|',
    row('dry run', run.dryRun),
    row('first sync', run.firstSync),
    row('same manifest again', run.sameAgain),
    row('a tenth changed, a tenth gone', run.tenthChanged),
  ].join('\n');
}

export function writeDbtResults(root, run) {
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'dbt.json'), JSON.stringify(run, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'dbt.md'), renderDbt(run) + '\n');
}
