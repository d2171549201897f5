import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
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

  /** The domain was handed off `days` ago: the oddity series starts there. */
  async function handedOff(domain: Domain, days: number) {
    await ctx.dataSource.getRepository(AuditEvent).insert({
      at: daysAgo(days),
      actorId: null,
      action: 'domain.advance',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      before: { stage: 'scoping' },
      after: { stage: 'handoff' },
    });
  }

  it('a significant rising trend since hand-off (Laplace test) marks a certified domain at risk', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const { domain, leads } = await certifiedWithLeads();
    await handedOff(domain, 84);
    // quiet for two months, then more and more
    for (const days of [70, 20, 12, 9, 6, 4, 2, 1])
      await makeInvestigation(ctx, domain, { severity: 'medium', reportedAt: daysAgo(days) });
    await report(domain.key, auth, { severity: 'low' }).expect(201);
    const after = await reload(domain);
    expect(after.atRisk).toBe(true);
    expect(after.atRiskReason).toMatch(
      /^Oddity rate rising: Laplace U = [\d.]+, p (= 0\.0\d+|< 0\.0001) over 12 weeks since hand-off$/,
    );
    expect(
      (await ctx.dataSource.getRepository(Notification).findBy({ kind: 'domain_at_risk' })).map((n) => n.userId).sort(),
    ).toEqual(leads);
  });

  it('a steady rate does not, nor does one new report after a quiet stretch', async () => {
    ctx.setNow(NOW);
    const { auth } = await signedIn(ctx);
    const { domain } = await certifiedWithLeads();
    await handedOff(domain, 84);
    // one every two weeks: the trend test sees a constant rate
    for (const days of [80, 66, 52, 38, 24, 10])
      await makeInvestigation(ctx, domain, { severity: 'medium', reportedAt: daysAgo(days) });
    await report(domain.key, auth, { severity: 'medium' }).expect(201);
    expect((await reload(domain)).atRisk).toBe(false);

    const quiet = (await certifiedWithLeads()).domain;
    await handedOff(quiet, 84);
    await report(quiet.key, auth, { severity: 'low' }).expect(201);
    expect((await reload(quiet)).atRisk).toBe(false);
  });
});
