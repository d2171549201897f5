import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Comment } from '../../server/modules/tickets/comment.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import {
  addMember,
  makeArtifactRow,
  makeInvestigation,
  makeSignOff,
  makeWeirdnessDomain,
} from '../factories/investigations';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const repo = () => ctx.dataSource.getRepository(Investigation);

describe('POST /domains/:key/investigations', () => {
  it('reports an investigation, audits it and notifies the leads', async () => {
    const { user, auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const { user: dsLead } = await signedIn(ctx);
    const { user: productLead } = await signedIn(ctx);
    await addMember(ctx, domain, dsLead, 'ds_lead');
    await addMember(ctx, domain, productLead, 'product_lead');
    const artifact = await makeArtifactRow(ctx, domain);
    const res = await request(ctx.app)
      .post(`/api/v1/domains/${domain.key.toLowerCase()}/investigations`)
      .set(auth)
      .send({ title: 'Spike on Dec 25', observed: 'Sessions triple', expected: 'Flat', artifactId: artifact.id })
      .expect(201);
    expect(res.headers.location).toBe(`/api/v1/investigations/${res.body.id}`);
    expect(res.body).toMatchObject({
      domainKey: domain.key,
      domainName: domain.name,
      title: 'Spike on Dec 25',
      artifactId: artifact.id,
      artifactName: artifact.name,
      severity: 'medium',
      status: 'reported',
      reporter: { id: user.id, name: user.name, email: user.email },
      investigator: null,
      followUpTickets: [],
      overdue: false,
      version: 1,
      can: { edit: true, transitions: ['triaged', 'dismissed'], reopen: false },
    });
    const row = await repo().findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({
      domainId: domain.id,
      reporterId: user.id,
      status: 'reported',
      artifactId: artifact.id,
    });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'investigation.create' });
    expect(audit).toMatchObject({ domainId: domain.id, entityId: String(row.id), actorId: user.id });
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ kind: 'investigation_reported' });
    expect(notes.map((n) => n.userId).sort()).toEqual([dsLead.id, productLead.id].sort());
  });

  it('refuses phases before hand-off with 409 phase_not_allowed, and accepts hand-off and certified', async () => {
    const { auth } = await signedIn(ctx);
    for (const stage of ['specs', 'scoping'] as const) {
      const domain = await makeWeirdnessDomain(ctx, { stage });
      const res = await request(ctx.app)
        .post(`/api/v1/domains/${domain.key}/investigations`)
        .set(auth)
        .send({ title: 'x', observed: 'y' })
        .expect(409);
      expect(res.body.code).toBe('phase_not_allowed');
      expect(res.body.detail).toMatch(/hand-off/);
    }
    expect(await repo().count()).toBe(0);
    for (const stage of ['handoff', 'confidence', 'certified'] as const) {
      const domain = await makeWeirdnessDomain(ctx, { stage });
      await request(ctx.app)
        .post(`/api/v1/domains/${domain.key}/investigations`)
        .set(auth)
        .send({ title: 'x', observed: 'y' })
        .expect(201);
    }
    expect(await repo().count()).toBe(3);
  });

  it('401 without auth, 403 for a viewer, 400 per invalid field, 404 for an unknown domain', async () => {
    const domain = await makeWeirdnessDomain(ctx);
    await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .send({ title: 'x', observed: 'y' })
      .expect(401);
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .set(viewer.auth)
      .send({ title: 'x', observed: 'y' })
      .expect(403);
    const { auth } = await signedIn(ctx);
    const bad = await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .set(auth)
      .send({ title: '', severity: 'huge', extra: 1 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'observed',
      'severity',
      'title',
    ]);
    await request(ctx.app)
      .post(`/api/v1/domains/NOPE/investigations`)
      .set(auth)
      .send({ title: 'x', observed: 'y' })
      .expect(404);
    expect(await repo().count()).toBe(0);
  });

  it('refuses an artifact of another domain', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const other = await makeWeirdnessDomain(ctx);
    const artifact = await makeArtifactRow(ctx, other);
    const res = await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .set(auth)
      .send({ title: 'x', observed: 'y', artifactId: artifact.id })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'artifactId', message: expect.any(String) }]);
    expect(await repo().count()).toBe(0);
  });

  it('a new high investigation marks fresh sign-offs of the current round stale', async () => {
    const { auth } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const { user: signer } = await signedIn(ctx);
    const signOff = await makeSignOff(ctx, domain, signer);
    await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .set(auth)
      .send({ title: 'low one', observed: 'y', severity: 'low' })
      .expect(201);
    expect((await ctx.dataSource.getRepository(SignOff).findOneByOrFail({ id: signOff.id })).staleAt).toBeNull();
    await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/investigations`)
      .set(auth)
      .send({ title: 'big one', observed: 'y', severity: 'high' })
      .expect(201);
    const stale = await ctx.dataSource.getRepository(SignOff).findOneByOrFail({ id: signOff.id });
    expect(stale.staleAt).not.toBeNull();
    expect(stale.staleReason).toMatch(/big one/);
    expect((await ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id })).atRisk).toBe(false);
  });
});

describe('GET /investigations/:id, PATCH, comments', () => {
  it('returns one investigation with comments and follow-up tickets; 404 for unknown or malformed ids', async () => {
    const { auth, user } = await signedIn(ctx);
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain, { reporterId: user.id });
    await ctx.dataSource.query(
      `INSERT INTO ticket (domain_id, number, key, kind, title, phase, version, investigation_id) VALUES ($1, 1, $2, 'task', 'Fix the join', 'weirdness', 1, $3)`,
      [domain.id, `${domain.key}-1`, investigation.id],
    );
    await request(ctx.app)
      .post(`/api/v1/investigations/${investigation.id}/comments`)
      .set(auth)
      .send({ body: 'Looking at it' })
      .expect(201);
    const res = await request(ctx.app).get(`/api/v1/investigations/${investigation.id}`).set(auth).expect(200);
    expect(res.body.followUpTickets).toEqual([{ key: `${domain.key}-1`, title: 'Fix the join', status: 'open' }]);
    expect(res.body.comments).toEqual([
      expect.objectContaining({ body: 'Looking at it', author: expect.objectContaining({ id: user.id }) }),
    ]);
    await request(ctx.app).get(`/api/v1/investigations/999999`).set(auth).expect(404);
    await request(ctx.app).get(`/api/v1/investigations/abc`).set(auth).expect(404);
    await request(ctx.app).get(`/api/v1/investigations/${investigation.id}`).expect(401);
  });

  it('comments: 401, 403 viewer, 400 empty body, stored with the domain', async () => {
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain);
    const url = `/api/v1/investigations/${investigation.id}/comments`;
    await request(ctx.app).post(url).send({ body: 'x' }).expect(401);
    await request(ctx.app).get(url).expect(401);
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).post(url).set(viewer.auth).send({ body: 'x' }).expect(403);
    await request(ctx.app).get(url).set(viewer.auth).expect(200);
    const { auth } = await signedIn(ctx);
    await request(ctx.app).post(url).set(auth).send({ body: '' }).expect(400);
    // blank is refused as on a ticket: one CreateCommentDto for both
    const blank = await request(ctx.app).post(url).set(auth).send({ body: ' \n\t ' }).expect(400);
    expect(blank.body.errors).toEqual([{ field: 'body', message: 'Body must not be blank.' }]);
    await request(ctx.app).post(`/api/v1/investigations/424242/comments`).set(auth).send({ body: 'x' }).expect(404);
    await request(ctx.app).post(url).set(auth).send({ body: 'Found it' }).expect(201);
    const comments = await ctx.dataSource.getRepository(Comment).find();
    expect(comments).toEqual([
      expect.objectContaining({
        subjectType: 'investigation',
        subjectId: String(investigation.id),
        domainId: domain.id,
        body: 'Found it',
      }),
    ]);
    const list = await request(ctx.app).get(url).set(auth).expect(200);
    expect(list.body.map((c: { body: string }) => c.body)).toEqual(['Found it']);
  });

  it('edits with If-Match: 428 without, 412 when stale, 400 for bad fields, 403 for viewers', async () => {
    const domain = await makeWeirdnessDomain(ctx);
    const investigation = await makeInvestigation(ctx, domain);
    const url = `/api/v1/investigations/${investigation.id}`;
    await request(ctx.app).patch(url).send({ title: 'x' }).expect(401);
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).patch(url).set(viewer.auth).set('If-Match', '1').send({ title: 'x' }).expect(403);
    const { auth } = await signedIn(ctx);
    const { user: investigator } = await signedIn(ctx);
    expect((await request(ctx.app).patch(url).set(auth).send({ title: 'x' }).expect(428)).body.code).toBe(
      'precondition_required',
    );
    await request(ctx.app).patch(url).set(auth).set('If-Match', '1').send({ severity: 'enormous' }).expect(400);
    const blank = await request(ctx.app).patch(url).set(auth).set('If-Match', '1').send({ title: '   ' }).expect(400);
    expect(blank.body.errors).toEqual([{ field: 'title', message: 'Title must not be blank.' }]);
    const other = await makeArtifactRow(ctx, await makeWeirdnessDomain(ctx));
    await request(ctx.app).patch(url).set(auth).set('If-Match', '1').send({ artifactId: other.id }).expect(400);
    const res = await request(ctx.app)
      .patch(url)
      .set(auth)
      .set('If-Match', '1')
      .send({ title: 'Renamed', investigatorId: investigator.id, severity: 'low' })
      .expect(200);
    expect(res.body).toMatchObject({
      title: 'Renamed',
      severity: 'low',
      version: 2,
      investigator: { id: investigator.id },
    });
    expect(await repo().findOneByOrFail({ id: investigation.id })).toMatchObject({
      title: 'Renamed',
      investigatorId: investigator.id,
      version: 2,
    });
    expect(
      await ctx.dataSource.getRepository(Notification).countBy({ kind: 'assigned', userId: investigator.id }),
    ).toBe(1);
    const stale = await request(ctx.app).patch(url).set(auth).set('If-Match', '1').send({ title: 'Again' }).expect(412);
    expect(stale.body.code).toBe('version_conflict');
    expect((await repo().findOneByOrFail({ id: investigation.id })).title).toBe('Renamed');
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'investigation.update', domainId: domain.id }),
    ).toBe(1);
  });
});
