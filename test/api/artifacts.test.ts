import request from 'supertest';
import type { ArtifactView } from '../../shared/api/tickets';
import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { addCaveat } from '../../server/modules/artifacts/artifacts.service';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { makeArtifact, makeCaveat } from '../factories/artifacts';
import { makeDomain } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const artifacts = () => ctx.dataSource.getRepository(Artifact);
const caveats = () => ctx.dataSource.getRepository(Caveat);
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('POST /domains/:key/artifacts', () => {
  it('401, 403 for a viewer, 404 for an unknown domain, 400 per invalid field; nothing written', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    const body = { type: 'metric', name: 'Weekly retention' };
    await request(ctx.app).post('/api/v1/domains/RET/artifacts').send(body).expect(401);
    await request(ctx.app).post('/api/v1/domains/RET/artifacts').set(viewer.auth).send(body).expect(403);
    await request(ctx.app).post('/api/v1/domains/NOPE/artifacts').set(member.auth).send(body).expect(404);
    const bad = await request(ctx.app)
      .post('/api/v1/domains/RET/artifacts')
      .set(member.auth)
      .send({ type: 'chart', name: ' ', status: 'final', details: 'x', ownerId: 'me' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'details',
      'name',
      'ownerId',
      'status',
      'type',
    ]);
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'metric', name: 'm', details: { location: 's3://x' } }, 'details.location'],
      [{ type: 'metric', name: 'm', details: { grain: 5 } }, 'details.grain'],
      [{ type: 'analysis', name: 'a', details: { link: 'javascript:alert(1)' } }, 'details.link'],
      [{ type: 'metric', name: 'm', ownerId: MISSING }, 'ownerId'],
    ];
    for (const [payload, field] of cases) {
      const res = await request(ctx.app)
        .post('/api/v1/domains/RET/artifacts')
        .set(member.auth)
        .send(payload)
        .expect(400);
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    }
    expect(await artifacts().count()).toBe(0);
  });

  it('creates an artifact owned by its creator, details trimmed to the type, audited on the domain', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', lastActivityAt: new Date('2026-01-01T00:00:00Z') });
    const { auth, user } = await signedIn(ctx);
    ctx.setNow(new Date('2026-11-20T10:00:00Z'));
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/artifacts')
      .set(auth)
      .send({
        type: 'metric',
        name: ' Weekly retention ',
        description: 'Share of users back',
        details: { definition: ' active in week N+1 ', formula: '', grain: 'week' },
      })
      .expect(201);
    expect(res.headers.location).toBe(`/api/v1/artifacts/${res.body.id}`);
    expect(res.body).toMatchObject({
      domainKey: 'RET',
      type: 'metric',
      name: 'Weekly retention',
      status: 'draft',
      description: 'Share of users back',
      details: { definition: 'active in week N+1', grain: 'week' },
      owner: { id: user.id, name: user.name, email: user.email },
      caveats: [],
      version: 1,
      createdAt: '2026-11-20T10:00:00.000Z',
      can: { edit: true },
    });
    const stored = await artifacts().findOneByOrFail({ id: res.body.id });
    expect(stored).toMatchObject({
      domainId: domain.id,
      ownerId: user.id,
      details: { definition: 'active in week N+1', grain: 'week' },
    });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'artifact.create' });
    expect(audit).toMatchObject({ entityId: stored.id, domainId: domain.id, actorId: user.id });
    expect(
      (await ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id })).lastActivityAt.toISOString(),
    ).toBe('2026-11-20T10:00:00.000Z');
    const unowned = await request(ctx.app)
      .post('/api/v1/domains/RET/artifacts')
      .set(auth)
      .send({
        type: 'analysis',
        name: 'Cohorts',
        status: 'ready',
        ownerId: null,
        details: { link: 'https://notebooks.example/cohorts', question: 'Who stays?' },
      })
      .expect(201);
    expect(unowned.body).toMatchObject({
      owner: null,
      status: 'ready',
      details: { link: 'https://notebooks.example/cohorts' },
    });
  });
});

describe('GET /domains/:key/artifacts', () => {
  it('401, 404, 400; filters by type, status and text; pages by name; caveats on every item', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const other = await makeDomain(ctx, { key: 'OTH' });
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains/RET/artifacts').expect(401);
    await request(ctx.app).get('/api/v1/domains/NOPE/artifacts').set(auth).expect(404);
    await request(ctx.app).get('/api/v1/domains/RET/artifacts').set(auth).query({ type: 'chart' }).expect(400);
    await request(ctx.app).get('/api/v1/domains/RET/artifacts').set(auth).query({ cursor: 'x' }).expect(400);
    const retention = await makeArtifact(ctx, { domain, type: 'metric', name: 'Retention', status: 'ready' });
    await makeArtifact(ctx, {
      domain,
      type: 'dataset',
      name: 'Events',
      status: 'draft',
      description: 'raw retention events',
    });
    await makeArtifact(ctx, { domain, type: 'analysis', name: 'Cohorts', status: 'deprecated' });
    await makeArtifact(ctx, { domain, type: 'metric', name: 'Activation', status: 'draft' });
    await makeArtifact(ctx, { domain: other, name: 'Retention elsewhere' });
    const author = await makeUser(ctx.dataSource);
    await makeCaveat(ctx, retention, {
      text: 'Dips every Dec 25',
      authorId: author.id,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    await makeCaveat(ctx, retention, { text: 'Excludes test accounts', createdAt: new Date('2026-02-01T00:00:00Z') });
    const names = async (query: Record<string, string | number>) =>
      (await request(ctx.app).get('/api/v1/domains/RET/artifacts').set(auth).query(query).expect(200)).body.items.map(
        (a: ArtifactView) => a.name,
      );
    expect(await names({})).toEqual(['Activation', 'Cohorts', 'Events', 'Retention']);
    expect(await names({ type: 'metric' })).toEqual(['Activation', 'Retention']);
    expect(await names({ status: 'ready' })).toEqual(['Retention']);
    expect(await names({ q: 'retention' })).toEqual(['Events', 'Retention']);
    const full = await request(ctx.app).get('/api/v1/domains/RET/artifacts').set(auth).expect(200);
    expect(full.body.total).toBe(4);
    const shown = full.body.items.find((a: ArtifactView) => a.name === 'Retention');
    expect(shown.caveats).toEqual([
      {
        id: expect.any(String),
        text: 'Dips every Dec 25',
        recurrence: null,
        investigationId: null,
        author: { id: author.id, name: author.name, email: author.email },
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      expect.objectContaining({ text: 'Excludes test accounts', author: null }),
    ]);
    expect(shown.can).toEqual({ edit: false });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(ctx.app)
        .get('/api/v1/domains/RET/artifacts')
        .set(auth)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...page.body.items.map((a: ArtifactView) => a.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Activation', 'Cohorts', 'Events', 'Retention']);
  });
});

describe('GET and PATCH /artifacts/:id', () => {
  it('GET: 401, 404 for unknown or malformed ids, the view with caveats', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const artifact = await makeArtifact(ctx, { domain });
    await makeCaveat(ctx, artifact);
    const { auth } = await signedIn(ctx);
    await request(ctx.app).get(`/api/v1/artifacts/${artifact.id}`).expect(401);
    await request(ctx.app).get(`/api/v1/artifacts/${MISSING}`).set(auth).expect(404);
    await request(ctx.app).get('/api/v1/artifacts/nope').set(auth).expect(404);
    const res = await request(ctx.app).get(`/api/v1/artifacts/${artifact.id}`).set(auth).expect(200);
    expect(res.body).toMatchObject({
      id: artifact.id,
      domainKey: 'RET',
      caveats: [expect.objectContaining({ text: 'Dips every Dec 25: real behaviour' })],
      can: { edit: true },
    });
  });

  it('PATCH: 401, 403, 400, 404, 428 without a version, 412 on a stale one; nothing changes', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const artifact = await makeArtifact(ctx, { domain, type: 'dataset', name: 'Events' });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    const url = `/api/v1/artifacts/${artifact.id}`;
    await request(ctx.app).patch(url).set('If-Match', '1').send({ status: 'ready' }).expect(401);
    await request(ctx.app).patch(url).set(viewer.auth).set('If-Match', '1').send({ status: 'ready' }).expect(403);
    const bad = await request(ctx.app)
      .patch(url)
      .set(member.auth)
      .set('If-Match', '1')
      .send({ status: 'gone', name: null, type: 'metric' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'status', 'type']);
    await request(ctx.app)
      .patch(url)
      .set(member.auth)
      .set('If-Match', '1')
      .send({ details: { definition: 'x' } })
      .expect(400);
    await request(ctx.app)
      .patch(`/api/v1/artifacts/${MISSING}`)
      .set(member.auth)
      .set('If-Match', '1')
      .send({ status: 'ready' })
      .expect(404);
    const missing = await request(ctx.app).patch(url).set(member.auth).send({ status: 'ready' }).expect(428);
    expect(missing.body.code).toBe('precondition_required');
    const stale = await request(ctx.app)
      .patch(url)
      .set(member.auth)
      .set('If-Match', '7')
      .send({ status: 'ready' })
      .expect(412);
    expect(stale.body.code).toBe('version_conflict');
    expect(await artifacts().findOneByOrFail({ id: artifact.id })).toMatchObject({ status: 'draft', version: 1 });
  });

  it('PATCH: updates status, details and owner at the right version, audited with before and after', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const artifact = await makeArtifact(ctx, {
      domain,
      type: 'dataset',
      name: 'Events',
      details: { location: 's3://old' },
    });
    const { auth, user } = await signedIn(ctx);
    const owner = await makeUser(ctx.dataSource);
    const res = await request(ctx.app)
      .patch(`/api/v1/artifacts/${artifact.id}`)
      .set(auth)
      .set('If-Match', '1')
      .send({ status: 'ready', details: { location: 's3://events', refresh: 'daily' }, ownerId: owner.id })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      details: { location: 's3://events', refresh: 'daily' },
      owner: { id: owner.id },
      version: 2,
    });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'artifact.update' });
    expect(audit).toMatchObject({ entityId: artifact.id, domainId: domain.id, actorId: user.id });
    expect(audit.before).toMatchObject({ status: 'draft', details: { location: 's3://old' } });
    expect(audit.after).toMatchObject({ status: 'ready', ownerId: owner.id });
    await request(ctx.app)
      .patch(`/api/v1/artifacts/${artifact.id}`)
      .set(auth)
      .send({ version: 2, status: 'deprecated' })
      .expect(200);
    expect(await artifacts().findOneByOrFail({ id: artifact.id })).toMatchObject({ status: 'deprecated', version: 3 });
  });
});

describe('caveats', () => {
  it('POST: 401, 403, 400, 404; adds a caveat shown with the artifact, audited on its domain', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const artifact = await makeArtifact(ctx, { domain });
    const viewer = await signedIn(ctx, 'viewer');
    const { auth, user } = await signedIn(ctx);
    const url = `/api/v1/artifacts/${artifact.id}/caveats`;
    await request(ctx.app).post(url).send({ text: 'x' }).expect(401);
    await request(ctx.app).post(url).set(viewer.auth).send({ text: 'x' }).expect(403);
    for (const body of [
      {},
      { text: '' },
      { text: '   ' },
      { text: 'x'.repeat(2001) },
      { text: 'ok', investigationId: 1 },
    ]) {
      await request(ctx.app).post(url).set(auth).send(body).expect(400);
    }
    await request(ctx.app).post(`/api/v1/artifacts/${MISSING}/caveats`).set(auth).send({ text: 'x' }).expect(404);
    expect(await caveats().count()).toBe(0);

    ctx.setNow(new Date('2026-11-20T10:00:00Z'));
    const res = await request(ctx.app)
      .post(url)
      .set(auth)
      .send({ text: ' Weekly retention dips every Dec 25: real behaviour ' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      text: 'Weekly retention dips every Dec 25: real behaviour',
      recurrence: null,
      investigationId: null,
      author: { id: user.id, name: user.name, email: user.email },
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    expect(await caveats().findOneByOrFail({ id: res.body.id })).toMatchObject({
      artifactId: artifact.id,
      authorId: user.id,
    });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'caveat.create' });
    expect(audit).toMatchObject({ entityId: res.body.id, domainId: domain.id });
    const shown = await request(ctx.app).get(`/api/v1/artifacts/${artifact.id}`).set(viewer.auth).expect(200);
    expect(shown.body.caveats).toEqual([res.body]);
    const listed = await request(ctx.app).get(url).set(viewer.auth).expect(200);
    expect(listed.body).toEqual([res.body]);
    await request(ctx.app).get(url).expect(401);
    await request(ctx.app).get(`/api/v1/artifacts/${MISSING}/caveats`).set(viewer.auth).expect(404);
  });

  it('addCaveat records a caveat from an investigation in the caller transaction', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const artifact = await makeArtifact(ctx, { domain });
    const { user } = await signedIn(ctx);
    const view = await ctx.dataSource.transaction((tx) =>
      addCaveat(
        tx,
        { user, requestId: null, via: 'token' },
        artifact.id,
        'Definition counts trials',
        42,
        new Date('2026-11-01T00:00:00Z'),
      ),
    );
    expect(view).toMatchObject({ text: 'Definition counts trials', investigationId: 42, author: { id: user.id } });
    expect(await caveats().findOneByOrFail({ id: view.id })).toMatchObject({
      investigationId: 42,
      artifactId: artifact.id,
    });
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'caveat.create', domainId: domain.id }),
    ).toBe(1);
  });
});

describe('caveats with a recurrence', () => {
  it('stores a valid recurrence and refuses a malformed one field by field', async () => {
    const domain = await makeDomain(ctx, { key: 'REC' });
    const artifact = await makeArtifact(ctx, { domain });
    const { auth } = await signedIn(ctx, 'member');
    const url = `/api/v1/artifacts/${artifact.id}/caveats`;
    const ok = await request(ctx.app)
      .post(url)
      .set(auth)
      .send({ text: 'Dips every Dec 25', recurrence: { kind: 'yearly', month: 12, day: 25 } })
      .expect(201);
    expect(ok.body.recurrence).toEqual({ kind: 'yearly', month: 12, day: 25 });
    const bad = [
      [{ kind: 'yearly', month: 2, day: 30 }, 'recurrence.day'],
      [{ kind: 'weekday', weekday: 7 }, 'recurrence.weekday'],
      [{ kind: 'range', from: '2026-03-07', to: '2026-03-01' }, 'recurrence.to'],
      [{ kind: 'hourly' }, 'recurrence.kind'],
      [{ kind: 'dayOfMonth', day: 1, month: 2 }, 'recurrence.month'],
    ] as const;
    for (const [recurrence, field] of bad) {
      const res = await request(ctx.app).post(url).set(auth).send({ text: 'x', recurrence }).expect(400);
      expect(res.body.errors[0].field).toBe(field);
    }
  });
});
