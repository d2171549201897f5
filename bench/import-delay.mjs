/**
 * The event-loop delay of the app while it imports the largest domain file the limits allow
 * (issue #13: a 32 MB import once held /health for 14 s). Run by `npm run bench` (or alone with
 * `npm run bench -- --only import`):
 *
 * 1. makes a scratch database beside DATABASE_URL's and starts the built app on it (it migrates);
 * 2. creates an admin with an API token, a domain SRC, exports it and grows the file to
 *    IMPORT_LIMITS.rows.tickets tickets with bodies filling it to about BENCH_IMPORT_MB (default 48);
 * 3. while POST /domains/import runs, probes GET /api/v1/health/live every 20 ms (the latency a
 *    load balancer sees) and reads the app's own event-loop delay histogram
 *    (monitorEventLoopDelay through prom-client's cairn_nodejs_eventloop_lag_* on /metrics, which
 *    reset at each scrape, so the scrape after the import covers exactly the import);
 * 4. drops the scratch database.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** Targets: the loop never stalls long enough for a probe or a user to notice. */
export const IMPORT_TARGETS = { eventLoopP99Ms: 100, eventLoopMaxMs: 500, probeMaxMs: 1000 };

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The app's cairn_* gauges from one scrape of /metrics (each scrape resets the event-loop histogram). */
async function scrape(base, token) {
  const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const values = {};
  for (const line of (await res.text()).split('\n')) {
    const match = /^cairn_(\w+)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (match) values[match[1]] = Number(match[2]);
  }
  return values;
}

/**
 * @param {{ databaseUrl: string, port: number, log: (m: string) => void, limits: { tickets: number, bodyBytes: number } }} options
 */
export async function measureImportDelay({ databaseUrl, port, log, limits }) {
  const database = `cairn_bench_import_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = withDatabase(databaseUrl, database);
  const metricsToken = crypto.randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['dist/server/index.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      CAIRN_DEMO_DATA: 'false',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      CAIRN_METRICS_TOKEN: metricsToken,
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
        `INSERT INTO "user" (email, name, password_hash, role) VALUES ('import-bench@cairn.test', 'Import bench', 'x', 'admin') RETURNING id`,
      );
      await db.query(
        `INSERT INTO api_token (user_id, name, prefix, token_hash, expires_at) VALUES ($1, 'import bench', $2, $3, now() + interval '1 day')`,
        [rows[0].id, secret.slice(0, 12), crypto.createHash('sha256').update(secret).digest('hex')],
      );
    } finally {
      await db.end();
    }
    const auth = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${base}/api/v1/domains`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ key: 'SRC', name: 'Import source' }),
    });
    if (created.status !== 201) throw new Error(`POST /domains answered ${created.status}: ${await created.text()}`);
    const file = await (await fetch(`${base}/api/v1/domains/SRC/export`, { headers: auth })).json();

    const targetBytes = Math.min(Number(process.env.BENCH_IMPORT_MB ?? 48) * 2 ** 20, limits.bodyBytes * 0.95);
    const bodyLength = Math.max(0, Math.floor(targetBytes / limits.tickets) - 400);
    const filler = 'The join to the events table drops late rows; '
      .repeat(Math.ceil(bodyLength / 47))
      .slice(0, bodyLength);
    const at = new Date('2026-01-05T10:00:00.000Z').toISOString();
    file.domain.key = 'BIG';
    file.domain.id = crypto.randomUUID();
    file.domain.ticketSeq = limits.tickets;
    file.events = [];
    file.tickets = Array.from({ length: limits.tickets }, (_, i) => ({
      id: crypto.randomUUID(),
      number: i + 1,
      kind: 'task',
      title: `Imported ticket ${i + 1}`,
      body: filler,
      phase: 'specs',
      status: 'open',
      priority: 'medium',
      assigneeId: null,
      reporterId: null,
      dueDate: null,
      labels: ['imported'],
      artifactIds: [],
      investigationId: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    }));
    const body = JSON.stringify(file);
    log(`import: ${limits.tickets} tickets, ${round(body.length / 2 ** 20)} MB`);

    await scrape(base, metricsToken); // resets the histogram
    let probing = true;
    const probes = [];
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await fetch(`${base}/api/v1/health/live`).then((r) => r.arrayBuffer());
        probes.push(performance.now() - started);
        await sleep(20);
      }
    })();
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/domains/import`, { method: 'POST', headers: auth, body });
    const seconds = (performance.now() - started) / 1000;
    const answer = await res.json();
    probing = false;
    await probe;
    const lag = await scrape(base, metricsToken);
    const eventLoopMaxMs = (lag.nodejs_eventloop_lag_max_seconds ?? NaN) * 1000;
    const eventLoopP99Ms = (lag.nodejs_eventloop_lag_p99_seconds ?? NaN) * 1000;
    if (res.status !== 201)
      throw new Error(`the import answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    probes.sort((a, b) => a - b);
    const result = {
      bodyMb: round(body.length / 2 ** 20),
      tickets: answer.counts?.tickets ?? null,
      importSeconds: round(seconds),
      eventLoopP99Ms: round(eventLoopP99Ms),
      eventLoopMaxMs: round(eventLoopMaxMs),
      probes: probes.length,
      probeP99Ms: round(probes[Math.floor(probes.length * 0.99)] ?? NaN),
      probeMaxMs: round(probes.at(-1) ?? NaN),
      targets: IMPORT_TARGETS,
    };
    result.met =
      result.eventLoopP99Ms <= IMPORT_TARGETS.eventLoopP99Ms &&
      result.eventLoopMaxMs <= IMPORT_TARGETS.eventLoopMaxMs &&
      result.probeMaxMs <= IMPORT_TARGETS.probeMaxMs;
    log(
      `import: ${result.importSeconds} s; event loop p99 ${result.eventLoopP99Ms} ms, max ${result.eventLoopMaxMs} ms; ` +
        `/health/live probes ${result.probes}, p99 ${result.probeP99Ms} ms, max ${result.probeMaxMs} ms` +
        (result.met ? '' : ' — OVER TARGET'),
    );
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}
