#!/usr/bin/env node
/**
 * npm run bench -- [--scale 1] [--duration 10] [--connections 32] [--warmup 2] [--no-build] [--only board,gate,import,backtest,dbt]
 *
 * Measures the hot endpoints of the app against the limit on a database seeded by
 * `npm run seed:scale -- --scale N` (DATABASE_URL):
 *
 * 1. capture: starts the app once with bench/sql-capture.cjs preloaded, calls each endpoint and
 *    records the SQL it sends (queries per request; the limit server's statements);
 * 2. measure: starts the app as in production (node dist/server/index.js, CAIRN_DEMO_DATA=false)
 *    and the limit server (bench/limit-server.mjs: the same SQL on bare node:http + pg), then per
 *    endpoint runs autocannon against the app and then the limit, with a short warm-up each, while
 *    sampling the app's RSS from /proc/<pid>/status;
 * 3. import (bench/import-delay.mjs): the app's event-loop delay while it imports the largest file
 *    the limits allow, on a scratch database;
 * 4. backtest (bench/backtest.mjs): how often the confidence forecast's 90% range holds the true
 *    crossing week on simulated histories, and its median error (no database needed:
 *    `--only backtest` runs it alone);
 * 5. detector (bench/detector.mjs): precision, recall and time to detection of the monitors'
 *    anomaly detector on simulated labelled series, against a rolling z-score, and its throughput
 *    (no database needed: `--only detector` runs it alone);
 * 5b. dbt (bench/dbt-sync.mjs): a generated 5,000-node dbt manifest synced on a scratch database,
 *    target under 10 s (`--only dbt` runs it alone; bench/results/dbt.md);
 * 6. writes bench/results/latest.json (runs merged by scale, so scale 1 and scale 10 sit side by
 *    side) and bench/results/latest.md.
 *
 * The numbers are whatever this machine gives: nothing is retried or tuned to meet a target.
 */
import { spawn, execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createRequire } from 'node:module';
import { renderBacktest, runBacktest } from './backtest.mjs';
import { detectorBench } from './detector.mjs';
import { measureImportDelay } from './import-delay.mjs';
import { measureDbtSync, renderDbt, writeDbtResults } from './dbt-sync.mjs';
import { renderRun, updateResults } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2' },
    port: { type: 'string', default: '3456' },
    'limit-port': { type: 'string', default: '3457' },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const scale = String(Number(args.scale));
const duration = Number(args.duration);
const connections = Number(args.connections);
const warmup = Number(args.warmup);
const databaseUrl = process.env.DATABASE_URL;
// Parts that need no database, run alone with --only (one or several of them).
const STANDALONE = ['backtest', 'detector'];
const standaloneOnly = Boolean(args.only) && args.only.split(',').every((part) => STANDALONE.includes(part));
const dbtOnly = args.only === 'dbt';
if (!databaseUrl && !standaloneOnly) {
  console.error(
    'npm run bench needs DATABASE_URL: a PostgreSQL database seeded with `npm run seed:scale -- --scale N`.',
  );
  process.exit(2);
}

/** The bench admin that seed:scale creates; any active admin otherwise. */
const BENCH_ADMIN_EMAIL = 'bench-admin@scale.cairn.test';

const log = (message) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------- the data under test

async function prepare(db) {
  const [{ domains }] = (await db.query('SELECT count(*)::int AS domains FROM "domain"')).rows;
  if (!domains) throw new Error('the database holds no domains: run `npm run seed:scale -- --scale N` first');
  const admin = (
    await db.query(
      `SELECT id FROM "user" WHERE active AND role = 'admin' ORDER BY (email = $1) DESC, created_at LIMIT 1`,
      [BENCH_ADMIN_EMAIL],
    )
  ).rows[0];
  if (!admin) throw new Error('no active admin to sign the benchmark in');
  // A big domain in the weirdness phase: many investigations and many tickets (the largest product), so the
  // per-domain endpoints read a comparable domain at every scale.
  const domain =
    (
      await db.query(
        `SELECT d.key FROM "domain" d LEFT JOIN LATERAL (SELECT count(*) AS n FROM investigation i WHERE i.domain_id = d.id) i ON true
         WHERE d.stage = 'weirdness' AND NOT d.held ORDER BY (1 + i.n) * (1 + d.ticket_seq) DESC, d.key LIMIT 1`,
      )
    ).rows[0] ?? (await db.query('SELECT key FROM "domain" ORDER BY ticket_seq DESC LIMIT 1')).rows[0];
  const secret = `cairn_bench_${crypto.randomBytes(24).toString('hex')}`;
  const tokenHash = crypto.createHash('sha256').update(secret).digest('hex');
  await db.query(
    `INSERT INTO api_token (user_id, name, prefix, token_hash, expires_at) VALUES ($1, 'npm run bench', $2, $3, now() + interval '1 day')`,
    [admin.id, secret.slice(0, 12), tokenHash],
  );
  const sizes = (
    await db.query(
      `SELECT (SELECT count(*) FROM "user")::int AS users, (SELECT count(*) FROM ticket)::int AS tickets,
              (SELECT count(*) FROM investigation)::int AS investigations,
              (SELECT reltuples::bigint FROM pg_class WHERE relname = 'audit_event') AS "auditEventsEstimate",
              (SELECT ticket_seq FROM "domain" WHERE key = $1) AS "domainTickets",
              (SELECT count(*) FROM investigation i JOIN "domain" d ON d.id = i.domain_id WHERE d.key = $1)::int AS "domainInvestigations"`,
      [domain.key],
    )
  ).rows[0];
  // The badge an <img> in a dashboard asks for: an artifact with caveats, by its own token.
  const badge = (
    await db.query(
      `SELECT a.id, a.badge_token FROM artifact a ORDER BY (SELECT count(*) FROM caveat c WHERE c.artifact_id = a.id) DESC, a.id LIMIT 1`,
    )
  ).rows[0];
  return {
    secret,
    tokenHash,
    badge,
    domainKey: domain.key,
    sizes: { domains, ...sizes, auditEventsEstimate: Number(sizes.auditEventsEstimate) },
  };
}

function endpointsFor(domainKey, badge) {
  const all = [
    // What the board asks for: one column (a stage), needing attention first, 30 cards; the client sends six at once.
    { name: 'board', label: 'Portfolio board column', path: '/api/v1/domains?stage=weirdness&sort=attention&limit=30' },
    { name: 'gate', label: "Domain's gate", path: `/api/v1/domains/${domainKey}/gate` },
    {
      name: 'tickets',
      label: 'Ticket list, filtered',
      path: `/api/v1/domains/${domainKey}/tickets?status=open&priority=high`,
    },
    { name: 'investigations', label: 'Investigations, text search', path: '/api/v1/investigations?q=revenue' },
    { name: 'oddity', label: 'Oddity rate', path: `/api/v1/domains/${domainKey}/oddity-rate?weeks=12` },
    { name: 'audit', label: 'Audit list, filtered', path: '/api/v1/audit?action=ticket.create' },
    // The command palette as one types: a common word (every kind matches, newest first) and a ticket key.
    // Its own target besides the shared ones: p99 within 200 ms, as a type-ahead must answer.
    { name: 'search', label: 'Search, a common word', path: '/api/v1/search?q=revenue', p99TargetMs: 200 },
    { name: 'search-key', label: 'Search, a ticket key', path: `/api/v1/search?q=${domainKey}-1`, p99TargetMs: 200 },
    // Leadership's page: the whole portfolio's history in one answer (all phase changes, all investigations).
    // Its own target besides the shared ones: a page opened now and then, read whole, p99 within a second.
    { name: 'insights', label: 'Portfolio insights', path: '/api/v1/insights', p99TargetMs: 1000 },
    // What an <img> in a dashboard or wiki asks for: no session, the token in the URL; its own throughput target.
    ...(badge
      ? [
          {
            name: 'badge',
            label: 'Artifact badge (SVG, no session)',
            path: `/api/v1/badges/artifacts/${badge.id}.svg?token=${badge.badge_token}`,
            anonymous: true,
            reqPerSecTarget: 1000,
          },
        ]
      : []),
  ];
  if (!args.only) return all;
  const wanted = new Set(args.only.split(','));
  return all.filter((endpoint) => wanted.has(endpoint.name));
}

// ---------------------------------------------------------------- processes

function startProcess(name, argv, env) {
  const child = spawn(process.execPath, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${name} exited early (${code ?? signal}): ${stderr}`);
  });
  return child;
}

async function waitFor(url, child, name) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} did not start`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not answer ${url} within 60 s`);
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null) return;
  child.stopping = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
}

function appEnv(port) {
  return { PORT: String(port), DATABASE_URL: databaseUrl, CAIRN_DEMO_DATA: 'false', NODE_ENV: 'production' };
}

/** Samples a process's resident set size (VmRSS) until stopped. */
function sampleRss(pid) {
  const samples = [];
  const read = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      if (kb) samples.push(kb / 1024);
    } catch {
      // the process is gone
    }
  };
  read();
  const timer = setInterval(read, 250);
  return {
    samples,
    stop() {
      clearInterval(timer);
      read();
      return { maxMb: round(Math.max(...samples)), lastMb: round(samples.at(-1)), samples: samples.length };
    },
  };
}

const round = (value, digits = 1) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null);

// ---------------------------------------------------------------- capture pass

async function capture(endpoints, secret, port) {
  const file = path.join(os.tmpdir(), `cairn-bench-capture-${process.pid}.jsonl`);
  fs.rmSync(file, { force: true });
  const app = startProcess('app (capture)', ['-r', './bench/sql-capture.cjs', 'dist/server/index.js'], {
    ...appEnv(port),
    BENCH_SQL_CAPTURE: file,
    LOG_LEVEL: 'warn',
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/v1/health`, app, 'app');
    for (const endpoint of endpoints) {
      // Twice: the second call sees warm caches (settings, root causes), as under load.
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`http://127.0.0.1:${port}${endpoint.path}`, {
          headers: endpoint.anonymous ? {} : { authorization: `Bearer ${secret}` },
        });
        endpoint.status = response.status;
        endpoint.bytes = (await response.arrayBuffer()).byteLength;
      }
      await sleep(150);
      const records = fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .filter((record) => record.url === endpoint.path);
      const last = records.at(-1);
      endpoint.queries = last?.queries ?? [];
      endpoint.queriesPerRequest = endpoint.queries.length;
      log(
        `captured ${endpoint.name}: HTTP ${endpoint.status}, ${endpoint.queriesPerRequest} queries, ${endpoint.bytes} bytes`,
      );
    }
  } finally {
    await stopProcess(app);
    fs.rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------- measure pass

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** One autocannon run, plus the CPU the server process spent per request during it. */
async function measured(url, secret, seconds, pid) {
  const before = cpuMs(pid);
  const result = await cannon(url, secret, seconds);
  const spent = cpuMs(pid) - before;
  return { ...result, cpuMsPerRequest: result.requests ? round(spent / result.requests, 2) : null };
}

/**
 * Waits (at most a minute) until no other statement runs on the benchmark's database: requests
 * that autocannon gave up on keep running in PostgreSQL and would slow the next measurement.
 */
async function settle() {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      if (!rows[0].n) return;
      await sleep(250);
    }
    log('statements still running after 60 s; measuring anyway');
  } finally {
    await db.end();
  }
}

/** `secret` null: no Authorization header (the public badge). */
async function cannon(url, secret, seconds) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: secret === null ? {} : { authorization: `Bearer ${secret}` },
  });
  return {
    reqPerSec: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function measure(endpoints, secret, appPort, limitPort) {
  const sqlFile = path.join(os.tmpdir(), `cairn-bench-limit-${process.pid}.json`);
  fs.writeFileSync(
    sqlFile,
    JSON.stringify({ endpoints: endpoints.map(({ path: p, queries }) => ({ path: p, queries })) }),
  );
  let app = startProcess('app', ['dist/server/index.js'], appEnv(appPort));
  const limit = startProcess('limit server', ['bench/limit-server.mjs'], {
    PORT: String(limitPort),
    DATABASE_URL: databaseUrl,
    BENCH_LIMIT_SQL: sqlFile,
  });
  const rssSamplers = [];
  let appRestarts = 0;
  // On a shared machine a neighbour may stop the app (a broad pkill): start it again and measure
  // the endpoint again, and say so in the results rather than publish a dead server's numbers.
  const ensureApp = async () => {
    if (app.exitCode === null && app.signalCode === null) return;
    appRestarts++;
    log(`the app was stopped from outside; starting it again (restart ${appRestarts})`);
    rssSamplers.at(-1)?.stop();
    app = startProcess('app', ['dist/server/index.js'], appEnv(appPort));
    await waitFor(`http://127.0.0.1:${appPort}/api/v1/health`, app, 'app');
    rssSamplers.push(sampleRss(app.pid));
  };
  try {
    await waitFor(`http://127.0.0.1:${appPort}/api/v1/health`, app, 'app');
    await waitFor(`http://127.0.0.1:${limitPort}/`, limit, 'limit server');
    rssSamplers.push(sampleRss(app.pid));
    const limitRss = sampleRss(limit.pid);
    for (const endpoint of endpoints) {
      // App and limit back to back per endpoint, so a neighbour's load spike hits both alike.
      for (let attempt = 0; attempt < 3; attempt++) {
        await ensureApp();
        await settle();
        const auth = endpoint.anonymous ? null : secret;
        if (warmup > 0) await cannon(`http://127.0.0.1:${appPort}${endpoint.path}`, auth, warmup);
        const pid = app.pid;
        endpoint.app = await measured(`http://127.0.0.1:${appPort}${endpoint.path}`, auth, duration, pid);
        if (app.pid === pid && app.exitCode === null && app.signalCode === null) break;
        endpoint.app.interrupted = true;
      }
      await settle();
      const limitAuth = endpoint.anonymous ? null : secret;
      if (warmup > 0) await cannon(`http://127.0.0.1:${limitPort}${endpoint.path}`, limitAuth, warmup);
      endpoint.limit = await measured(`http://127.0.0.1:${limitPort}${endpoint.path}`, limitAuth, duration, limit.pid);
      endpoint.ratioToLimit = endpoint.limit.reqPerSec
        ? round(endpoint.app.reqPerSec / endpoint.limit.reqPerSec, 2)
        : null;
      log(
        `${endpoint.name.padEnd(15)} app ${String(endpoint.app.reqPerSec).padStart(7)} req/s p50 ${endpoint.app.p50Ms} ms p99 ${endpoint.app.p99Ms} ms` +
          ` | limit ${String(endpoint.limit.reqPerSec).padStart(7)} req/s p99 ${endpoint.limit.p99Ms} ms | ratio ${endpoint.ratioToLimit}` +
          (endpoint.app.non2xx || endpoint.app.errors
            ? ` | app non-2xx ${endpoint.app.non2xx}, errors ${endpoint.app.errors}`
            : ''),
      );
    }
    const appRuns = rssSamplers.map((sampler) => sampler.stop());
    return {
      appRss: {
        maxMb: Math.max(...appRuns.map((r) => r.maxMb ?? 0)),
        lastMb: appRuns.at(-1)?.lastMb ?? null,
        samples: appRuns.reduce((n, r) => n + r.samples, 0),
      },
      limitRss: limitRss.stop(),
      appRestarts,
    };
  } finally {
    await Promise.all([stopProcess(app), stopProcess(limit)]);
    fs.rmSync(sqlFile, { force: true });
  }
}

// ---------------------------------------------------------------- results

function machine() {
  const sh = (command) => {
    try {
      return execSync(command, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpus: os.cpus().length,
    nproc: Number(sh('nproc')) || null,
    cpuModel: os.cpus()[0]?.model ?? null,
    memTotalGb: round(os.totalmem() / 2 ** 30),
    freeH: sh('free -h'),
    loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
    node: process.version,
    commit: sh('git rev-parse --short HEAD'),
    workingTreeChanges: (sh('git status --porcelain --untracked-files=no') ?? '').split('\n').filter(Boolean).length,
    postgres: null,
  };
}

// ---------------------------------------------------------------- main

/** The forecast backtest, printed and kept in bench/results/backtest.md. */
async function backtest() {
  log('backtest of the confidence forecast (bench/backtest.mjs)');
  const text = renderBacktest(await runBacktest());
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/backtest.md'), text + '\n');
  process.stdout.write(text + '\n');
}

/** The monitors' detector quality and speed, printed and kept in bench/results/detector.md. */
async function detector() {
  log('detection quality and speed of the monitors detector (bench/detector.mjs)');
  process.stdout.write((await detectorBench()) + '\n');
}

async function main() {
  if (!args['no-build']) {
    log('building the server (npm run build:server)');
    try {
      execSync('npm run build:server', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      // tsc still emits on type errors (a neighbour's work in progress): measure what was built.
      log('build:server reported errors; measuring the emitted dist/ anyway');
    }
  }
  if (standaloneOnly) {
    const parts = args.only.split(',');
    if (parts.includes('backtest')) await backtest();
    if (parts.includes('detector')) await detector();
    return;
  }
  if (dbtOnly) return dbtBench();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let prepared;
  let postgres;
  try {
    prepared = await prepare(db);
    postgres = (await db.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await db.end();
  }
  const startMachine = { ...machine(), postgres };
  const endpoints = endpointsFor(prepared.domainKey, prepared.badge);
  log(
    `scale ${scale}: ${prepared.sizes.domains} domains, ${prepared.sizes.tickets} tickets; per-domain endpoints on ${prepared.domainKey}`,
  );

  let memory = {};
  if (endpoints.length) {
    await capture(endpoints, prepared.secret, Number(args.port));
    memory = await measure(endpoints, prepared.secret, Number(args.port), Number(args['limit-port']));
  }
  let importDelay;
  if (!args.only || args.only.split(',').includes('import')) {
    const { IMPORT_LIMITS } = createRequire(import.meta.url)(
      path.join(root, 'dist/server/modules/transfer/transfer.schema.js'),
    );
    importDelay = await measureImportDelay({
      databaseUrl,
      port: Number(args.port),
      log,
      limits: { tickets: IMPORT_LIMITS.rows.tickets, bodyBytes: IMPORT_LIMITS.bodyBytes },
    });
  }

  const cleanup = new pg.Client({ connectionString: databaseUrl });
  await cleanup.connect();
  await cleanup.query(`UPDATE api_token SET revoked_at = now() WHERE token_hash = $1`, [prepared.tokenHash]);
  await cleanup.end();

  const run = {
    at: new Date().toISOString(),
    scale: Number(scale),
    machine: startMachine,
    connections,
    durationSeconds: duration,
    warmupSeconds: warmup,
    rebuilt: !args['no-build'],
    domainKey: prepared.domainKey,
    sizes: prepared.sizes,
    endpoints: endpoints.map(({ queries, ...rest }) => ({ ...rest, sql: queries.map((q) => q.text) })),
    ...memory,
    importDelay,
  };

  let written = run;
  updateResults((results) => {
    // `--only import` measures no endpoint: keep the endpoints of the last full run at this scale.
    const previous = results.runs[scale];
    if (!previous) written = run;
    else if (!endpoints.length) written = { ...previous, importDelay };
    else if (args.only) {
      // `--only x,y` measures some endpoints: they replace theirs in the last run at this scale, the others stay.
      const fresh = new Map(run.endpoints.map((e) => [e.name, e]));
      const kept = previous.endpoints.map((e) => fresh.get(e.name) ?? e);
      const added = run.endpoints.filter((e) => !previous.endpoints.some((p) => p.name === e.name));
      written = { ...previous, endpoints: [...kept, ...added], importDelay: importDelay ?? previous.importDelay };
    } else written = run;
    results.runs[scale] = written;
  });
  process.stdout.write(renderRun(written) + '\n');
  log('wrote bench/results/latest.json and bench/results/latest.md');
  if (!args.only) {
    await backtest();
    await detector();
    await dbtBench();
  } else if (args.only.split(',').includes('detector')) await detector();
}

async function dbtBench() {
  log('dbt manifest sync (bench/dbt-sync.mjs)');
  const run = await measureDbtSync({ databaseUrl, port: Number(args.port), log, root });
  writeDbtResults(root, run);
  process.stdout.write(renderDbt(run) + '\n');
}

main().catch((error) => {
  console.error('bench failed:', error);
  process.exit(1);
});
