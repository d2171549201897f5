import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Follow } from '../../server/modules/follows/follow.entity';
import { addMember, makeArtifactRow, makeDomain, makeDomainUser, satisfyCriteria } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeEach(() => ctx.setNow(NOW));

async function kindsOf(auth: Record<string, string>): Promise<string[]> {
  const res = await request(ctx.app).get('/api/v1/inbox?limit=200').set(auth).expect(200);
  return res.body.items.map((e: { kind: string }) => e.kind);
}

function later(days: number): void {
  ctx.setNow(new Date(NOW.getTime() + days * DAY));
}

describe('follow and unfollow', () => {
  it('a viewer follows a domain and an artifact for themselves, idempotently and audited', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'certified' });
    const artifact = await makeArtifactRow(ctx, domain, { status: 'ready' });
    const lee = await signedIn(ctx, 'viewer');
    const other = await signedIn(ctx, 'member');

    let res = await request(ctx.app).get('/api/v1/domains/RET/follow').set(lee.auth).expect(200);
    expect(res.body).toEqual({ subjectType: 'domain', subjectId: domain.id, following: false, followers: 0 });
    res = await request(ctx.app).put('/api/v1/domains/RET/follow').set(lee.auth).expect(200);
    expect(res.body).toEqual({ subjectType: 'domain', subjectId: domain.id, following: true, followers: 1 });
    await request(ctx.app).put('/api/v1/domains/RET/follow').set(lee.auth).expect(200);
    res = await request(ctx.app).put('/api/v1/domains/ret/follow').set(other.auth).expect(200);
    expect(res.body).toMatchObject({ following: true, followers: 2 });
    res = await request(ctx.app).put(`/api/v1/artifacts/${artifact.id}/follow`).set(lee.auth).expect(200);
    expect(res.body).toEqual({ subjectType: 'artifact', subjectId: artifact.id, following: true, followers: 1 });
    expect(await ctx.dataSource.getRepository(Follow).countBy({ userId: lee.user.id })).toBe(2);
    const [row] = await ctx.dataSource.getRepository(Follow).findBy({ userId: lee.user.id, subjectType: 'artifact' });
    expect(row.domainId).toBe(domain.id);

    res = await request(ctx.app).delete('/api/v1/domains/RET/follow').set(lee.auth).expect(200);
    expect(res.body).toMatchObject({ following: false, followers: 1 });
    await request(ctx.app).delete('/api/v1/domains/RET/follow').set(lee.auth).expect(200);
    const audit = await ctx.dataSource
      .getRepository(AuditEvent)
      .find({ where: { actorId: lee.user.id }, order: { id: 'ASC' } });
    expect(audit.map((e) => [e.action, e.entityType])).toEqual([
      ['follow.create', 'domain'],
      ['follow.create', 'artifact'],
      ['follow.delete', 'domain'],
    ]);
    expect(audit[0]).toMatchObject({ entityId: domain.id, domainId: domain.id });
  });

  it('404 for an unknown domain or artifact (a malformed id names nothing either), 401 without a user', async () => {
    const lee = await signedIn(ctx, 'viewer');
    await request(ctx.app).put('/api/v1/domains/NOPE/follow').set(lee.auth).expect(404);
    await request(ctx.app).put(`/api/v1/artifacts/${UNKNOWN}/follow`).set(lee.auth).expect(404);
    const bad = await request(ctx.app).put('/api/v1/artifacts/not-a-uuid/follow').set(lee.auth).expect(404);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await request(ctx.app).put('/api/v1/domains/RET/follow').expect(401);
    await request(ctx.app).get(`/api/v1/artifacts/${UNKNOWN}/follow`).expect(401);
  });
});

describe('followers hear when trust changes', () => {
  async function certifiedDomain() {
    const domain = await makeDomain(ctx, {
      key: 'EVT',
      name: 'Product events',
      stage: 'certified',
      certifiedAt: new Date(NOW.getTime() - 30 * DAY),
      phaseEnteredAt: new Date(NOW.getTime() - 30 * DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    const metric = await makeArtifactRow(ctx, domain, { status: 'ready', name: 'Daily events' });
    const dataset = await makeArtifactRow(ctx, domain, { status: 'ready', type: 'dataset', name: 'events' });
    return { domain, ds, product, metric, dataset };
  }

  it('at risk, recovered, a caveat, deprecated: domain followers hear all, artifact followers their artifact', async () => {
    const { ds, product, metric, dataset } = await certifiedDomain();
    const lee = await signedIn(ctx, 'viewer');
    const analyst = await signedIn(ctx, 'member');
    const datasetFan = await signedIn(ctx, 'viewer');
    await request(ctx.app).put('/api/v1/domains/EVT/follow').set(lee.auth).expect(200);
    await request(ctx.app).put(`/api/v1/artifacts/${metric.id}/follow`).set(analyst.auth).expect(200);
    await request(ctx.app).put(`/api/v1/artifacts/${dataset.id}/follow`).set(datasetFan.auth).expect(200);

    const reported = await request(ctx.app)
      .post('/api/v1/domains/EVT/investigations')
      .set(product.auth)
      .send({ title: 'Events doubled', observed: 'Twice the events', severity: 'critical', artifactId: metric.id })
      .expect(201);
    // the domain's trust changed: every follower of it or of one of its artifacts hears
    for (const follower of [lee, analyst, datasetFan]) expect(await kindsOf(follower.auth)).toEqual(['domain_at_risk']);

    later(1);
    await request(ctx.app)
      .post('/api/v1/domains/EVT/risk/acknowledge')
      .set(product.auth)
      .send({ note: 'On it' })
      .expect(200);
    await ctx.dataSource.query(`UPDATE investigation SET status = 'resolved' WHERE id = $1`, [reported.body.id]);
    await request(ctx.app)
      .post('/api/v1/domains/EVT/reconfirm')
      .set(ds.auth)
      .send({ comment: 'Deduplicated' })
      .expect(200);
    const leeInbox = (await request(ctx.app).get('/api/v1/inbox').set(lee.auth).expect(200)).body.items;
    expect(leeInbox.map((e: { kind: string; resolution: string | null }) => [e.kind, e.resolution])).toEqual([
      ['domain_recovered', null],
      ['domain_at_risk', 'recovered'],
    ]);

    later(2);
    await request(ctx.app)
      .post(`/api/v1/artifacts/${metric.id}/caveats`)
      .set(ds.auth)
      .send({ text: 'Counts bots until 2026-11-20.' })
      .expect(201);
    expect((await kindsOf(analyst.auth))[0]).toBe('caveat_added');
    expect((await kindsOf(lee.auth))[0]).toBe('caveat_added');
    // a follower of another artifact of the domain does not hear about this one
    expect(await kindsOf(datasetFan.auth)).toEqual(['domain_recovered', 'domain_at_risk']);
    // nor does the one who added it
    expect(await kindsOf(ds.auth)).not.toContain('caveat_added');
    const [caveatEntry] = (await request(ctx.app).get('/api/v1/inbox').set(analyst.auth).expect(200)).body.items;
    expect(caveatEntry).toMatchObject({
      entityType: 'artifact',
      entityId: metric.id,
      domainKey: 'EVT',
      message: 'EVT · "Daily events" has a new caveat: Counts bots until 2026-11-20.',
    });

    later(3);
    const current = (await request(ctx.app).get(`/api/v1/artifacts/${dataset.id}`).set(ds.auth).expect(200)).body;
    await request(ctx.app)
      .patch(`/api/v1/artifacts/${dataset.id}`)
      .set(ds.auth)
      .set('If-Match', String(current.version))
      .send({ status: 'deprecated' })
      .expect(200);
    expect((await kindsOf(datasetFan.auth))[0]).toBe('artifact_deprecated');
    expect((await kindsOf(lee.auth))[0]).toBe('artifact_deprecated');
    expect((await kindsOf(analyst.auth))[0]).toBe('caveat_added');
    // unfollowing ends it
    await request(ctx.app).delete('/api/v1/domains/EVT/follow').set(lee.auth).expect(200);
    later(4);
    await request(ctx.app)
      .post(`/api/v1/artifacts/${metric.id}/caveats`)
      .set(ds.auth)
      .send({ text: 'Another one.' })
      .expect(201);
    expect((await kindsOf(lee.auth))[0]).toBe('artifact_deprecated');
  });

  it('a domain that passes its last gate tells its followers it is certified', async () => {
    const domain = await makeDomain(ctx, {
      key: 'GRO',
      stage: 'confidence',
      phaseEnteredAt: new Date(NOW.getTime() - 60 * DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    const lee = await signedIn(ctx, 'viewer');
    await addMember(ctx, domain, lee.user, 'contributor');
    const fan = await signedIn(ctx, 'viewer');
    await request(ctx.app).put('/api/v1/domains/GRO/follow').set(fan.auth).expect(200);
    await satisfyCriteria(ctx, domain);
    await request(ctx.app).post('/api/v1/domains/GRO/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    await request(ctx.app)
      .post('/api/v1/domains/GRO/signoffs')
      .set(product.auth)
      .send({ decision: 'approve' })
      .expect(201);
    await request(ctx.app).post('/api/v1/domains/GRO/advance').set(ds.auth).expect(200);
    const [entry] = (await request(ctx.app).get('/api/v1/inbox').set(fan.auth).expect(200)).body.items;
    expect(entry).toMatchObject({ kind: 'domain_certified', domainKey: 'GRO', entityType: 'domain', entityId: 'GRO' });
    expect(entry.message).toContain('is certified');
    // the signers' requests ended with the round
    const dsInbox = (await request(ctx.app).get('/api/v1/inbox').set(ds.auth).expect(200)).body.items;
    expect(dsInbox.filter((e: { resolvedAt: string | null }) => !e.resolvedAt)).toEqual([]);
  });
});
