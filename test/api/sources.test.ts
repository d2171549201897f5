import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { signedIn } from '../factories/users';
import { startSourcePostgres, type SourcePostgres } from '../factories/source-postgres';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
let pg: SourcePostgres;
let csvDir: string;

beforeAll(async () => {
  pg = await startSourcePostgres();
  const admin = await pg.admin();
  await admin.query(`INSERT INTO metrics.daily SELECT d::date, 100 + extract(dow FROM d), '' FROM generate_series('2026-01-01'::date, '2026-03-01', '1 day') d`);
  await admin.end();
  csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-csv-'));
  fs.writeFileSync(path.join(csvDir, 'signups.csv'), 'ts,value\n2026-01-01,10\n2026-01-02,12\n2026-01-03,11\n');
}, 120_000);
afterAll(() => {
  pg?.stop();
  fs.rmSync(csvDir, { recursive: true, force: true });
});

async function createPgSource(auth: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const res = await request(ctx.app)
    .post('/api/v1/sources')
    .set(auth)
    .send({
      name: `warehouse-${Math.random().toString(36).slice(2, 8)}`,
      kind: 'postgres',
      host: pg.host,
      port: pg.port,
      database: pg.database,
      user: pg.reader.user,
      password: pg.reader.password,
      statementTimeoutMs: 1500,
      rowLimit: 40,
      ...overrides,
    })
    .expect(201);
  return res.body as { id: string };
}

describe('data sources: credentials', () => {
  it('stores the password sealed and never returns it', async () => {
    const admin = await signedIn(ctx, 'admin');
    const res = await request(ctx.app)
      .post('/api/v1/sources')
      .set(admin.auth)
      .send({ name: 'warehouse', kind: 'postgres', host: pg.host, port: pg.port, database: 'postgres', user: pg.reader.user, password: pg.reader.password })
      .expect(201);
    expect(res.headers.location).toBe(`/api/v1/sources/${res.body.id}`);
    expect(res.body).toMatchObject({ name: 'warehouse', kind: 'postgres', hasPassword: true });
    expect(JSON.stringify(res.body)).not.toContain(pg.reader.password);
    const list = await request(ctx.app).get('/api/v1/sources').set(admin.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(pg.reader.password);
    const [row]: { sealed: string }[] = await ctx.dataSource.query(`SELECT password_sealed AS sealed FROM data_source`);
    expect(row.sealed).toMatch(/^v1\./);
    expect(row.sealed).not.toContain(pg.reader.password);
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'data_source.create' });
    expect(JSON.stringify(audit.after)).not.toContain(row.sealed.slice(3, 20));
    expect(JSON.stringify(audit.after)).not.toContain(pg.reader.password);
  });

  it('is for admins only, and checks the body', async () => {
    const member = await signedIn(ctx, 'member');
    await request(ctx.app).get('/api/v1/sources').set(member.auth).expect(403);
    await request(ctx.app).get('/api/v1/sources').expect(401);
    const admin = await signedIn(ctx, 'admin');
    const bad = await request(ctx.app).post('/api/v1/sources').set(admin.auth).send({ name: 'x', kind: 'mysql' }).expect(400);
    expect(bad.body.errors[0].field).toBe('kind');
    const noPath = await request(ctx.app).post('/api/v1/sources').set(admin.auth).send({ name: 'x', kind: 'duckdb' }).expect(400);
    expect(noPath.body.errors[0].field).toBe('path');
  });
});

describe('data sources: test connection', () => {
  it('connects with the right password', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth);
    const res = await request(ctx.app).post(`/api/v1/sources/${source.id}/test`).set(admin.auth).expect(200);
    expect(res.body).toMatchObject({ ok: true });
  });

  it('says so when the password is wrong', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth, { password: 'not-the-password' });
    const res = await request(ctx.app).post(`/api/v1/sources/${source.id}/test`).set(admin.auth).expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toMatch(/authentication failed/);
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const admin = await signedIn(ctx, 'admin');
      const source = await createPgSource(admin.auth, { port: (silent.address() as net.AddressInfo).port, statementTimeoutMs: 500 });
      const started = Date.now();
      const res = await request(ctx.app).post(`/api/v1/sources/${source.id}/test`).set(admin.auth).expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.message).toMatch(/time/i);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.close();
    }
  });

  it('opens a DuckDB folder of CSV files', async () => {
    const admin = await signedIn(ctx, 'admin');
    const created = await request(ctx.app)
      .post('/api/v1/sources')
      .set(admin.auth)
      .send({ name: 'files', kind: 'duckdb', path: csvDir })
      .expect(201);
    await request(ctx.app).post(`/api/v1/sources/${created.body.id}/test`).set(admin.auth).expect(200)
      .then((res) => expect(res.body.ok).toBe(true));
    const rows = await request(ctx.app)
      .post(`/api/v1/sources/${created.body.id}/query`)
      .set(admin.auth)
      .send({ sql: 'select ts, value from signups order by ts' })
      .expect(200);
    expect(rows.body.rows).toHaveLength(3);
    expect(rows.body.rows[1]).toMatchObject({ value: 12 });
    // the folder is all it may read
    const outside = await request(ctx.app)
      .post(`/api/v1/sources/${created.body.id}/query`)
      .set(admin.auth)
      .send({ sql: "select * from read_csv_auto('/etc/passwd')" })
      .expect(400);
    expect(outside.body.code).toBe('source_query_failed');
  });
});

describe('data sources: queries are read-only, capped and timed', () => {
  it('answers a select, cut at the row limit', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth);
    const res = await request(ctx.app)
      .post(`/api/v1/sources/${source.id}/query`)
      .set(admin.auth)
      .send({ sql: 'select ts, value from metrics.daily order by ts' })
      .expect(200);
    expect(res.body.columns).toEqual(['ts', 'value']);
    expect(res.body.rows).toHaveLength(40);
    expect(res.body.truncated).toBe(true);
  });

  it('cancels a query past the statement timeout', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth, { statementTimeoutMs: 300 });
    const res = await request(ctx.app)
      .post(`/api/v1/sources/${source.id}/query`)
      .set(admin.auth)
      .send({ sql: 'select pg_sleep(5)' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'source_query_failed', reason: 'timeout' });
  });

  it('refuses a write the statement checks cannot see: the READ ONLY transaction stops it', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth);
    const res = await request(ctx.app)
      .post(`/api/v1/sources/${source.id}/query`)
      .set(admin.auth)
      .send({ sql: 'select metrics.bump()' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'source_query_failed', reason: 'read_only' });
    const client = await pg.admin();
    const { rows } = await client.query('select n from metrics.counter');
    await client.end();
    expect(rows[0].n).toBe(0);
  });

  it('reads only what the role may SELECT', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth);
    const res = await request(ctx.app)
      .post(`/api/v1/sources/${source.id}/query`)
      .set(admin.auth)
      .send({ sql: 'select * from metrics.secret' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'source_query_failed', reason: 'permission' });
  });

  it.each([
    ['several statements', 'select 1; drop table metrics.daily', /single statement/],
    ['COPY', "copy metrics.daily to '/tmp/x.csv'", /SELECT or WITH/],
    ['COPY inside', "with x as (select 1) select * from x union all select 1 from (copy metrics.daily to stdout) c", /COPY/],
    ['a write in a CTE', 'with gone as (delete from metrics.daily returning *) select count(*) from gone', /DELETE/],
    ['an insert', 'insert into metrics.daily values (now(), 1)', /SELECT or WITH/],
    ['DDL', 'drop table metrics.daily', /SELECT or WITH/],
    ['SELECT INTO', 'select * into metrics.copy from metrics.daily', /INTO/],
    ['a server file', "select pg_read_file('/etc/passwd')", /pg_read_file/],
    ['a hidden second statement after a comment', 'select 1 /* ok */ ; update metrics.counter set n = 9', /single statement/],
  ])('refuses %s with a 400 on sql', async (_name, sql, message) => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth);
    const res = await request(ctx.app).post(`/api/v1/sources/${source.id}/query`).set(admin.auth).send({ sql }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0].field).toBe('sql');
    expect(res.body.errors[0].message).toMatch(message);
  });

  it('does not mistake words in strings or comments for statements', async () => {
    const admin = await signedIn(ctx, 'admin');
    const source = await createPgSource(admin.auth);
    const res = await request(ctx.app)
      .post(`/api/v1/sources/${source.id}/query`)
      .set(admin.auth)
      .send({ sql: "select 'drop table; delete' as note -- insert into\n" })
      .expect(200);
    expect(res.body.rows).toEqual([{ note: 'drop table; delete' }]);
  });
});
