import request from 'supertest';
import type { Phase } from '../../shared/api/enums';
import { Domain } from '../../server/modules/domains/domain.entity';
import { loadInsights } from '../../server/modules/insights/insights.service';
import { addMember, makeDomain, satisfyCriteria } from '../factories/domains';
import { makeInvestigation } from '../factories/investigations';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
// A Wednesday in 2026-W14 (Monday 2026-03-30).
const NOW = '2026-04-01T12:00:00Z';

/**
 * Runs `action` with the app's clock at `iso` and stamps the audit events it wrote with that time:
 * the audit log takes its time from the database, which a test cannot move, and the insights read
 * the phase changes from the log. The append-only trigger is bypassed here only, like the reset.
 */
async function at(iso: string, action: () => Promise<unknown>): Promise<void> {
  ctx.setNow(new Date(iso));
  const [{ last }] = (await ctx.dataSource.query(`SELECT COALESCE(max(id), 0)::text AS last FROM audit_event`)) as {
    last: string;
  }[];
  await action();
  await ctx.dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(`UPDATE audit_event SET at = $2 WHERE id > $1`, [last, iso]);
  });
}

type Auth = Record<string, string>;
const post = (path: string, auth: Auth, body: object = {}) =>
  request(ctx.app).post(`/api/v1${path}`).set(auth).send(body);

/** Both leads approve the current gate (the specs gate needs the data science lead only), then advance. */
async function advance(key: string, ds: Auth, product: Auth): Promise<void> {
  const domain = await ctx.dataSource.getRepository(Domain).findOneByOrFail({ key });
  await satisfyCriteria(ctx, domain, domain.stage as Phase);
  await post(`/domains/${key}/signoffs`, ds, { decision: 'approve' }).expect(201);
  if (domain.stage !== 'specs') await post(`/domains/${key}/signoffs`, product, { decision: 'approve' }).expect(201);
  await post(`/domains/${key}/advance`, ds).expect(200);
}

/** A domain created through the API by `ds` (its data science lead), with a product lead. */
async function create(key: string, ds: Auth, productUser: Awaited<ReturnType<typeof makeUser>>): Promise<void> {
  await post('/domains', ds, { key, name: `Domain ${key}` }).expect(201);
  const domain = await ctx.dataSource.getRepository(Domain).findOneByOrFail({ key });
  await addMember(ctx, domain, productUser, 'product_lead');
}

/**
 * AAA walks every gate; BBB reaches weirdness, is recycled to scoping and reaches hand-off again;
 * CCC is created and left alone in specs (stalled by now). Investigations are reported afterwards
 * (the gates saw none), one of them a duplicate dismissed as such.
 */
async function seedPortfolio() {
  const ds = await signedIn(ctx, 'member');
  const product = await signedIn(ctx, 'member');
  const s = (iso: string, action: () => Promise<unknown>) => at(iso, action);

  await s('2026-01-05T10:00:00Z', () => create('AAA', ds.auth, product.user));
  await s('2026-01-12T10:00:00Z', () => advance('AAA', ds.auth, product.auth)); // specs 7 d
  await s('2026-01-14T12:00:00Z', () => create('BBB', ds.auth, product.user));
  await s('2026-01-26T10:00:00Z', () => advance('AAA', ds.auth, product.auth)); // scoping 14 d
  await s('2026-01-28T12:00:00Z', () => advance('BBB', ds.auth, product.auth)); // specs 14 d
  await s('2026-02-02T10:00:00Z', () => advance('AAA', ds.auth, product.auth)); // handoff 7 d
  await s('2026-02-04T12:00:00Z', () => advance('BBB', ds.auth, product.auth)); // scoping 7 d
  await s('2026-02-11T12:00:00Z', () => advance('BBB', ds.auth, product.auth)); // handoff 7 d
  await s('2026-02-18T09:00:00Z', () => create('CCC', ds.auth, product.user));
  await s('2026-02-25T12:00:00Z', () =>
    post('/domains/BBB/recycle', ds.auth, { toPhase: 'scoping', reason: 'Signups carry no source' }).expect(200),
  ); // weirdness 14 d
  await s('2026-03-09T10:00:00Z', () => advance('AAA', ds.auth, product.auth)); // weirdness 35 d
  await s('2026-03-16T10:00:00Z', () => advance('AAA', ds.auth, product.auth)); // confidence 7 d, certified
  await s('2026-03-25T12:00:00Z', () => advance('BBB', ds.auth, product.auth)); // scoping 28 d

  const repo = ctx.dataSource.getRepository(Domain);
  const aaa = await repo.findOneByOrFail({ key: 'AAA' });
  const bbb = await repo.findOneByOrFail({ key: 'BBB' });
  const reported = (domain: Domain, iso: string, extra: object = {}) =>
    makeInvestigation(ctx, domain, { reportedAt: new Date(iso), ...extra });
  const first = await reported(aaa, '2026-02-03T09:00:00Z'); // W06
  await reported(bbb, '2026-02-05T09:00:00Z', { severity: 'low', status: 'resolved', closedAt: new Date() }); // W06
  const dismissed = { status: 'dismissed' as const, closedAt: new Date('2026-02-13T00:00:00Z') };
  // left out: dismissed as a duplicate of the first (the reason need not say so)
  await reported(aaa, '2026-02-10T09:00:00Z', {
    ...dismissed,
    dismissReason: 'Same as the first report',
    duplicateOf: first.id,
  });
  await reported(aaa, '2026-02-12T09:00:00Z', { ...dismissed, dismissReason: 'Not reproducible' }); // W07
  await reported(bbb, '2026-03-01T23:59:59Z'); // last second of W09
  // Today a high one on the certified domain: it goes at risk, and W14 counts it.
  await at(NOW, () =>
    post('/domains/AAA/investigations', ds.auth, {
      title: 'Revenue doubled overnight',
      observed: 'Invoices counted twice',
      severity: 'high',
    }).expect(201),
  );
  return { ds };
}

const stages = (counts: Partial<Record<string, number>>) => ({
  specs: 0,
  scoping: 0,
  handoff: 0,
  weirdness: 0,
  confidence: 0,
  certified: 0,
  ...counts,
});

describe('GET /insights', () => {
  it('computes the summary, cumulative flow, time in phase, certifications and oddity rate from the events', async () => {
    await seedPortfolio();
    ctx.setNow(new Date(NOW));
    const viewer = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/insights').set(viewer.auth).expect(200);
    expect(res.body.asOf).toBe('2026-04-01T12:00:00.000Z');
    expect(res.body.summary).toEqual({ total: 3, certified: 1, inProgress: 2, stalled: 1, atRisk: 1 });
    // soonest forecast first; a domain just handed off has no rate yet, and neither says a made-up date
    expect(res.body.forecasts).toEqual([
      expect.objectContaining({
        key: 'AAA',
        stage: 'certified',
        atRisk: true,
        confidence: expect.objectContaining({
          rate: 0.5,
          target: 1,
          forecast: expect.objectContaining({ status: 'insufficient' }),
        }),
      }),
      expect.objectContaining({
        key: 'BBB',
        stage: 'handoff',
        confidence: expect.objectContaining({
          rate: null,
          upper: null,
          forecast: expect.objectContaining({ status: 'insufficient' }),
        }),
      }),
    ]);
    expect(
      res.body.cumulativeFlow.map((w: { week: string; weekStart: string; stages: object }) => [
        w.week,
        w.weekStart,
        w.stages,
      ]),
    ).toEqual([
      ['2026-W02', '2026-01-05', stages({ specs: 1 })],
      ['2026-W03', '2026-01-12', stages({ specs: 1, scoping: 1 })],
      ['2026-W04', '2026-01-19', stages({ specs: 1, scoping: 1 })],
      ['2026-W05', '2026-01-26', stages({ scoping: 1, handoff: 1 })],
      ['2026-W06', '2026-02-02', stages({ handoff: 1, weirdness: 1 })],
      ['2026-W07', '2026-02-09', stages({ weirdness: 2 })],
      ['2026-W08', '2026-02-16', stages({ specs: 1, weirdness: 2 })],
      ['2026-W09', '2026-02-23', stages({ specs: 1, scoping: 1, weirdness: 1 })],
      ['2026-W10', '2026-03-02', stages({ specs: 1, scoping: 1, weirdness: 1 })],
      ['2026-W11', '2026-03-09', stages({ specs: 1, scoping: 1, confidence: 1 })],
      ['2026-W12', '2026-03-16', stages({ specs: 1, scoping: 1, certified: 1 })],
      ['2026-W13', '2026-03-23', stages({ specs: 1, handoff: 1, certified: 1 })],
      ['2026-W14', '2026-03-30', stages({ specs: 1, handoff: 1, certified: 1 })],
    ]);
    // percentile_cont: the 90th percentile of 7, 14, 28 is 14 + 0.8 × 14
    expect(res.body.timeInPhase).toEqual([
      { phase: 'specs', stays: 2, medianDays: 10.5, p90Days: 13.3 },
      { phase: 'scoping', stays: 3, medianDays: 14, p90Days: 25.2 },
      { phase: 'handoff', stays: 2, medianDays: 7, p90Days: 7 },
      { phase: 'weirdness', stays: 2, medianDays: 24.5, p90Days: 32.9 },
      { phase: 'confidence', stays: 1, medianDays: 7, p90Days: 7 },
    ]);
    expect(res.body.certifiedPerMonth).toEqual([
      { month: '2026-01', certified: 0 },
      { month: '2026-02', certified: 0 },
      { month: '2026-03', certified: 1 },
      { month: '2026-04', certified: 0 },
    ]);
    expect(res.body.oddityRate.map((w: { week: string; newInvestigations: number }) => w.newInvestigations)).toEqual([
      0, 0, 0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 1,
    ]);
    expect(res.body.oddityRate.map((w: { week: string }) => w.week)).toEqual(
      res.body.cumulativeFlow.map((w: { week: string }) => w.week),
    );
  });

  it('a domain Cairn did not create counts from its creation in the stage it first left (or is in), and that stay is not timed', async () => {
    ctx.setNow(new Date(NOW));
    await makeDomain(ctx, {
      key: 'IMP',
      stage: 'weirdness',
      createdAt: new Date('2026-03-18T00:00:00Z'),
      phaseEnteredAt: new Date('2026-03-18T00:00:00Z'),
      lastActivityAt: new Date('2026-03-31T00:00:00Z'),
    });
    // imported in scoping on 2026-03-20, advanced here on 2026-03-25 and 2026-03-27
    const moved = await makeDomain(ctx, {
      key: 'IMQ',
      stage: 'weirdness',
      createdAt: new Date('2026-03-20T00:00:00Z'),
      lastActivityAt: new Date('2026-03-31T00:00:00Z'),
    });
    await ctx.dataSource.query(
      `INSERT INTO audit_event (at, action, entity_type, entity_id, domain_id, before, after) VALUES
         ('2026-03-25T00:00:00Z', 'domain.advance', 'domain', $1::text, $1::uuid, '{"stage": "scoping"}', '{"stage": "handoff"}'),
         ('2026-03-27T00:00:00Z', 'domain.advance', 'domain', $1::text, $1::uuid, '{"stage": "handoff"}', '{"stage": "weirdness"}')`,
      [moved.id],
    );
    const viewer = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/insights').set(viewer.auth).expect(200);
    expect(res.body.summary).toEqual({ total: 2, certified: 0, inProgress: 2, stalled: 0, atRisk: 0 });
    expect(res.body.cumulativeFlow).toEqual([
      { week: '2026-W12', weekStart: '2026-03-16', stages: stages({ scoping: 1, weirdness: 1 }) },
      { week: '2026-W13', weekStart: '2026-03-23', stages: stages({ weirdness: 2 }) },
      { week: '2026-W14', weekStart: '2026-03-30', stages: stages({ weirdness: 2 }) },
    ]);
    // only IMQ's two days in hand-off are timed: its scoping began before Cairn knew it
    expect(res.body.timeInPhase.filter((p: { stays: number }) => p.stays > 0)).toEqual([
      { phase: 'handoff', stays: 1, medianDays: 2, p90Days: 2 },
    ]);
    expect(res.body.certifiedPerMonth).toEqual([
      { month: '2026-03', certified: 0 },
      { month: '2026-04', certified: 0 },
    ]);
  });

  it('requests arriving while an answer is computed share it; the next one computes afresh', async () => {
    ctx.setNow(new Date(NOW));
    const first = loadInsights(ctx.deps);
    const meanwhile = loadInsights(ctx.deps);
    expect(meanwhile).toBe(first);
    await first;
    ctx.setNow(new Date('2026-04-02T12:00:00Z'));
    const next = loadInsights(ctx.deps);
    expect(next).not.toBe(first);
    expect((await next).asOf).toBe('2026-04-02T12:00:00.000Z');
  });

  it('an empty portfolio answers zeros and empty series; 401 without a user', async () => {
    const viewer = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/insights').set(viewer.auth).expect(200);
    expect(res.body).toMatchObject({
      summary: { total: 0, certified: 0, inProgress: 0, stalled: 0, atRisk: 0 },
      cumulativeFlow: [],
      certifiedPerMonth: [],
      oddityRate: [],
    });
    expect(res.body.timeInPhase).toHaveLength(5);
    await request(ctx.app).get('/api/v1/insights').expect(401);
  });
});
