import request from 'supertest';
import { makeDomain, makeDomainUser, makeTicketRow, satisfyCriteria } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

describe('GET /reviews/pending', () => {
  it('lists gates waiting for the caller in a role they hold: missing or stale, not fresh ones', async () => {
    const ret = await makeDomain(ctx, { key: 'RET', name: 'Retention', stage: 'scoping' });
    const bil = await makeDomain(ctx, { key: 'BIL', name: 'Billing', stage: 'specs' });
    const gro = await makeDomain(ctx, { key: 'GRO', name: 'Growth', stage: 'specs' });
    await makeDomain(ctx, { key: 'OLD', stage: 'certified' });
    const me = await makeDomainUser(ctx, ret, ['product_lead']);
    await ctx.dataSource.query(
      `INSERT INTO domain_member (domain_id, user_id, role) VALUES ($1, $3, 'ds_lead'), ($2, $3, 'ds_lead'), ($2, $3, 'contributor')`,
      [bil.id, gro.id, me.user.id],
    );
    await satisfyCriteria(ctx, bil);
    await request(ctx.app).post('/api/v1/domains/BIL/signoffs').set(me.auth).send({ decision: 'approve' }).expect(201);
    let res = await request(ctx.app).get('/api/v1/reviews/pending').set(me.auth).expect(200);
    expect(res.body).toEqual([
      { domainKey: 'GRO', domainName: 'Growth', phase: 'specs', role: 'ds_lead', round: 1, stale: false },
      { domainKey: 'RET', domainName: 'Retention', phase: 'scoping', role: 'product_lead', round: 1, stale: false },
    ]);
    // new evidence at BIL makes the approval stale: it is pending again
    await makeTicketRow(ctx, bil, { priority: 'critical' });
    res = await request(ctx.app).get('/api/v1/reviews/pending').set(me.auth).expect(200);
    expect(res.body.map((p: { domainKey: string }) => p.domainKey)).toEqual(['BIL', 'GRO', 'RET']);
    expect(res.body[0]).toMatchObject({ stale: true });
    const nobody = await signedIn(ctx, 'viewer');
    expect((await request(ctx.app).get('/api/v1/reviews/pending').set(nobody.auth).expect(200)).body).toEqual([]);
    await request(ctx.app).get('/api/v1/reviews/pending').expect(401);
  });
});

describe('GET /reviews/decisions', () => {
  it('lists past decisions newest first with their evidence, filtered by domain and user, paginated', async () => {
    const ret = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const ds = await makeDomainUser(ctx, ret, ['ds_lead']);
    const product = await makeDomainUser(ctx, ret, ['product_lead']);
    let minute = 0;
    const sign = (auth: Record<string, string>, body: object) => {
      ctx.setNow(new Date(Date.UTC(2026, 5, 1, 9, minute++)));
      return request(ctx.app).post('/api/v1/domains/RET/signoffs').set(auth).send(body).expect(201);
    };
    await sign(ds.auth, { decision: 'reject', comment: 'No dataset yet' });
    await sign(ds.auth, { decision: 'approve' });
    await sign(product.auth, { decision: 'approve', comment: 'Fine by product' });
    const all = await request(ctx.app).get('/api/v1/reviews/decisions').set(ds.auth).expect(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((d: { comment: string }) => d.comment)).toEqual([
      'Fine by product',
      '',
      'No dataset yet',
    ]);
    expect(all.body.items[2]).toMatchObject({
      domainKey: 'RET',
      decision: 'reject',
      superseded: true,
      stale: false,
      round: 1,
      phase: 'scoping',
    });
    expect(all.body.items[2].evidence.criteria.map((c: { key: string }) => c.key)).toContain('metric_ready');
    const mine = await request(ctx.app).get('/api/v1/reviews/decisions?user=me').set(product.auth).expect(200);
    expect(mine.body.items.map((d: { user: { id: string } }) => d.user.id)).toEqual([product.user.id]);
    const byUser = await request(ctx.app)
      .get(`/api/v1/reviews/decisions?user=${ds.user.id}&domain=ret`)
      .set(product.auth)
      .expect(200);
    expect(byUser.body.total).toBe(2);
    const page1 = await request(ctx.app).get('/api/v1/reviews/decisions?limit=2').set(ds.auth).expect(200);
    const page2 = await request(ctx.app)
      .get(`/api/v1/reviews/decisions?limit=2&cursor=${page1.body.nextCursor}`)
      .set(ds.auth)
      .expect(200);
    expect([...page1.body.items, ...page2.body.items].map((d: { id: string }) => d.id)).toEqual(
      all.body.items.map((d: { id: string }) => d.id),
    );
    expect(page2.body.nextCursor).toBeNull();
    // a criterion flip since signing shows the current round's approvals as stale
    await makeTicketRow(ctx, ret, { priority: 'high', phase: 'scoping' });
    const later = await request(ctx.app).get('/api/v1/reviews/decisions').set(ds.auth).expect(200);
    expect(later.body.items.map((d: { stale: boolean }) => d.stale)).toEqual([true, true, false]);
  });

  it('400 for bad filters; 401 without a user', async () => {
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/reviews/decisions?user=someone').set(auth).expect(400);
    await request(ctx.app).get('/api/v1/reviews/decisions?limit=500').set(auth).expect(400);
    await request(ctx.app).get('/api/v1/reviews/decisions').expect(401);
    expect((await request(ctx.app).get('/api/v1/reviews/decisions').set(auth).expect(200)).body).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });
});
