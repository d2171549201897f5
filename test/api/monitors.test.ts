import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createDataSource } from '../../server/db/data-source';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import { Comment } from '../../server/modules/tickets/comment.entity';
import { MonitorAnomaly, MonitorRun } from '../../server/modules/monitors/monitor.entity';
import { queueRun, runMonitor } from '../../server/modules/monitors/monitor-run.service';
import { MONITOR_USER_NAME } from '../../server/modules/monitors/monitor-user';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { makeArtifactRow, makeWeirdnessDomain } from '../factories/investigations';
import { startSourcePostgres, type SourcePostgres } from '../factories/source-postgres';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-monitor-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const DAY_MS = 86_400_000;

/** A daily series with a weekly rhythm and a little deterministic noise, from..to inclusive; `odd` overrides days. */
function writeSeries(from: string, to: string, odd: Record<string, number> = {}): void {
  const lines = ['ts,value'];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    const base = 1000 + (weekday === 0 || weekday === 6 ? -120 : 0) + ((t / DAY_MS) % 7) * 3 + (Math.sin(t / DAY_MS) * 8);
    lines.push(`${day},${odd[day] ?? Math.round(base)}`);
  }
  fs.writeFileSync(path.join(dir, 'daily.csv'), `${lines.join('\n')}\n`);
}

async function setup(options: { sql?: string } = {}) {
  const admin = await signedIn(ctx, 'admin');
  const domain = await makeWeirdnessDomain(ctx);
  const artifact = await makeArtifactRow(ctx, domain, { type: 'metric', name: 'Daily signups' });
  const source = await request(ctx.app)
    .post('/api/v1/sources')
    .set(admin.auth)
    .send({ name: `files ${Math.random()}`, kind: 'duckdb', path: dir })
    .expect(201);
  const monitor = await request(ctx.app)
    .post(`/api/v1/artifacts/${artifact.id}/monitors`)
    .set(admin.auth)
    .send({
      sourceId: source.body.id,
      name: 'Signups per day',
      sql: options.sql ?? 'select ts, value from daily order by ts',
      schedule: '0 6 * * *',
      seasonality: 'weekly',
      sensitivity: 0.5,
      minChange: 0.1,
      evaluateLast: 3,
    })
    .expect(201);
  return { admin, domain, artifact, source: source.body, monitor: monitor.body };
}

const runNow = async (auth: Record<string, string>, monitorId: string) =>
  (await request(ctx.app).post(`/api/v1/monitors/${monitorId}/run`).set(auth).expect(200)).body;

describe('monitors: configuration', () => {
  it('creates a monitor on a metric, with its first run scheduled, and lists it under the artifact', async () => {
    writeSeries('2026-01-01', '2026-03-31');
    const { admin, artifact, monitor } = await setup();
    expect(monitor).toMatchObject({ name: 'Signups per day', seasonality: 'weekly', schedule: '0 6 * * *', lastRun: null });
    expect(monitor.nextRunAt).toMatch(/T06:00:00/);
    const list = await request(ctx.app).get(`/api/v1/artifacts/${artifact.id}/monitors`).set(admin.auth).expect(200);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([monitor.id]);
  });

  it('refuses hostile SQL, a bad schedule and an unknown source with 400s', async () => {
    writeSeries('2026-01-01', '2026-03-31');
    const { admin, artifact, source, monitor } = await setup();
    const base = { sourceId: source.id, name: 'x', schedule: '0 6 * * *' };
    for (const sql of ['select 1; drop table daily', "copy daily to '/tmp/out.csv'", 'delete from daily', 'with x as (insert into daily values (1, 2) returning *) select * from x']) {
      const res = await request(ctx.app).post(`/api/v1/artifacts/${artifact.id}/monitors`).set(admin.auth).send({ ...base, sql }).expect(400);
      expect(res.body.errors[0].field).toBe('sql');
    }
    const cron = await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/monitors`)
      .set(admin.auth)
      .send({ ...base, sql: 'select 1', schedule: 'every day at six' })
      .expect(400);
    expect(cron.body.errors[0].field).toBe('schedule');
    const unknown = await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/monitors`)
      .set(admin.auth)
      .send({ ...base, sql: 'select 1', sourceId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('sourceId');
    const patch = await request(ctx.app).patch(`/api/v1/monitors/${monitor.id}`).set(admin.auth).send({ sql: 'select 1; select 2' }).expect(400);
    expect(patch.body.errors[0].field).toBe('sql');
  });

  it('lets only leads of the domain (and admins) configure and run it; everyone reads it', async () => {
    writeSeries('2026-01-01', '2026-03-31');
    const { artifact, monitor, source } = await setup();
    const member = await signedIn(ctx, 'member');
    await request(ctx.app).post(`/api/v1/monitors/${monitor.id}/run`).set(member.auth).expect(403);
    await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/monitors`)
      .set(member.auth)
      .send({ sourceId: source.id, name: 'x', sql: 'select 1', schedule: '0 6 * * *' })
      .expect(403);
    const viewer = await signedIn(ctx, 'viewer');
    const seen = await request(ctx.app).get(`/api/v1/monitors/${monitor.id}`).set(viewer.auth).expect(200);
    expect(seen.body.can).toEqual({ edit: false, run: false });
  });
});

describe('monitors: a run end to end', () => {
  it('anomaly → investigation → resolved as expected with a yearly caveat → the same date next year is suppressed', async () => {
    writeSeries('2026-09-01', '2026-12-25', { '2026-12-25': 420 });
    const { admin, artifact, monitor } = await setup();
    const run = await runNow(admin.auth, monitor.id);
    expect(run).toMatchObject({ status: 'succeeded', enoughHistory: true, suppressed: 0 });
    expect(run.anomalies).toBeGreaterThanOrEqual(1);
    expect(run.investigationId).toEqual(expect.any(Number));

    const investigation = await request(ctx.app).get(`/api/v1/investigations/${run.investigationId}`).set(admin.auth).expect(200);
    expect(investigation.body).toMatchObject({ status: 'reported' });
    expect(investigation.body.reporter.name).toBe(MONITOR_USER_NAME);
    expect(investigation.body.observed).toContain('420 on 2026-12-25');
    expect(investigation.body.observed).toContain(`/catalog/${artifact.id}#monitor-${monitor.id}`);
    expect(investigation.body.expected).toMatch(/^Between \d+ and \d+/);
    const stored = await ctx.dataSource.getRepository(Investigation).findOneByOrFail({ id: run.investigationId });
    expect(stored).toMatchObject({ artifactId: artifact.id, monitorId: monitor.id });
    const anomaly = await ctx.dataSource.getRepository(MonitorAnomaly).findOneByOrFail({ investigationId: run.investigationId });
    expect(stored.severity).toBe(anomaly.severity);

    const observations = await request(ctx.app).get(`/api/v1/monitors/${monitor.id}/observations`).set(admin.auth).expect(200);
    const last = observations.body.observations.at(-1);
    expect(last).toMatchObject({ ts: '2026-12-25T00:00:00.000Z', value: 420, anomaly: true, suppressed: false });
    expect(last.lower).toBeLessThan(last.upper);
    expect(last.value).toBeLessThan(last.lower);

    // Resolve as expected, with the caveat the UI offers: the anomaly's date, every year.
    await request(ctx.app).post(`/api/v1/investigations/${run.investigationId}/transitions`).set(admin.auth).send({ to: 'triaged' }).expect(200);
    const resolved = await request(ctx.app)
      .post(`/api/v1/investigations/${run.investigationId}/transitions`)
      .set(admin.auth)
      .send({
        to: 'resolved',
        rootCause: 'expected',
        resolution: 'Christmas: few people sign up.',
        caveat: 'Signups dip every Dec 25.',
        caveatRecurrence: { kind: 'yearly', month: 12, day: 25 },
      })
      .expect(200);
    expect(resolved.body.status).toBe('resolved');
    const caveat = await ctx.dataSource.getRepository(Caveat).findOneByOrFail({ artifactId: artifact.id });
    expect(caveat).toMatchObject({ text: 'Signups dip every Dec 25.', recurrence: { kind: 'yearly', month: 12, day: 25 }, investigationId: run.investigationId });
    const artifactView = await request(ctx.app).get(`/api/v1/artifacts/${artifact.id}`).set(admin.auth).expect(200);
    expect(artifactView.body.caveats[0].recurrence).toEqual({ kind: 'yearly', month: 12, day: 25 });

    // A year later, the same dip: counted as suppressed, no new investigation.
    writeSeries('2027-09-01', '2027-12-25', { '2027-12-25': 420 });
    const nextYear = await runNow(admin.auth, monitor.id);
    expect(nextYear).toMatchObject({ status: 'succeeded', anomalies: 0, investigationId: null });
    expect(nextYear.suppressed).toBeGreaterThanOrEqual(1);
    expect(await ctx.dataSource.getRepository(Investigation).countBy({ monitorId: monitor.id })).toBe(1);
    const later = await request(ctx.app).get(`/api/v1/monitors/${monitor.id}/observations`).set(admin.auth).expect(200);
    expect(later.body.suppressed).toBe(nextYear.suppressed);
    expect(later.body.observations.at(-1)).toMatchObject({ ts: '2027-12-25T00:00:00.000Z', anomaly: true, suppressed: true });
  });

  it('stays quiet without two seasonal periods of history', async () => {
    writeSeries('2026-03-01', '2026-03-08', { '2026-03-08': 5000 });
    const { admin, monitor } = await setup();
    const run = await runNow(admin.auth, monitor.id);
    expect(run).toMatchObject({ status: 'succeeded', enoughHistory: false, anomalies: 0, investigationId: null });
  });

  it('records a failed run when the query does not return ts and value', async () => {
    writeSeries('2026-01-01', '2026-03-31');
    const { admin, monitor } = await setup({ sql: 'select value from daily' });
    const run = await runNow(admin.auth, monitor.id);
    expect(run).toMatchObject({ status: 'failed' });
    expect(run.error).toMatch(/ts and value/);
    const runs = await request(ctx.app).get(`/api/v1/monitors/${monitor.id}/runs`).set(admin.auth).expect(200);
    expect(runs.body[0]).toMatchObject({ id: run.id, status: 'failed' });
  });
});

describe('monitors: deduplication', () => {
  it('adds further anomalies to the open investigation as occurrences, and each point only once', async () => {
    writeSeries('2026-01-01', '2026-04-10', { '2026-04-10': 3200 });
    const { admin, monitor } = await setup();
    const first = await runNow(admin.auth, monitor.id);
    expect(first.investigationId).toEqual(expect.any(Number));

    // the same point again: nothing new
    const again = await runNow(admin.auth, monitor.id);
    expect(again.investigationId).toBeNull();
    expect(await ctx.dataSource.getRepository(MonitorAnomaly).countBy({ monitorId: monitor.id })).toBe(1);

    // a new anomaly while the first investigation is open: an occurrence of it
    writeSeries('2026-01-01', '2026-04-11', { '2026-04-10': 3200, '2026-04-11': 3300 });
    const second = await runNow(admin.auth, monitor.id);
    expect(second.investigationId).toBe(first.investigationId);
    expect(await ctx.dataSource.getRepository(Investigation).countBy({ monitorId: monitor.id })).toBe(1);
    const occurrences = await ctx.dataSource.getRepository(MonitorAnomaly).findBy({ monitorId: monitor.id });
    expect(occurrences.map((o) => o.investigationId)).toEqual([first.investigationId, first.investigationId]);
    const comments = await ctx.dataSource.getRepository(Comment).findBy({ subjectType: 'investigation', subjectId: String(first.investigationId) });
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('3300 on 2026-04-11');
  });
});

// two pools on one database: PostgreSQL only (the embedded database has one connection)
const describeWithPostgres = process.env.CAIRN_TEST_EMBEDDED ? describe.skip : describe;

describeWithPostgres('monitors: one run at a time', () => {
  let pg: SourcePostgres;
  beforeAll(async () => {
    pg = await startSourcePostgres();
    const admin = await pg.admin();
    await admin.query(`INSERT INTO metrics.daily SELECT d::date, 1000 + 50 * extract(dow FROM d), '' FROM generate_series('2026-01-01'::date, '2026-04-01', '1 day') d`);
    await admin.end();
  }, 120_000);
  afterAll(() => pg?.stop());

  it('two processes running one monitor at once: exactly one runs it, the other is refused', async () => {
    const admin = await signedIn(ctx, 'admin');
    const domain = await makeWeirdnessDomain(ctx);
    const artifact = await makeArtifactRow(ctx, domain, { type: 'metric' });
    const source = await request(ctx.app)
      .post('/api/v1/sources')
      .set(admin.auth)
      .send({ name: 'slow', kind: 'postgres', host: pg.host, port: pg.port, database: pg.database, user: pg.reader.user, password: pg.reader.password })
      .expect(201);
    const monitor = await request(ctx.app)
      .post(`/api/v1/artifacts/${artifact.id}/monitors`)
      .set(admin.auth)
      .send({
        sourceId: source.body.id,
        name: 'slow',
        // a second of sleep keeps the first run holding the monitor while the second tries
        sql: 'select d.ts, d.value from metrics.daily d cross join (select pg_sleep(1)) s',
        schedule: '0 6 * * *',
        seasonality: 'weekly',
      })
      .expect(201);
    // the second "process": its own connection pool on the same database
    const other = createDataSource((ctx.dataSource.options as { url: string }).url, 4);
    await other.initialize();
    try {
      const [a, b] = await Promise.all([
        ctx.dataSource.transaction((tx) => queueRun(tx, monitor.body.id, 'schedule', new Date())),
        other.transaction((tx) => queueRun(tx, monitor.body.id, 'schedule', new Date())),
      ]);
      const outcomes = await Promise.all([
        runMonitor(ctx.deps, monitor.body.id, a.id),
        runMonitor({ ...ctx.deps, dataSource: other }, monitor.body.id, b.id),
      ]);
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
      const runs = await ctx.dataSource.getRepository(MonitorRun).findBy({ monitorId: monitor.body.id });
      expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
      expect(runs.find((r) => r.status === 'failed')!.error).toMatch(/in progress/);
      // and through the API while a run holds it: 409
      await ctx.dataSource.query(`UPDATE monitor SET lease_until = now() + interval '1 minute', lease_run_id = gen_random_uuid() WHERE id = $1`, [monitor.body.id]);
      const busy = await request(ctx.app).post(`/api/v1/monitors/${monitor.body.id}/run`).set(admin.auth).expect(409);
      expect(busy.body.code).toBe('monitor_busy');
    } finally {
      await other.destroy();
    }
  });
});
