import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/demo/demo-users';
import { eventually, startReceiver, type WebhookReceiver } from '../factories/webhooks';
import { withDatabase } from '../setup/database-urls';
import {
  REPO_ROOT,
  buildServer,
  callApi,
  killAppProcess,
  signIn,
  startAppProcess,
  waitUntilHealthy,
  type AppProcess,
} from './app-processes';

/**
 * Two real app processes (`node` on the compiled server) on one fresh PostgreSQL database, as
 * behind a proxy with `docker compose up --scale app=2`: they start at the same moment on an empty
 * database, share sessions, race sign-offs and advances, deliver each webhook once, and one is
 * stopped with SIGTERM under load without dropping a request it accepted.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test -- test/reliability/multi-process.test.ts
 *
 * Needs a PostgreSQL server: the embedded PGlite database can be opened by one process only, so
 * on it (no DATABASE_URL) the whole file is skipped.
 */

const onPostgres = !process.env.CAIRN_TEST_EMBEDDED;
const describeWithPostgres = onPostgres ? describe : describe.skip;

const DEMO_ADMIN = 'admin@cairn.test';
const DS_LEAD = 'dana@cairn.test';

function pick<T>(items: T[], i: number): T {
  return items[i % items.length];
}

describeWithPostgres('several app processes on one database', () => {
  const baseUrl = process.env.DATABASE_URL!;
  const database = `${new URL(baseUrl).pathname.slice(1) || 'cairn'}_multiprocess_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = withDatabase(baseUrl, database);
  let buildDir = '';
  let a: AppProcess;
  let b: AppProcess;
  let db: Client;

  beforeAll(async () => {
    buildDir = buildServer(`cairn-multi-process-${process.pid}`);
    const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();

    const env = {
      DATABASE_URL: databaseUrl,
      CAIRN_DEMO_DATA: 'true',
      CAIRN_DB_POOL_SIZE: '6',
      // every test signs in several times from one address
      CAIRN_LOGIN_RATE_LIMIT: '1000',
      // the webhook receiver of the test listens on 127.0.0.1
      CAIRN_WEBHOOK_ALLOW_PRIVATE: 'true',
    };
    // Both at the same moment on an empty database: they race for migrations and the demo data.
    a = startAppProcess('process A', buildDir, env);
    b = startAppProcess('process B', buildDir, env);
    await Promise.all([waitUntilHealthy(a, 60_000), waitUntilHealthy(b, 60_000)]);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await killAppProcess(a);
    await killAppProcess(b);
    const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
  });

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await db.query<{ n: string }>(sql, params);
    return Number(rows[0].n);
  }

  it('both start at once on an empty database: migrations, the job queue and the demo data exist once', async () => {
    expect([a.exitCode(), b.exitCode()]).toEqual([undefined, undefined]);
    const migrationFiles = fs.readdirSync(path.join(REPO_ROOT, 'migrations')).filter((f) => f.endsWith('.ts'));
    expect(await count(`SELECT count(*) AS n FROM migrations`)).toBe(migrationFiles.length);
    expect(await count(`SELECT count(DISTINCT name) AS n FROM migrations`)).toBe(migrationFiles.length);
    expect(await count(`SELECT count(*) AS n FROM pgboss.version`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM pgboss.queue WHERE name = 'webhook-delivery'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM "user"`)).toBe(DEMO_USERS.length);
    expect(await count(`SELECT count(*) AS n FROM domain`)).toBeGreaterThan(0);
    // exactly one of the two loaded the demo data; the other found it there
    const loaded = [a, b].filter((app) => app.output.join('').includes('Demo data loaded'));
    expect(loaded).toHaveLength(1);
  });

  it('a session made on one process works on the other, and ending it there ends it everywhere', async () => {
    const { cookie } = await signIn(a.url, DS_LEAD, DEMO_PASSWORD);
    const onB = await callApi(b.url, 'GET', '/auth/me', { cookie });
    expect(onB.status).toBe(200);
    expect(onB.body.user.email).toBe(DS_LEAD);
    expect((await callApi(b.url, 'POST', '/auth/logout', { cookie })).status).toBe(204);
    const onA = await callApi(a.url, 'GET', '/auth/me', { cookie });
    expect(onA.status).toBe(401);
    expect(onA.contentType).toContain('application/problem+json');
  });

  it('concurrent sign-offs and advances across both processes advance the domain exactly once', async () => {
    const admin = await signIn(a.url, DEMO_ADMIN, DEMO_PASSWORD);
    const dana = await signIn(b.url, DS_LEAD, DEMO_PASSWORD);
    expect(
      (await callApi(a.url, 'POST', '/domains', { cookie: admin.cookie, body: { key: 'MPX', name: 'Two processes' } }))
        .status,
    ).toBe(201);
    expect(
      (
        await callApi(b.url, 'PUT', `/domains/MPX/members/${dana.userId}`, {
          cookie: admin.cookie,
          body: { roles: ['ds_lead'] },
        })
      ).status,
    ).toBe(200);
    for (const kind of ['problem', 'stakeholder']) {
      const created = await callApi(a.url, 'POST', '/domains/MPX/tickets', {
        cookie: dana.cookie,
        body: { kind, title: `${kind} recorded`, phase: 'specs', status: 'done' },
      });
      expect(created.status).toBe(201);
    }

    const apps = [a, b];
    const signOff = (i: number) =>
      callApi(pick(apps, i).url, 'POST', '/domains/MPX/signoffs', {
        cookie: dana.cookie,
        body: { decision: 'approve' },
      });
    const advance = (i: number) => callApi(pick(apps, i).url, 'POST', '/domains/MPX/advance', { cookie: dana.cookie });
    // Sign-offs and advances race on both processes; a second wave of advances follows, so the
    // gate is certainly open for some of them.
    const firstWave = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => signOff(i)),
      ...Array.from({ length: 12 }, (_, i) => advance(i)),
    ]);
    const secondWave = await Promise.all(Array.from({ length: 12 }, (_, i) => advance(i)));
    const signOffs = firstWave.slice(0, 4);
    const advances = [...firstWave.slice(4), ...secondWave];

    expect(signOffs.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(advances.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = advances.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.status)).toEqual(Array(refused.length).fill(409));
    for (const res of refused) expect(res.body.code).toBe('gate_blocked');
    const { rows } = await db.query<{ stage: string }>(`SELECT stage FROM domain WHERE key = 'MPX'`);
    expect(rows[0].stage).toBe('scoping');
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_event a JOIN domain d ON d.id = a.domain_id WHERE d.key = 'MPX' AND a.action = 'domain.advance'`,
      ),
    ).toBe(1);
  });

  describe('webhooks', () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await startReceiver();
    });
    afterAll(async () => {
      await receiver.close();
    });

    it('each event is delivered once although both processes run a worker', async () => {
      const admin = await signIn(b.url, DEMO_ADMIN, DEMO_PASSWORD);
      const dana = await signIn(a.url, DS_LEAD, DEMO_PASSWORD);
      const hook = await callApi(a.url, 'POST', '/webhooks', {
        cookie: admin.cookie,
        body: { url: receiver.url, secret: 'multi-process-secret-0123', eventTypes: ['assigned'] },
      });
      expect(hook.status).toBe(201);
      expect(
        (await callApi(b.url, 'POST', '/domains', { cookie: admin.cookie, body: { key: 'HOOK', name: 'Hooked' } }))
          .status,
      ).toBe(201);

      const EVENTS = 20;
      const created = await Promise.all(
        Array.from({ length: EVENTS }, (_, i) =>
          callApi(pick([a, b], i).url, 'POST', '/domains/HOOK/tickets', {
            cookie: admin.cookie,
            body: { kind: 'task', title: `assigned ${i}`, assigneeId: dana.userId },
          }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(Array(EVENTS).fill(201));

      await eventually(
        async () => (await count(`SELECT count(*) AS n FROM webhook_delivery WHERE status = 'succeeded'`)) === EVENTS,
        30_000,
      );
      // Longer than a worker's polling interval (2 s): a duplicate would have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const deliveryIds = receiver.received.map((hit) => String(hit.headers['x-cairn-delivery']));
      const eventIds = receiver.received.map((hit) => (JSON.parse(hit.rawBody) as { eventId: string }).eventId);
      console.log(
        `webhooks: ${EVENTS} events from two processes, ${receiver.received.length} POSTs received, ${new Set(eventIds).size} distinct events`,
      );
      expect(receiver.received).toHaveLength(EVENTS);
      expect(new Set(deliveryIds).size).toBe(EVENTS);
      expect(new Set(eventIds).size).toBe(EVENTS);
      expect(await count(`SELECT count(*) AS n FROM webhook_delivery WHERE attempts <> 1`)).toBe(0);
    });
  });

  it('monitor runs are pg-boss jobs taken by either process, never two of one monitor at once', async () => {
    // the demo's billing monitor ran at start (a job) and found the duplicated invoice events
    await eventually(
      async () => (await count(`SELECT count(*) AS n FROM investigation WHERE monitor_id IS NOT NULL`)) >= 1,
      90_000,
    );
    const { rows } = await db.query<{ id: string; name: string }>(`SELECT id, name FROM monitor ORDER BY name`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const admin = await signIn(a.url, DEMO_ADMIN, DEMO_PASSWORD);
    // "Run now" on every monitor from both processes at once, several times over
    const apps = [a, b];
    const asks = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        callApi(pick(apps, i).url, 'POST', `/monitors/${rows[i % rows.length].id}/run`, { cookie: admin.cookie }),
      ),
    );
    for (const ask of asks) expect([202, 409]).toContain(ask.status);
    expect(asks.filter((ask) => ask.status === 202).length).toBeGreaterThanOrEqual(rows.length);
    await eventually(
      async () => (await count(`SELECT count(*) AS n FROM monitor_run WHERE status IN ('queued', 'running')`)) === 0,
      120_000,
    );
    const runs = await db.query<{ monitor_id: string; started_at: Date; finished_at: Date; ran_by: string }>(
      `SELECT monitor_id, started_at, finished_at, ran_by FROM monitor_run WHERE status = 'succeeded' ORDER BY started_at`,
    );
    // no two successful runs of one monitor overlap in time
    for (const monitor of rows) {
      const mine = runs.rows.filter((r) => r.monitor_id === monitor.id);
      for (let i = 1; i < mine.length; i++) expect(mine[i].started_at.getTime()).toBeGreaterThanOrEqual(mine[i - 1].finished_at.getTime());
    }
    console.log(`monitors: ${runs.rows.length} runs, by ${[...new Set(runs.rows.map((r) => r.ran_by))].join(', ')}`);
    // one open investigation per monitor at most: further anomalies were occurrences
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT monitor_id FROM investigation WHERE monitor_id IS NOT NULL AND status IN ('reported', 'triaged', 'investigating') GROUP BY monitor_id HAVING count(*) > 1) x`,
      ),
    ).toBe(0);
  });

  it('SIGTERM to one process under load drops no request it accepted', async () => {
    const admin = await signIn(a.url, DEMO_ADMIN, DEMO_PASSWORD);
    expect(
      (await callApi(a.url, 'POST', '/domains', { cookie: admin.cookie, body: { key: 'LOAD', name: 'Under load' } }))
        .status,
    ).toBe(201);
    const { cookie } = admin;

    interface Failure {
      target: string;
      route: string;
      detail: string;
    }
    const figures = {
      answeredByA: 0,
      answeredByAAfterSigterm: 0,
      refusedByA: 0,
      answeredByB: 0,
    };
    const failures: Failure[] = [];
    const acknowledged: string[] = [];
    let sigtermAt = 0;
    let stop = false;

    // A client as a proxy behaves: to A until A refuses a connection, then (that request too) to B.
    async function client(id: number): Promise<void> {
      let target = a;
      for (let n = 0; !stop; n++) {
        const write = n % 2 === 0;
        const title = `load ${id}-${n}`;
        const route = write
          ? '/domains/LOAD/tickets'
          : n % 4 === 1
            ? '/domains/LOAD/tickets?limit=20'
            : '/domains/LOAD/gate';
        for (;;) {
          try {
            const res = await callApi(target.url, write ? 'POST' : 'GET', route, {
              cookie,
              body: write ? { kind: 'task', title } : undefined,
            });
            if (target === a) {
              figures.answeredByA++;
              if (sigtermAt) figures.answeredByAAfterSigterm++;
            } else figures.answeredByB++;
            if (res.status < 200 || res.status > 299)
              failures.push({ target: target.name, route, detail: `${res.status} ${JSON.stringify(res.body)}` });
            else if (write) acknowledged.push(title);
            break;
          } catch (error) {
            const code = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
            if (target === a && code === 'ECONNREFUSED') {
              // Refused before anything was sent: nothing accepted, nothing lost; a proxy retries it.
              figures.refusedByA++;
              target = b;
              continue;
            }
            failures.push({ target: target.name, route, detail: code });
            break;
          }
        }
      }
    }

    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const answeredBeforeSigterm = figures.answeredByA;
    sigtermAt = Date.now();
    a.child.kill('SIGTERM');
    let giveUp: NodeJS.Timeout | undefined;
    const exitCode = await Promise.race([
      a.exited,
      new Promise<'still running'>((resolve) => (giveUp = setTimeout(() => resolve('still running'), 20_000))),
    ]);
    clearTimeout(giveUp);
    const drainMs = Date.now() - sigtermAt;
    // B keeps serving for a moment after A is gone.
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await Promise.all(clients);

    // Every acknowledged write is there, once, read through B; nothing unacknowledged was written.
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof callApi>> = await callApi(
        b.url,
        'GET',
        `/domains/LOAD/tickets?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { cookie },
      );
      expect(page.status).toBe(200);
      titles.push(...(page.body.items as { title: string }[]).map((t) => t.title));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const stored = new Set(titles);
    const missing = acknowledged.filter((title) => !stored.has(title));

    console.log(
      [
        'SIGTERM under load (8 clients, half writes, on process A):',
        `  answered by A before SIGTERM: ${answeredBeforeSigterm}; after SIGTERM (in flight or on open connections): ${figures.answeredByAAfterSigterm}`,
        `  connections refused by A after it stopped listening (sent to B instead): ${figures.refusedByA}; answered by B: ${figures.answeredByB}`,
        `  non-2xx answers or dropped connections: ${failures.length}${
          failures.length
            ? ` (${failures
                .slice(0, 5)
                .map((f) => `${f.target} ${f.route}: ${f.detail}`)
                .join('; ')})`
            : ''
        }`,
        `  A exited with ${exitCode} ${drainMs} ms after SIGTERM`,
        `  acknowledged writes: ${acknowledged.length}; missing afterwards: ${missing.length}; tickets stored: ${titles.length}`,
      ].join('\n'),
    );

    expect(answeredBeforeSigterm).toBeGreaterThan(20);
    expect(figures.answeredByAAfterSigterm + figures.refusedByA).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    expect(exitCode).toBe(0);
    expect(missing).toEqual([]);
    expect(titles).toHaveLength(acknowledged.length);
    expect(stored.size).toBe(titles.length);
    expect(b.exitCode()).toBeUndefined();
  });
});
