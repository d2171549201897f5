import { Client } from 'pg';
import request from 'supertest';
import { makeDomainUser, makeDomain } from '../factories/domains';
import { withDatabase } from '../setup/database-urls';
import { useTestApp } from '../setup/test-app';

/**
 * Lost connections are 503, never 500 (issue #13, item 2): PostgreSQL terminates the app's
 * backends (as a failover or an operator's pg_terminate_backend does) while reads and writes are
 * in flight. Every answer is either the normal one or a 503 problem+json, and the app answers
 * normally again afterwards. PostgreSQL only: PGlite has no other backends to terminate.
 */
const ctx = useTestApp();
const onPostgres = !process.env.CAIRN_TEST_EMBEDDED;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

(onPostgres ? describe : describe.skip)('backends terminated mid-request', () => {
  it('answers 503 problem+json (or the normal answer), never 500, and recovers', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    const [{ current_database: database }] = await ctx.dataSource.query('SELECT current_database()');
    const admin = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
    await admin.connect();
    const terminate = () =>
      admin.query(
        'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );

    const responses: request.Response[] = [];
    try {
      for (let round = 0; round < 4; round++) {
        // supertest sends on then(): start every request now, terminate while they run.
        const inFlight = Array.from({ length: 24 }, (_, i) =>
          (i % 3 === 0
            ? request(ctx.app)
                .post('/api/v1/domains/RET/tickets')
                .set(lead.auth)
                .send({ kind: 'task', title: `ticket ${round}-${i}` })
            : request(ctx.app)
                .get(i % 3 === 1 ? '/api/v1/domains' : '/api/v1/domains/RET/tickets')
                .set(lead.auth)
          ).then((res) => res),
        );
        await sleep(5 + round * 10);
        await terminate();
        responses.push(...(await Promise.all(inFlight)));
      }
    } finally {
      await admin.end();
    }

    const unexpected = responses.filter((r) => r.status >= 500 && r.status !== 503);
    expect(unexpected.map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    for (const res of responses.filter((r) => r.status === 503)) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503 });
    }

    // The pool replaces the dead connections: reads and writes work again.
    let recovered: request.Response | undefined;
    for (let attempt = 0; attempt < 10; attempt++) {
      recovered = await request(ctx.app)
        .post('/api/v1/domains/RET/tickets')
        .set(lead.auth)
        .send({ kind: 'task', title: 'after the outage' });
      if (recovered.status === 201) break;
      await sleep(200);
    }
    expect(recovered?.status).toBe(201);
    await request(ctx.app).get('/api/v1/domains/RET').set(lead.auth).expect(200);
  });
});
