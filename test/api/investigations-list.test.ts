import request from 'supertest';
import { EntityManager } from 'typeorm';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { COUNT_CAP, ESTIMATE_FACTOR } from '../../server/db/capped-count';
import { Setting } from '../../server/modules/settings/setting.entity';
import { SEARCH_MATCH } from '../../server/modules/weirdness/investigations.query';
import { makeInvestigation, makeWeirdnessDomain } from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-10T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86400_000);

const ids = (body: { items: { id: number }[] }) => body.items.map((item) => item.id);

describe('GET /investigations and /domains/:key/investigations', () => {
  it('401 without auth; 400 for bad filters; 404 for an unknown domain', async () => {
    await request(ctx.app).get('/api/v1/investigations').expect(401);
    const { auth } = await signedIn(ctx, 'viewer');
    const bad = await request(ctx.app)
      .get('/api/v1/investigations?status=open,reported&severity=x&sort=title&age=-1&overdue=maybe')
      .set(auth)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'age',
      'overdue',
      'severity',
      'sort',
      'status',
    ]);
    await request(ctx.app).get('/api/v1/investigations?cursor=garbage').set(auth).expect(400);
    await request(ctx.app).get('/api/v1/domains/NOPE/investigations').set(auth).expect(404);
    const empty = await makeWeirdnessDomain(ctx);
    const res = await request(ctx.app).get(`/api/v1/domains/${empty.key}/investigations`).set(auth).expect(200);
    expect(res.body).toEqual({ items: [], total: 0, totalCapped: false, nextCursor: null });
  });

  it('filters by domain, status list, severity, root cause, investigator (me) and reporter', async () => {
    ctx.setNow(NOW);
    const { auth, user } = await signedIn(ctx, 'viewer');
    const { user: other } = await signedIn(ctx);
    const a = await makeWeirdnessDomain(ctx);
    const b = await makeWeirdnessDomain(ctx);
    const i1 = await makeInvestigation(ctx, a, {
      reportedAt: daysAgo(1),
      severity: 'high',
      investigatorId: user.id,
      status: 'triaged',
    });
    const i2 = await makeInvestigation(ctx, a, {
      reportedAt: daysAgo(2),
      status: 'resolved',
      rootCause: 'expected',
      resolution: 'x',
      closedAt: daysAgo(1),
    });
    const i3 = await makeInvestigation(ctx, b, {
      reportedAt: daysAgo(3),
      reporterId: other.id,
      investigatorId: other.id,
    });

    const all = await request(ctx.app).get('/api/v1/investigations').set(auth).expect(200);
    expect(ids(all.body)).toEqual([i1.id, i2.id, i3.id]);
    expect(all.body.total).toBe(3);
    expect(
      ids((await request(ctx.app).get(`/api/v1/domains/${a.key}/investigations`).set(auth).expect(200)).body),
    ).toEqual([i1.id, i2.id]);
    expect(
      ids(
        (await request(ctx.app).get(`/api/v1/investigations?domain=${b.key.toLowerCase()}`).set(auth).expect(200)).body,
      ),
    ).toEqual([i3.id]);
    expect(
      ids((await request(ctx.app).get('/api/v1/investigations?status=triaged,resolved').set(auth).expect(200)).body),
    ).toEqual([i1.id, i2.id]);
    expect(
      ids((await request(ctx.app).get('/api/v1/investigations?severity=high').set(auth).expect(200)).body),
    ).toEqual([i1.id]);
    expect(
      ids((await request(ctx.app).get('/api/v1/investigations?rootCause=expected').set(auth).expect(200)).body),
    ).toEqual([i2.id]);
    expect(
      ids((await request(ctx.app).get('/api/v1/investigations?investigator=me').set(auth).expect(200)).body),
    ).toEqual([i1.id]);
    expect(
      ids((await request(ctx.app).get(`/api/v1/investigations?investigator=${other.id}`).set(auth).expect(200)).body),
    ).toEqual([i3.id]);
    expect(
      ids((await request(ctx.app).get(`/api/v1/investigations?reporter=${other.id}`).set(auth).expect(200)).body),
    ).toEqual([i3.id]);
    // a viewer reads but may not act
    expect(all.body.items[0].can).toEqual({ edit: false, transitions: [], reopen: false });
  });

  it('age keeps investigations open at least N days (closed ones count until they closed)', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const young = await makeInvestigation(ctx, domain, { reportedAt: daysAgo(2) });
    const old = await makeInvestigation(ctx, domain, { reportedAt: daysAgo(20) });
    const closedQuickly = await makeInvestigation(ctx, domain, {
      reportedAt: daysAgo(30),
      status: 'dismissed',
      dismissReason: 'x',
      closedAt: daysAgo(29),
    });
    const res = await request(ctx.app).get('/api/v1/investigations?age=10').set(auth).expect(200);
    expect(ids(res.body)).toEqual([old.id]);
    expect(ids((await request(ctx.app).get('/api/v1/investigations?age=0').set(auth).expect(200)).body)).toEqual([
      young.id,
      old.id,
      closedQuickly.id,
    ]);
  });

  it('full-text search finds a word of the title, the observation and the resolution, with stemming', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const byObservation = await makeInvestigation(ctx, domain, {
      title: 'Odd numbers',
      observed: 'Revenue doubles on leap days',
      reportedAt: daysAgo(1),
    });
    const byResolution = await makeInvestigation(ctx, domain, {
      title: 'Sessions drop',
      observed: 'Fewer sessions on Mondays',
      status: 'resolved',
      rootCause: 'data_bug',
      resolution: 'The timezone conversion truncated timestamps',
      closedAt: daysAgo(1),
      reportedAt: daysAgo(2),
    });
    await makeInvestigation(ctx, domain, {
      title: 'Unrelated',
      observed: 'Nothing to see',
      expected: 'timezone revenue',
      reportedAt: daysAgo(3),
    });
    const search = async (q: string) =>
      ids((await request(ctx.app).get(`/api/v1/investigations`).query({ q }).set(auth).expect(200)).body);
    expect(await search('revenue')).toEqual([byObservation.id]);
    expect(await search('timezone')).toEqual([byResolution.id]);
    expect(await search('truncate')).toEqual([byResolution.id]);
    expect(await search('sessions -mondays')).toEqual([]);
    expect(await search('"leap days"')).toEqual([byObservation.id]);
    expect(await search('odd')).toEqual([byObservation.id]);
  });

  it('the search reads the stored document through the GIN index ix_investigation_search', async () => {
    const plan = await ctx.dataSource.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await tx.query(
        `EXPLAIN SELECT i.id FROM investigation i WHERE ${SEARCH_MATCH.replace(':q', '$1')}`,
        ['revenue'],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_investigation_search');
  });

  it('counts up to COUNT_CAP; a search the statistics say matches thousands is "1,000+" without counting', async () => {
    const { auth } = await signedIn(ctx, 'viewer');
    const domain = await makeWeirdnessDomain(ctx);
    const many = ESTIMATE_FACTOR * COUNT_CAP + 500;
    // A company's years of weirdness: every tenth says "revenue", two say "zeppelin".
    await ctx.dataSource.query(
      `INSERT INTO investigation (domain_id, title, observed, severity, status, reported_at, version)
       SELECT $1, 'Odd number ' || g, CASE WHEN g % 10 = 0 THEN 'revenue drops' WHEN g <= 2 THEN 'zeppelin sightings' ELSE 'counts drift' END,
              'low', 'reported', now() - g * interval '1 minute', 1
         FROM generate_series(1, $2) g`,
      [domain.id, many * 10],
    );
    await ctx.dataSource.query('ANALYZE investigation');
    // Which statements each search sends: the common word must not be counted at all.
    const sent: string[] = [];
    const original = EntityManager.prototype.query;
    const counting = () => sent.filter((sql) => sql.startsWith('SELECT count(*)::int AS n FROM (')).length;
    const search = async (q: string) => {
      sent.length = 0;
      const watch = jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (this: EntityManager, ...args) {
        sent.push(String(args[0]));
        return original.apply(this, args);
      });
      try {
        return await request(ctx.app).get('/api/v1/investigations').query({ q, limit: 5 }).set(auth).expect(200);
      } finally {
        watch.mockRestore();
      }
    };

    const common = await search('revenue');
    expect(common.body).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(common.body.items).toHaveLength(5);
    expect(common.body.nextCursor).toBeTruthy();
    expect(counting()).toBe(0);
    const rare = await search('zeppelin');
    expect(rare.body).toMatchObject({ total: 2, totalCapped: false });
    expect(counting()).toBe(1);
    const all = await request(ctx.app).get('/api/v1/investigations').query({ limit: 1 }).set(auth).expect(200);
    expect(all.body).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const filtered = await request(ctx.app)
      .get('/api/v1/investigations')
      .query({ q: 'zeppelin', status: 'reported' })
      .set(auth)
      .expect(200);
    expect(filtered.body.total).toBe(2);
  });

  it('sorts by -reportedAt, severity and status, and pages with a keyset cursor', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const low = await makeInvestigation(ctx, domain, {
      severity: 'low',
      reportedAt: daysAgo(1),
      status: 'investigating',
    });
    const critical = await makeInvestigation(ctx, domain, {
      severity: 'critical',
      reportedAt: daysAgo(2),
      status: 'triaged',
    });
    const high1 = await makeInvestigation(ctx, domain, { severity: 'high', reportedAt: daysAgo(3) });
    const high2 = await makeInvestigation(ctx, domain, { severity: 'high', reportedAt: daysAgo(3) });
    const bySeverity = await request(ctx.app).get('/api/v1/investigations?sort=severity').set(auth).expect(200);
    expect(ids(bySeverity.body)).toEqual([critical.id, high2.id, high1.id, low.id]);
    const byStatus = await request(ctx.app).get('/api/v1/investigations?sort=status').set(auth).expect(200);
    expect(ids(byStatus.body)).toEqual([high2.id, high1.id, critical.id, low.id]);

    for (const sort of ['-reportedAt', 'severity', 'status']) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(ctx.app)
          .get('/api/v1/investigations')
          .query({ sort, limit: 1, ...(cursor ? { cursor } : {}) })
          .set(auth)
          .expect(200);
        expect(page.body.total).toBe(4);
        seen.push(...ids(page.body));
        cursor = page.body.nextCursor;
      } while (cursor);
      const full = await request(ctx.app).get('/api/v1/investigations').query({ sort }).set(auth).expect(200);
      expect(seen).toEqual(ids(full.body));
    }
  });
});

describe('time to triage: overdue flag, filter and targets', () => {
  it('flags and filters investigations past their severity target, using the default targets', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const criticalLate = await makeInvestigation(ctx, domain, { severity: 'critical', reportedAt: daysAgo(1.5) });
    const highOnTime = await makeInvestigation(ctx, domain, { severity: 'high', reportedAt: daysAgo(2) });
    const lowLate = await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(15) });
    const triaged = await makeInvestigation(ctx, domain, {
      severity: 'critical',
      reportedAt: daysAgo(5),
      status: 'triaged',
    });
    const overdue = await request(ctx.app).get('/api/v1/investigations?overdue=true').set(auth).expect(200);
    expect(ids(overdue.body)).toEqual([criticalLate.id, lowLate.id]);
    expect(overdue.body.items.every((item: { overdue: boolean }) => item.overdue)).toBe(true);
    const notOverdue = await request(ctx.app).get('/api/v1/investigations?overdue=false').set(auth).expect(200);
    expect(ids(notOverdue.body)).toEqual([highOnTime.id, triaged.id]);
    expect(notOverdue.body.items.some((item: { overdue: boolean }) => item.overdue)).toBe(false);
  });

  it('GET/PUT /settings/triage-targets: defaults, admin-only changes, and the filter follows them', async () => {
    ctx.setNow(NOW);
    await request(ctx.app).get('/api/v1/settings/triage-targets').expect(401);
    const member = await signedIn(ctx);
    const defaults = await request(ctx.app).get('/api/v1/settings/triage-targets').set(member.auth).expect(200);
    expect(defaults.body).toEqual({ critical: 1, high: 3, medium: 7, low: 14 });
    await request(ctx.app).put('/api/v1/settings/triage-targets').send({ high: 1 }).expect(401);
    await request(ctx.app).put('/api/v1/settings/triage-targets').set(member.auth).send({ high: 1 }).expect(403);
    const admin = await signedIn(ctx, 'admin');
    const bad = await request(ctx.app)
      .put('/api/v1/settings/triage-targets')
      .set(admin.auth)
      .send({ high: 0, medium: 'x', urgent: 2 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['high', 'medium', 'urgent']);

    const domain = await makeWeirdnessDomain(ctx);
    const high = await makeInvestigation(ctx, domain, { severity: 'high', reportedAt: daysAgo(2) });
    expect(
      ids((await request(ctx.app).get('/api/v1/investigations?overdue=true').set(member.auth).expect(200)).body),
    ).toEqual([]);
    const saved = await request(ctx.app)
      .put('/api/v1/settings/triage-targets')
      .set(admin.auth)
      .send({ high: 1 })
      .expect(200);
    expect(saved.body).toEqual({ critical: 1, high: 1, medium: 7, low: 14 });
    expect((await ctx.dataSource.getRepository(Setting).findOneByOrFail({ key: 'triage_targets' })).value).toEqual(
      saved.body,
    );
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'setting.update', entityId: 'triage_targets' }),
    ).toBe(1);
    const overdue = await request(ctx.app).get('/api/v1/investigations?overdue=true').set(member.auth).expect(200);
    expect(ids(overdue.body)).toEqual([high.id]);
    expect(overdue.body.items[0].overdue).toBe(true);
  });
});
