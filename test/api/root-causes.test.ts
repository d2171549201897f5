import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { RootCause } from '../../server/modules/weirdness/root-cause.entity';
import { makeInvestigation, makeWeirdnessDomain } from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const DEFAULT_KEYS = ['data_bug', 'collection_gap', 'definition', 'expected', 'upstream_change', 'unknown'];

describe('root causes', () => {
  it('lists the defaults in order for any signed-in user; 401 without auth', async () => {
    await request(ctx.app).get('/api/v1/root-causes').expect(401);
    const { auth } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/root-causes').set(auth).expect(200);
    expect(res.body.map((r: { key: string }) => r.key)).toEqual(DEFAULT_KEYS);
    expect(res.body[0]).toEqual({ key: 'data_bug', label: 'Data bug (pipeline/ETL error)', retired: false });
    await request(ctx.app).get('/api/v1/root-causes?includeRetired=yes').set(auth).expect(400);
  });

  it('admins add one (last in order); 401, 403, 400 and 409 for a duplicate', async () => {
    await request(ctx.app)
      .post('/api/v1/root-causes')
      .send({ key: 'vendor_outage', label: 'Vendor outage' })
      .expect(401);
    const member = await signedIn(ctx);
    await request(ctx.app)
      .post('/api/v1/root-causes')
      .set(member.auth)
      .send({ key: 'vendor_outage', label: 'Vendor outage' })
      .expect(403);
    const { auth, user } = await signedIn(ctx, 'admin');
    const bad = await request(ctx.app)
      .post('/api/v1/root-causes')
      .set(auth)
      .send({ key: 'Vendor Outage!', label: '' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['key', 'label']);
    const res = await request(ctx.app)
      .post('/api/v1/root-causes')
      .set(auth)
      .send({ key: 'vendor_outage', label: 'Vendor outage' })
      .expect(201);
    expect(res.body).toEqual({ key: 'vendor_outage', label: 'Vendor outage', retired: false });
    expect(
      (
        await request(ctx.app)
          .post('/api/v1/root-causes')
          .set(auth)
          .send({ key: 'data_bug', label: 'Again' })
          .expect(409)
      ).body.code,
    ).toBe('unique_violation');
    const list = await request(ctx.app).get('/api/v1/root-causes').set(auth).expect(200);
    expect(list.body.map((r: { key: string }) => r.key)).toEqual([...DEFAULT_KEYS, 'vendor_outage']);
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'root_cause.create', actorId: user.id, entityId: 'vendor_outage' }),
    ).toBe(1);
  });

  it('admins relabel and retire; retired ones leave the list, stay on old investigations and cannot resolve new ones', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const member = await signedIn(ctx);
    await request(ctx.app).patch('/api/v1/root-causes/unknown').send({ retired: true }).expect(401);
    await request(ctx.app).patch('/api/v1/root-causes/unknown').set(member.auth).send({ retired: true }).expect(403);
    await request(ctx.app).patch('/api/v1/root-causes/unknown').set(auth).send({ retired: 'yes' }).expect(400);
    // an explicit null is refused, not a 500 (a fuzz finding)
    const nullLabel = await request(ctx.app)
      .patch('/api/v1/root-causes/unknown')
      .set(auth)
      .send({ label: null })
      .expect(400);
    expect(nullLabel.body.errors.map((e: { field: string }) => e.field)).toEqual(['label']);
    await request(ctx.app).patch('/api/v1/root-causes/nope').set(auth).send({ retired: true }).expect(404);
    const domain = await makeWeirdnessDomain(ctx);
    const old = await makeInvestigation(ctx, domain, {
      status: 'resolved',
      rootCause: 'unknown',
      resolution: 'shrug',
      closedAt: new Date(),
    });
    const res = await request(ctx.app)
      .patch('/api/v1/root-causes/unknown')
      .set(auth)
      .send({ retired: true, label: 'No idea' })
      .expect(200);
    expect(res.body).toEqual({ key: 'unknown', label: 'No idea', retired: true });
    expect(await ctx.dataSource.getRepository(RootCause).findOneByOrFail({ key: 'unknown' })).toMatchObject({
      retired: true,
      label: 'No idea',
    });
    const active = await request(ctx.app).get('/api/v1/root-causes').set(member.auth).expect(200);
    expect(active.body.map((r: { key: string }) => r.key)).not.toContain('unknown');
    const all = await request(ctx.app).get('/api/v1/root-causes?includeRetired=true').set(member.auth).expect(200);
    expect(all.body).toContainEqual({ key: 'unknown', label: 'No idea', retired: true });
    expect(
      (await request(ctx.app).get(`/api/v1/investigations/${old.id}`).set(member.auth).expect(200)).body.rootCause,
    ).toBe('unknown');
    const fresh = await makeInvestigation(ctx, domain, { status: 'investigating' });
    await request(ctx.app)
      .post(`/api/v1/investigations/${fresh.id}/transitions`)
      .set(member.auth)
      .send({ to: 'resolved', rootCause: 'unknown', resolution: 'x' })
      .expect(400);
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'root_cause.update', entityId: 'unknown' }),
    ).toBe(1);
  });
});
