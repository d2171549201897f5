import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { makeArtifact } from '../factories/artifacts';
import { makeDomain, makeTicket, race } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const tickets = () => ctx.dataSource.getRepository(Ticket);
const domains = () => ctx.dataSource.getRepository(Domain);

describe('POST /domains/:key/tickets', () => {
  it('401 without auth, 403 for a viewer, 404 for an unknown domain; nothing is written', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx, 'member');
    const body = { kind: 'task', title: 'Count churned users' };
    await request(ctx.app).post('/api/v1/domains/RET/tickets').send(body).expect(401);
    const forbidden = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(viewer.auth)
      .send(body)
      .expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    await request(ctx.app).post('/api/v1/domains/NOPE/tickets').set(member.auth).send(body).expect(404);
    await request(ctx.app).post('/api/v1/domains/bad-key!/tickets').set(member.auth).send(body).expect(404);
    expect(await tickets().count()).toBe(0);
    expect((await domains().findOneByOrFail({ id: domain.id })).ticketSeq).toBe(0);
  });

  it('400 with one entry per invalid field, and nothing is written', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const { auth } = await signedIn(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({
        kind: 'bug',
        title: '   ',
        priority: 'urgent',
        status: 'closed',
        phase: 'nowhere',
        dueDate: '2026-02-30',
        labels: Array.from({ length: 21 }, (_, i) => `l${i}`),
        artifactIds: ['nope'],
        extra: 1,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const fields = [...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort();
    expect(fields).toEqual([
      'artifactIds',
      'dueDate',
      'extra',
      'kind',
      'labels',
      'phase',
      'priority',
      'status',
      'title',
    ]);
    const long = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'task', title: 'x', labels: ['y'.repeat(41)] })
      .expect(400);
    expect(long.body.errors[0].field).toBe('labels');
    await request(ctx.app).post('/api/v1/domains/RET/tickets').set(auth).send({ title: 'no kind' }).expect(400);
    expect(await tickets().count()).toBe(0);
  });

  it('creates RET-1 with defaults from the domain, audits it and touches the domain', async () => {
    const domain = await makeDomain(ctx, {
      key: 'RET',
      stage: 'scoping',
      lastActivityAt: new Date('2026-01-01T00:00:00Z'),
    });
    const { auth, user } = await signedIn(ctx);
    const now = new Date('2026-11-20T10:00:00Z');
    ctx.setNow(now);
    const res = await request(ctx.app)
      .post('/api/v1/domains/ret/tickets')
      .set(auth)
      .send({
        kind: 'exploration',
        title: '  Explore churn  ',
        body: '# Why\n*markdown*',
        labels: ['churn', ' churn ', 'q4'],
        dueDate: '2026-12-31',
      })
      .expect(201);
    expect(res.headers.location).toBe('/api/v1/tickets/RET-1');
    expect(res.body).toMatchObject({
      key: 'RET-1',
      domainKey: 'RET',
      kind: 'exploration',
      title: 'Explore churn',
      body: '# Why\n*markdown*',
      phase: 'scoping',
      status: 'open',
      priority: 'medium',
      assignee: null,
      reporter: { id: user.id, name: user.name, email: user.email },
      dueDate: '2026-12-31',
      labels: ['churn', 'q4'],
      artifactIds: [],
      investigationId: null,
      commentCount: 0,
      version: 1,
      createdAt: now.toISOString(),
      can: { edit: true, comment: true },
    });
    const stored = await tickets().findOneByOrFail({ key: 'RET-1' });
    expect(stored).toMatchObject({ domainId: domain.id, number: 1, reporterId: user.id, dueDate: '2026-12-31' });
    const after = await domains().findOneByOrFail({ id: domain.id });
    expect(after.ticketSeq).toBe(1);
    expect(after.version).toBe(domain.version);
    expect(after.lastActivityAt.toISOString()).toBe(now.toISOString());
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'ticket.create' });
    expect(audit).toMatchObject({ entityType: 'ticket', entityId: stored.id, domainId: domain.id, actorId: user.id });
    expect(audit.after).toMatchObject({ key: 'RET-1', title: 'Explore churn' });
  });

  it('a certified domain files new tickets under confidence; an explicit phase wins', async () => {
    await makeDomain(ctx, { key: 'CRT', stage: 'certified' });
    const { auth } = await signedIn(ctx, 'admin');
    const first = await request(ctx.app)
      .post('/api/v1/domains/CRT/tickets')
      .set(auth)
      .send({ kind: 'task', title: 'a' })
      .expect(201);
    expect(first.body.phase).toBe('confidence');
    const second = await request(ctx.app)
      .post('/api/v1/domains/CRT/tickets')
      .set(auth)
      .send({ kind: 'problem', title: 'b', phase: 'specs', priority: 'high', status: 'blocked' })
      .expect(201);
    expect(second.body).toMatchObject({ key: 'CRT-2', phase: 'specs', priority: 'high', status: 'blocked' });
  });

  it('refuses an unknown or inactive assignee, artifacts or an investigation of another domain (400), writing nothing', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const other = await makeDomain(ctx, { key: 'OTH' });
    const { auth } = await signedIn(ctx);
    const inactive = await makeUser(ctx.dataSource, { active: false });
    const foreignArtifact = await makeArtifact(ctx, { domain: other });
    const foreignInvestigation = await ctx.dataSource
      .getRepository(Investigation)
      .save({ domainId: other.id, title: 'odd', observed: 'x' });
    const cases: [Record<string, unknown>, string][] = [
      [{ assigneeId: '00000000-0000-4000-8000-000000000000' }, 'assigneeId'],
      [{ assigneeId: inactive.id }, 'assigneeId'],
      [{ artifactIds: [foreignArtifact.id] }, 'artifactIds'],
      [{ investigationId: foreignInvestigation.id }, 'investigationId'],
      [{ investigationId: 999 }, 'investigationId'],
    ];
    for (const [extra, field] of cases) {
      const res = await request(ctx.app)
        .post('/api/v1/domains/RET/tickets')
        .set(auth)
        .send({ kind: 'task', title: 't', ...extra })
        .expect(400);
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    }
    expect(await tickets().count()).toBe(0);
    expect((await domains().findOneByOrFail({ id: domain.id })).ticketSeq).toBe(0);
  });

  it('links artifacts and an investigation of the same domain, and notifies the assignee', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'weirdness' });
    const { auth, user } = await signedIn(ctx);
    const assignee = await makeUser(ctx.dataSource);
    const artifact = await makeArtifact(ctx, { domain });
    const investigation = await ctx.dataSource
      .getRepository(Investigation)
      .save({ domainId: domain.id, title: 'odd', observed: 'x' });
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({
        kind: 'data_collection',
        title: 'Collect events',
        assigneeId: assignee.id,
        artifactIds: [artifact.id, artifact.id],
        investigationId: investigation.id,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      artifactIds: [artifact.id],
      investigationId: investigation.id,
      assignee: { id: assignee.id },
    });
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ userId: assignee.id });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'assigned', entityType: 'ticket', entityId: 'RET-1', domainId: domain.id });
    // assigning yourself notifies nobody
    await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'task', title: 'mine', assigneeId: user.id })
      .expect(201);
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: user.id })).toBe(0);
  });

  it('20 parallel creations get keys 1..20, no gap, no duplicate', async () => {
    const domain = await makeDomain(ctx, { key: 'PAR' });
    const { auth } = await signedIn(ctx);
    const responses = await race(20, (i) =>
      request(ctx.app)
        .post('/api/v1/domains/PAR/tickets')
        .set(auth)
        .send({ kind: 'task', title: `t${i}` }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const keys = responses
      .map((r) => r.body.key as string)
      .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `PAR-${i + 1}`));
    const numbers = (await tickets().findBy({ domainId: domain.id })).map((t) => t.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await domains().findOneByOrFail({ id: domain.id })).ticketSeq).toBe(20);
  });
});

describe('GET /tickets/:ticketKey', () => {
  it('401, 404 for unknown or malformed keys, and can flags per role', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain, title: 'Hello' });
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/tickets/RET-1').expect(401);
    await request(ctx.app).get('/api/v1/tickets/RET-2').set(viewer.auth).expect(404);
    await request(ctx.app).get('/api/v1/tickets/nonsense').set(viewer.auth).expect(404);
    const res = await request(ctx.app).get('/api/v1/tickets/ret-1').set(viewer.auth).expect(200);
    expect(res.body).toMatchObject({ key: 'RET-1', title: 'Hello', can: { edit: false, comment: false } });
  });
});
