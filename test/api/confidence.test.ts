import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { refitAllDomains } from '../../server/modules/confidence/confidence.service';
import { DomainConfidence } from '../../server/modules/confidence/domain-confidence.entity';
import type { Domain } from '../../server/modules/domains/domain.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { makeDomain, makeDomainUser, makeInvestigationRow } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

beforeEach(() => ctx.setNow(NOW));

const api = () => request(ctx.app);
const confidenceOf = async (key: string, auth: Record<string, string>) =>
  (await api().get(`/api/v1/domains/${key}/confidence`).set(auth).expect(200)).body;

/** A stage change on the domain's timeline, `days` ago. */
async function moved(domain: Domain, action: 'domain.advance' | 'domain.recycle', stage: string, days: number) {
  await ctx.dataSource.getRepository(AuditEvent).insert({
    at: daysAgo(days),
    actorId: null,
    action,
    entityType: 'domain',
    entityId: domain.id,
    domainId: domain.id,
    before: {},
    after: { stage },
  });
}

/** Handed off ten weeks ago, in weirdness for six, oddities rising after hand-off and then falling. */
async function decayingDomain() {
  const domain = await makeDomain(ctx, { key: 'BILL', stage: 'weirdness', phaseEnteredAt: daysAgo(42) });
  await moved(domain, 'domain.advance', 'handoff', 70);
  await moved(domain, 'domain.advance', 'weirdness', 42);
  for (const days of [68, 66, 64, 63, 61, 59, 57, 55, 52, 49, 45, 40, 33, 25])
    await makeInvestigationRow(ctx, domain, { reportedAt: daysAgo(days), status: 'resolved', severity: 'medium' });
  return domain;
}

describe('GET /domains/:key/confidence', () => {
  it('answers the stored rate, interval, trend, fit and forecast, with the weekly series since hand-off and its markers', async () => {
    const domain = await decayingDomain();
    const viewer = await signedIn(ctx, 'viewer');
    const body = await confidenceOf(domain.key, viewer.auth);
    expect(body).toMatchObject({
      domainKey: 'BILL',
      status: 'measured',
      computedAt: NOW.toISOString(),
      start: daysAgo(70).toISOString(),
      // the observed span ends just past the computation, so a report made in it counts
      now: new Date(NOW.getTime() + 1).toISOString(),
      events: 14,
      weighted: 14,
      rate: { count: 1, weighted: 1, exposureWeeks: 4, rate: 0.25, level: 0.9 },
      trend: { status: 'ok', rising: false },
      fit: { status: 'ok' },
      forecast: { status: 'ok', target: 1 },
      options: { target: 1, windowWeeks: 4, level: 0.9 },
    });
    expect(body.rate.lower).toBeLessThan(0.25);
    expect(body.rate.upper).toBeGreaterThan(0.25);
    expect(body.trend.statistic).toBeLessThan(0);
    // ten weeks since hand-off: the first and the current week are partial
    expect(body.weeks.length).toBeGreaterThanOrEqual(11);
    expect(body.weeks.reduce((sum: number, week: { count: number }) => sum + week.count, 0)).toBe(14);
    expect(body.fit.expectedWeekly).toHaveLength(body.weeks.length);
    expect(body.markers).toEqual([
      {
        at: daysAgo(70).toISOString(),
        week: expect.stringMatching(/^2026-W\d\d$/),
        kind: 'handoff',
        stage: 'handoff',
        label: 'Hand-off',
      },
      {
        at: daysAgo(42).toISOString(),
        week: expect.stringMatching(/^2026-W\d\d$/),
        kind: 'phase',
        stage: 'weirdness',
        label: 'Exploring weirdness',
      },
    ]);
  });

  it('reads the stored row: an investigation written behind the app is not counted until a change or the nightly refit', async () => {
    const domain = await decayingDomain();
    const { auth } = await signedIn(ctx, 'viewer');
    await ctx.dataSource.getRepository(Investigation).insert({
      domainId: domain.id,
      title: 'Written by hand',
      observed: 'x',
      severity: 'medium',
      status: 'resolved',
      reportedAt: daysAgo(3),
    });
    ctx.setNow(new Date(NOW.getTime() + DAY));
    expect(await confidenceOf(domain.key, auth)).toMatchObject({ events: 14, computedAt: NOW.toISOString() });
    const result = await refitAllDomains(ctx.deps);
    expect(result.measured).toBeGreaterThanOrEqual(1);
    expect(await confidenceOf(domain.key, auth)).toMatchObject({
      events: 15,
      computedAt: new Date(NOW.getTime() + DAY).toISOString(),
    });
  });

  it('a report through the API is measured in its own transaction; one dismissed as a duplicate is left out', async () => {
    const domain = await decayingDomain();
    const { auth } = await makeDomainUser(ctx, domain, ['contributor']);
    const report = await api()
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .set(auth)
      .send({ title: 'MRR off again', observed: 'MRR is 3% above finance', severity: 'high' })
      .expect(201);
    let body = await confidenceOf(domain.key, auth);
    expect(body).toMatchObject({ events: 15, weighted: 16, rate: { count: 2, weighted: 3 } });
    const [original] = await ctx.dataSource.query(
      `SELECT id FROM investigation WHERE domain_id = $1 AND id <> $2 ORDER BY reported_at DESC LIMIT 1`,
      [domain.id, report.body.id],
    );
    const other = await makeDomain(ctx, { stage: 'weirdness' });
    const elsewhere = await makeInvestigationRow(ctx, other, { status: 'resolved' });
    const dismiss = (duplicateOf: number) =>
      api()
        .post(`/api/v1/investigations/${report.body.id}/transitions`)
        .set(auth)
        .send({ to: 'dismissed', reason: 'Same as the one from last month', duplicateOf });
    // not of this domain, or itself: 400, and nothing changes
    expect((await dismiss(elsewhere.id).expect(400)).body.errors).toEqual([
      { field: 'duplicateOf', message: `is not an investigation of ${domain.key}` },
    ]);
    await dismiss(report.body.id).expect(400);
    expect((await ctx.dataSource.getRepository(Investigation).findOneByOrFail({ id: report.body.id })).status).toBe(
      'reported',
    );
    const dismissed = await dismiss(original.id).expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', duplicateOf: original.id });
    body = await confidenceOf(domain.key, auth);
    expect(body).toMatchObject({ events: 14, weighted: 14 });
    // reopened, it counts again
    await api()
      .post(`/api/v1/investigations/${report.body.id}/transitions`)
      .set(auth)
      .send({ to: 'reopened', reason: 'Not the same after all' })
      .expect(200);
    expect(await confidenceOf(domain.key, auth)).toMatchObject({ events: 15 });
  });

  it('a recycle into a phase before weirdness restarts the series', async () => {
    const domain = await decayingDomain();
    const { auth } = await signedIn(ctx, 'viewer');
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    await api()
      .post(`/api/v1/domains/${domain.key}/recycle`)
      .set(lead.auth)
      .send({ toPhase: 'handoff', reason: 'The invoices table is rebuilt' })
      .expect(200);
    const body = await confidenceOf(domain.key, auth);
    // the series starts at the recycle (the audit log's own time): nothing observed since
    expect(body).toMatchObject({ events: 0, weighted: 0, fit: { status: 'insufficient' } });
    expect(new Date(body.start).getTime()).toBeGreaterThanOrEqual(NOW.getTime());
    expect(body.markers).toEqual([
      expect.objectContaining({ kind: 'recycle', stage: 'handoff', label: 'Sent back to Product hand-off' }),
    ]);
  });

  it('a domain not yet handed off has nothing measured, and says why; an unknown domain is 404', async () => {
    await makeDomain(ctx, { key: 'SCOPE', stage: 'scoping' });
    const { auth } = await signedIn(ctx, 'viewer');
    expect(await confidenceOf('SCOPE', auth)).toEqual({
      domainKey: 'SCOPE',
      status: 'not_started',
      reason: 'Nothing is measured before hand-off; SCOPE is in scoping.',
      markers: [],
    });
    expect(await ctx.dataSource.getRepository(DomainConfidence).countBy({})).toBe(0);
    await api().get('/api/v1/domains/NOPE/confidence').set(auth).expect(404);
  });

  it('board cards carry the stored rate, bound, trend and forecast; a domain before hand-off has none', async () => {
    const domain = await decayingDomain();
    await makeDomain(ctx, { key: 'SCOPE', stage: 'scoping' });
    const { auth } = await signedIn(ctx, 'viewer');
    const stored = await ctx.dataSource.getRepository(DomainConfidence).findOneByOrFail({ domainId: domain.id });
    const board = await api().get('/api/v1/domains?stage=weirdness&sort=attention').set(auth).expect(200);
    const card = board.body.items.find((item: { key: string }) => item.key === 'BILL');
    const summary = stored.summary;
    expect(summary.forecast.status).toBe('ok');
    expect(card.confidence).toEqual({
      computedAt: NOW.toISOString(),
      rate: 0.25,
      upper: Math.round(summary.upper! * 1000) / 1000,
      level: 0.9,
      target: 1,
      rising: false,
      forecast: {
        ...summary.forecast,
        weeksFromNow: summary.forecast.status === 'ok' ? Math.round(summary.forecast.weeksFromNow * 10) / 10 : 0,
      },
    });
    expect(card.confidence.upper).toBeGreaterThan(0.25);
    const scoping = await api().get('/api/v1/domains/SCOPE').set(auth).expect(200);
    expect(scoping.body.confidence).toBeNull();
  });

  it('an admin tunes the severity weights (audited, layered); the next recompute counts with them', async () => {
    const domain = await decayingDomain();
    const admin = await signedIn(ctx, 'admin');
    const member = await signedIn(ctx, 'member');
    expect((await api().get('/api/v1/settings/severity-weights').set(member.auth).expect(200)).body).toEqual({
      low: 0.5,
      medium: 1,
      high: 2,
      critical: 3,
    });
    await api().put('/api/v1/settings/severity-weights').set(member.auth).send({ medium: 2 }).expect(403);
    const bad = await api()
      .put('/api/v1/settings/severity-weights')
      .set(admin.auth)
      .send({ medium: -1, high: 'two' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['high', 'medium']);
    const put = await api().put('/api/v1/settings/severity-weights').set(admin.auth).send({ medium: 2 }).expect(200);
    expect(put.body).toEqual({ low: 0.5, medium: 2, high: 2, critical: 3 });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'setting.update' })).toBe(1);
    // stored until the next recompute, then every medium counts twice
    expect(await confidenceOf(domain.key, admin.auth)).toMatchObject({ weighted: 14 });
    await refitAllDomains(ctx.deps);
    expect(await confidenceOf(domain.key, admin.auth)).toMatchObject({
      events: 14,
      weighted: 28,
      options: { weights: { medium: 2 } },
    });
  });

  it('the nightly refit lowers the bound of a quiet domain and records the sign-offs it makes stale', async () => {
    const domain = await makeDomain(ctx, { key: 'QUIET', stage: 'weirdness', phaseEnteredAt: daysAgo(60) });
    await moved(domain, 'domain.advance', 'handoff', 90);
    for (const days of [16, 9, 5, 2])
      await makeInvestigationRow(ctx, domain, { reportedAt: daysAgo(days), status: 'resolved' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await api()
      .post('/api/v1/domains/QUIET/signoffs')
      .set(ds.auth)
      .send({ decision: 'approve', comment: 'ok' })
      .expect(201);
    const rate = async () =>
      (await api().get('/api/v1/domains/QUIET/gate').set(ds.auth).expect(200)).body.criteria.find(
        (c: { key: string }) => c.key === 'oddity_rate_below_target',
      );
    expect(await rate()).toMatchObject({ passed: false });
    // five quiet weeks later the stored bound is still the old one, until the refit
    ctx.setNow(new Date(NOW.getTime() + 35 * DAY));
    expect(await rate()).toMatchObject({ passed: false });
    await refitAllDomains(ctx.deps);
    expect(await rate()).toMatchObject({ passed: true, detail: '0 a week, at most 0.7 at 90%; target 1' });
    const [signOff] = await ctx.dataSource.query(`SELECT stale_at, stale_reason FROM sign_off WHERE domain_id = $1`, [
      domain.id,
    ]);
    expect(signOff.stale_reason).toMatch(/^Oddity rate at most the target: not met → met \([\d.]+ → 0\.7\d\)$/);
  });
});
