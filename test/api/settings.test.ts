import request from 'supertest';
import { DEFAULT_THRESHOLDS } from '../../shared/workflow/definition';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Setting } from '../../server/modules/settings/setting.entity';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

describe('GET·PUT /settings/thresholds', () => {
  it('anyone signed in reads the effective thresholds (defaults until an admin tunes them)', async () => {
    const { auth } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/settings/thresholds').set(auth).expect(200);
    expect(res.body).toEqual(DEFAULT_THRESHOLDS);
    await request(ctx.app).get('/api/v1/settings/thresholds').expect(401);
  });

  it('an admin stores overrides in the setting table, layered over earlier ones, audited', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const first = await request(ctx.app)
      .put('/api/v1/settings/thresholds')
      .set(auth)
      .send({ maxNewInvestigations: 2, minObservedWeeks: 6, targetOddityRate: 0.5 })
      .expect(200);
    expect(first.body).toEqual({
      ...DEFAULT_THRESHOLDS,
      maxNewInvestigations: 2,
      minObservedWeeks: 6,
      targetOddityRate: 0.5,
    });
    const second = await request(ctx.app)
      .put('/api/v1/settings/thresholds')
      .set(auth)
      .send({ ...DEFAULT_THRESHOLDS, minStakeholders: 2, maxNewInvestigations: 0 })
      .expect(200);
    expect(second.body).toEqual({ ...DEFAULT_THRESHOLDS, minStakeholders: 2, maxNewInvestigations: 0 });
    const row = await ctx.dataSource.getRepository(Setting).findOneByOrFail({ key: 'gate_thresholds' });
    expect(row.value).toMatchObject({
      minStakeholders: 2,
      maxNewInvestigations: 0,
      minObservedWeeks: 4,
      targetOddityRate: 1,
    });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'setting.update', entityId: 'gate_thresholds' })).toBe(2);
    const read = await request(ctx.app).get('/api/v1/settings/thresholds').set(auth).expect(200);
    expect(read.body.minStakeholders).toBe(2);
  });

  it('non-admins get 403, bad values 400, and nothing is stored', async () => {
    const member = await signedIn(ctx, 'member');
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app).put('/api/v1/settings/thresholds').set(member.auth).send({ minStakeholders: 2 }).expect(403);
    await request(ctx.app).put('/api/v1/settings/thresholds').send({ minStakeholders: 2 }).expect(401);
    const bad = await request(ctx.app)
      .put('/api/v1/settings/thresholds')
      .set(admin.auth)
      .send({
        minStakeholders: 1.5,
        stallDays: 0,
        minObservedWeeks: 'two',
        targetOddityRate: 0,
        minReadyMetrics: -1,
        colour: 'red',
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'colour',
      'minObservedWeeks',
      'minReadyMetrics',
      'minStakeholders',
      'stallDays',
      'targetOddityRate',
    ]);
    await request(ctx.app).put('/api/v1/settings/thresholds').set(admin.auth).send([1]).expect(400);
    expect(await ctx.dataSource.getRepository(Setting).count()).toBe(0);
  });
});
