import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { makeDomain, makeDomainUser } from '../factories/domains';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-15T12:00:00Z');

async function gate(key: string, auth: { Authorization: string }) {
  return (await request(ctx.app).get(`/api/v1/domains/${key}/gate`).set(auth).expect(200)).body;
}

describe('POST /domains/:key/signoffs/:id/withdraw', () => {
  it('takes the signer’s own decision back while the round is open: no longer counted, kept in history, audited', async () => {
    ctx.setNow(NOW);
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const signed = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'approve', comment: 'Looks right' })
      .expect(201);
    const before = await gate('RET', ds.auth);
    expect(before.roles[0].signOff.id).toBe(signed.body.id);
    expect(before.can.withdraw).toEqual([signed.body.id]);

    const res = await request(ctx.app)
      .post(`/api/v1/domains/RET/signoffs/${signed.body.id}/withdraw`)
      .set(ds.auth)
      .send({ reason: 'I signed before the stakeholder list was in' })
      .expect(200);
    expect(res.body.withdrawn).toEqual({ at: NOW.toISOString(), reason: 'I signed before the stakeholder list was in' });

    const after = await gate('RET', ds.auth);
    expect(after.roles[0].signOff).toBeNull();
    expect(after.can.withdraw).toEqual([]);
    expect(after.blocking).toContainEqual(expect.objectContaining({ code: 'signoff_missing', role: 'ds_lead' }));
    const row = await ctx.dataSource.getRepository(SignOff).findOneByOrFail({ id: signed.body.id });
    expect(row.withdrawnAt?.toISOString()).toBe(NOW.toISOString());
    expect(row.supersededAt?.toISOString()).toBe(NOW.toISOString());
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'signoff.withdraw' });
    expect(audit).toMatchObject({ actorId: ds.user.id, entityId: signed.body.id, domainId: domain.id });

    // The signer may decide again in the same role.
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    expect((await gate('RET', ds.auth)).roles[0].signOff.decision).toBe('approve');
  });

  it('refuses another person’s sign-off (403), a withdrawn or superseded one (409) and an unknown id (404), changing nothing', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const pl = await makeDomainUser(ctx, domain, ['product_lead']);
    const first = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'approve' })
      .expect(201);
    const other = await request(ctx.app)
      .post(`/api/v1/domains/RET/signoffs/${first.body.id}/withdraw`)
      .set(pl.auth)
      .send({});
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);

    // A second decision supersedes the first: the first cannot be withdrawn any more.
    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'reject', comment: 'Metric is not ready' })
      .expect(201);
    const superseded = await request(ctx.app)
      .post(`/api/v1/domains/RET/signoffs/${first.body.id}/withdraw`)
      .set(ds.auth)
      .send({});
    expect(superseded.status).toBe(409);

    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs/00000000-0000-4000-8000-000000000009/withdraw')
      .set(ds.auth)
      .send({})
      .expect(404);
    await request(ctx.app)
      .post(`/api/v1/domains/RET/signoffs/${first.body.id}/withdraw`)
      .set(ds.auth)
      .send({ reason: 42 })
      .expect(400);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'signoff.withdraw' })).toBe(0);
    const rows = await ctx.dataSource.getRepository(SignOff).find();
    expect(rows.filter((r) => r.withdrawnAt)).toHaveLength(0);
  });
});
