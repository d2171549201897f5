import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Setting } from '../../server/modules/settings/setting.entity';
import { addMember, makeInvestigation, makeWeirdnessDomain } from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-10T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86400_000);
const reload = (domain: Domain) => ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id });

async function certifiedWithLeads() {
  const domain = await makeWeirdnessDomain(ctx, { stage: 'certified' });
  const { user: dsLead } = await signedIn(ctx);
  const { user: productLead } = await signedIn(ctx);
  await addMember(ctx, domain, dsLead, 'ds_lead');
  await addMember(ctx, domain, productLead, 'product_lead');
  return { domain, leads: [dsLead.id, productLead.id].sort() };
}

const report = (key: string, auth: Record<string, string>, body: Record<string, unknown>) =>
  request(ctx.app)
    .post(`/api/v1/domains/${key}/investigations`)
    .set(auth)
    .send({ title: 'Odd', observed: 'Odd numbers', ...body });

describe('at risk', () => {
  it('a new high investigation on a certified domain marks it at risk with the reason and tells its leads', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const { domain, leads } = await certifiedWithLeads();
    await report(domain.key, auth, { severity: 'low' }).expect(201);
    expect((await reload(domain)).atRisk).toBe(false);
    const res = await report(domain.key, auth, { title: 'Revenue doubled', severity: 'critical' }).expect(201);
    const after = await reload(domain);
    expect(after.atRisk).toBe(true);
    expect(after.atRiskReason).toContain(`#${res.body.id}`);
    expect(after.atRiskReason).toContain('Revenue doubled');
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ kind: 'domain_at_risk' });
    expect(notes.map((n) => n.userId).sort()).toEqual(leads);
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'domain.at_risk', domainId: domain.id }),
    ).toBe(1);
    // already at risk: the first reason stays and nobody is told twice
    await report(domain.key, auth, { severity: 'high' }).expect(201);
    expect((await reload(domain)).atRiskReason).toBe(after.atRiskReason);
    expect(await ctx.dataSource.getRepository(Notification).countBy({ kind: 'domain_at_risk' })).toBe(2);
  });

  it('a high investigation on a domain still in a phase does not mark it at risk', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx, { stage: 'confidence' });
    await report(domain.key, auth, { severity: 'high' }).expect(201);
    expect((await reload(domain)).atRisk).toBe(false);
  });

  it('raising an open investigation to high on a certified domain marks it at risk', async () => {
    const { auth } = await signedIn(ctx);
    const { domain } = await certifiedWithLeads();
    const investigation = await makeInvestigation(ctx, domain, { severity: 'low' });
    await request(ctx.app)
      .patch(`/api/v1/investigations/${investigation.id}`)
      .set(auth)
      .set('If-Match', '1')
      .send({ severity: 'high' })
      .expect(200);
    expect((await reload(domain)).atRisk).toBe(true);
  });

  it('a rising rate over two windows (default 14 days) marks a certified domain at risk', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const { domain, leads } = await certifiedWithLeads();
    // windows ending now, in days ago: [28..42): 1, [14..28): 2, [0..14): 2 → not rising yet
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(30) });
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(20) });
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(15) });
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(10) });
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(5) });
    // an old one outside the three windows does not count
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(60) });
    await report(domain.key, auth, { severity: 'low' }).expect(201);
    const after = await reload(domain);
    expect(after.atRisk).toBe(true);
    expect(after.atRiskReason).toMatch(/1 → 2 → 3/);
    expect(
      (await ctx.dataSource.getRepository(Notification).findBy({ kind: 'domain_at_risk' })).map((n) => n.userId).sort(),
    ).toEqual(leads);
  });

  it('a flat rate does not; the window follows the global setting and the domain override', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const { domain } = await certifiedWithLeads();
    // 14-day windows: [28..42): 1, [14..28): 1, [0..14): 1 + the new one = 2 → previous not above the one before
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(30) });
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(20) });
    await makeInvestigation(ctx, domain, { severity: 'low', reportedAt: daysAgo(5) });
    await report(domain.key, auth, { severity: 'low' }).expect(201);
    expect((await reload(domain)).atRisk).toBe(false);
    // 10-day windows (global): [20..30): 1 (exactly 20 days ago), [10..20): 0, [0..10): 3 → not rising
    await ctx.dataSource.getRepository(Setting).save({ key: 'gate_thresholds', value: { oddityWindowDays: 10 } });
    await report(domain.key, auth, { severity: 'low' }).expect(201);
    expect((await reload(domain)).atRisk).toBe(false);
    // 3-day windows (domain override over the global one): [6..9): 0, [3..6): 1, [0..3): 3 with this one → rising
    await ctx.dataSource.getRepository(Domain).update({ id: domain.id }, { thresholds: { oddityWindowDays: 3 } });
    await report(domain.key, auth, { severity: 'low' }).expect(201);
    expect((await reload(domain)).atRisk).toBe(true);
  });
});
