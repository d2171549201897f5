import request from 'supertest';
import { weeklyNewCounts } from '../../server/modules/weirdness/oddity.service';
import { makeInvestigation, makeWeirdnessDomain } from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
// A Wednesday: the current ISO week is 2026-W24, starting Monday 2026-06-08.
const NOW = new Date('2026-06-10T12:00:00Z');
const at = (iso: string) => new Date(iso);
const zeros = { low: 0, medium: 0, high: 0, critical: 0 };

/** Five investigations whose weekly numbers are worked out by hand in the test below. */
async function seedStory() {
  const domain = await makeWeirdnessDomain(ctx);
  // W21: high, triaged after 4 h, resolved in W22 after 192 h
  await makeInvestigation(ctx, domain, {
    severity: 'high',
    reportedAt: at('2026-05-19T10:00:00Z'),
    triagedAt: at('2026-05-19T14:00:00Z'),
    status: 'resolved',
    rootCause: 'data_bug',
    resolution: 'fixed',
    closedAt: at('2026-05-27T10:00:00Z'),
  });
  // W21: low, triaged after 24 h, dismissed in W21 (closed, but not resolved)
  await makeInvestigation(ctx, domain, {
    severity: 'low',
    reportedAt: at('2026-05-20T00:00:00Z'),
    triagedAt: at('2026-05-21T00:00:00Z'),
    status: 'dismissed',
    dismissReason: 'dup',
    closedAt: at('2026-05-22T00:00:00Z'),
  });
  // last second of W21: critical, triaged in W22 after 2 h, still open
  await makeInvestigation(ctx, domain, {
    severity: 'critical',
    reportedAt: at('2026-05-24T23:59:59Z'),
    triagedAt: at('2026-05-25T01:59:59Z'),
    status: 'investigating',
  });
  // W22: medium, triaged in W23 after 26 h, resolved in W23 after 48 h
  await makeInvestigation(ctx, domain, {
    severity: 'medium',
    reportedAt: at('2026-05-31T23:00:00Z'),
    triagedAt: at('2026-06-02T01:00:00Z'),
    status: 'resolved',
    rootCause: 'expected',
    resolution: 'real',
    closedAt: at('2026-06-02T23:00:00Z'),
  });
  // first instant of W23: medium, untriaged
  await makeInvestigation(ctx, domain, { severity: 'medium', reportedAt: at('2026-06-01T00:00:00Z') });
  // another domain's weirdness never counts
  await makeInvestigation(ctx, await makeWeirdnessDomain(ctx), {
    severity: 'critical',
    reportedAt: at('2026-06-09T00:00:00Z'),
  });
  return domain;
}

describe('GET /domains/:key/oddity-rate', () => {
  it('computes the weekly series: new by severity, resolved, open at week end, medians; empty weeks are zeros', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx, 'viewer');
    const domain = await seedStory();
    const res = await request(ctx.app).get(`/api/v1/domains/${domain.key}/oddity-rate?weeks=6`).set(auth).expect(200);
    expect(res.body.domainKey).toBe(domain.key);
    expect(res.body.weeks).toEqual([
      {
        week: '2026-W19',
        weekStart: '2026-05-04',
        newBySeverity: zeros,
        newTotal: 0,
        newByMonitor: 0,
        resolved: 0,
        openAtWeekEnd: 0,
        medianHoursToTriage: null,
        medianHoursToResolve: null,
      },
      {
        week: '2026-W20',
        weekStart: '2026-05-11',
        newBySeverity: zeros,
        newTotal: 0,
        newByMonitor: 0,
        resolved: 0,
        openAtWeekEnd: 0,
        medianHoursToTriage: null,
        medianHoursToResolve: null,
      },
      {
        week: '2026-W21',
        weekStart: '2026-05-18',
        newBySeverity: { low: 1, medium: 0, high: 1, critical: 1 },
        newTotal: 3,
        newByMonitor: 0,
        resolved: 0,
        openAtWeekEnd: 2,
        medianHoursToTriage: 14,
        medianHoursToResolve: null,
      },
      {
        week: '2026-W22',
        weekStart: '2026-05-25',
        newBySeverity: { low: 0, medium: 1, high: 0, critical: 0 },
        newTotal: 1,
        newByMonitor: 0,
        resolved: 1,
        openAtWeekEnd: 2,
        medianHoursToTriage: 2,
        medianHoursToResolve: 192,
      },
      {
        week: '2026-W23',
        weekStart: '2026-06-01',
        newBySeverity: { low: 0, medium: 1, high: 0, critical: 0 },
        newTotal: 1,
        newByMonitor: 0,
        resolved: 1,
        openAtWeekEnd: 2,
        medianHoursToTriage: 26,
        medianHoursToResolve: 48,
      },
      {
        week: '2026-W24',
        weekStart: '2026-06-08',
        newBySeverity: zeros,
        newTotal: 0,
        newByMonitor: 0,
        resolved: 0,
        openAtWeekEnd: 2,
        medianHoursToTriage: null,
        medianHoursToResolve: null,
      },
    ]);
  });

  it('defaults to 12 weeks ending with the current week; a domain without investigations is all zeros', async () => {
    ctx.setNow(new Date('2026-01-01T00:00:00Z'));
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const res = await request(ctx.app).get(`/api/v1/domains/${domain.key}/oddity-rate`).set(auth).expect(200);
    expect(res.body.weeks).toHaveLength(12);
    // 2026-01-01 is a Thursday in ISO week 2026-W01, which starts on Monday 2025-12-29
    expect(res.body.weeks[11]).toMatchObject({ week: '2026-W01', weekStart: '2025-12-29' });
    expect(res.body.weeks[10]).toMatchObject({ week: '2025-W52', weekStart: '2025-12-22' });
    expect(
      res.body.weeks.every(
        (w: { newTotal: number; openAtWeekEnd: number }) => w.newTotal === 0 && w.openAtWeekEnd === 0,
      ),
    ).toBe(true);
  });

  it('401 without auth, 400 for weeks outside 1..104, 404 for an unknown domain', async () => {
    const domain = await makeWeirdnessDomain(ctx);
    await request(ctx.app).get(`/api/v1/domains/${domain.key}/oddity-rate`).expect(401);
    const { auth } = await signedIn(ctx);
    for (const weeks of ['0', '105', 'many']) {
      const res = await request(ctx.app)
        .get(`/api/v1/domains/${domain.key}/oddity-rate`)
        .query({ weeks })
        .set(auth)
        .expect(400);
      expect(res.body.errors[0].field).toBe('weeks');
    }
    await request(ctx.app).get(`/api/v1/domains/ZZZZ/oddity-rate`).set(auth).expect(404);
  });
});

describe('weeklyNewCounts', () => {
  it('counts new investigations per week for many domains in one call, oldest first', async () => {
    const domain = await seedStory();
    const quiet = await makeWeirdnessDomain(ctx);
    const counts = await weeklyNewCounts(ctx.dataSource.manager, [domain.id, quiet.id], 4, NOW);
    expect(counts.get(domain.id)).toEqual([3, 1, 1, 0]);
    expect(counts.get(quiet.id)).toEqual([0, 0, 0, 0]);
    expect((await weeklyNewCounts(ctx.dataSource.manager, [], 4, NOW)).size).toBe(0);
  });
});

describe('monitor-found and human-found oddities apart', () => {
  it('counts the monitor-reported ones of each week separately, in the oddity rate and the confidence weeks', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx, 'viewer');
    const domain = await makeWeirdnessDomain(ctx);
    await makeInvestigation(ctx, domain, { reportedAt: at('2026-06-08T09:00:00Z') });
    await makeInvestigation(ctx, domain, {
      reportedAt: at('2026-06-09T09:00:00Z'),
      monitorId: '00000000-0000-4000-8000-00000000abcd',
    });
    const res = await request(ctx.app).get(`/api/v1/domains/${domain.key}/oddity-rate?weeks=2`).set(auth).expect(200);
    expect(res.body.weeks[1]).toMatchObject({ week: '2026-W24', newTotal: 2, newByMonitor: 1 });
    expect(res.body.weeks[0]).toMatchObject({ newTotal: 0, newByMonitor: 0 });
    const confidence = await request(ctx.app).get(`/api/v1/domains/${domain.key}/confidence`).set(auth).expect(200);
    const week = (confidence.body.weeks ?? []).find((w: { week: string }) => w.week === '2026-W24');
    expect(week).toMatchObject({ count: 2, byMonitor: 1 });
  });
});
