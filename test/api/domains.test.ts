import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { DomainMember } from '../../server/modules/domains/domain-member.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { addMember, makeDomain, makeDomainUser, makeInvestigationRow, makeTicketRow } from '../factories/domains';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const domains = () => ctx.dataSource.getRepository(Domain);
const NOW = new Date('2026-06-17T12:00:00Z'); // a Wednesday

describe('POST /domains', () => {
  it('creates a domain in specs, makes the creator its ds_lead, and audits it', async () => {
    ctx.setNow(NOW);
    const { user, auth } = await signedIn(ctx, 'member');
    const res = await request(ctx.app)
      .post('/api/v1/domains')
      .set(auth)
      .send({ key: 'RET', name: 'Retention', description: 'Weekly retention' })
      .expect(201);
    expect(res.body).toMatchObject({
      key: 'RET',
      name: 'Retention',
      stage: 'specs',
      phaseEnteredAt: NOW.toISOString(),
      daysInPhase: 0,
      held: false,
      autoAdvance: false,
      gateStatus: 'blocked',
      oddity: [0, 0, 0, 0, 0, 0, 0, 0],
      members: [{ user: { id: user.id }, role: 'ds_lead' }],
      leads: [{ user: { id: user.id }, role: 'ds_lead' }],
      version: 1,
    });
    expect(res.body.can).toMatchObject({
      edit: true,
      manageMembers: true,
      advance: false,
      sign: true,
      waive: false,
      reportInvestigation: false,
    });
    const row = await domains().findOneByOrFail({ key: 'RET' });
    expect(row).toMatchObject({ stage: 'specs', gateRound: 1 });
    expect(await ctx.dataSource.getRepository(DomainMember).findBy({ domainId: row.id })).toMatchObject([
      { userId: user.id, role: 'ds_lead' },
    ]);
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'domain.create', domainId: row.id, actorId: user.id }),
    ).toBe(1);
  });

  it('a duplicate key is 409; a bad key or body is 400 with one entry per field', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'RET', name: 'Retention' }).expect(201);
    const dup = await request(ctx.app)
      .post('/api/v1/domains')
      .set(auth)
      .send({ key: 'RET', name: 'Again' })
      .expect(409);
    expect(dup.body.code).toBe('unique_violation');
    const bad = await request(ctx.app)
      .post('/api/v1/domains')
      .set(auth)
      .send({ key: 'r', name: '', autoAdvance: 'yes', stage: 'certified' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'autoAdvance',
      'key',
      'name',
      'stage',
    ]);
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'ret', name: 'lower' }).expect(400);
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'TOOLONGKEY1', name: 'x' }).expect(400);
    expect(await domains().count()).toBe(1);
  });

  it('viewers may not create (403); 401 without a user', async () => {
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'RET', name: 'Retention' }).expect(403);
    await request(ctx.app).post('/api/v1/domains').send({ key: 'RET', name: 'Retention' }).expect(401);
    expect(await domains().count()).toBe(0);
  });
});

describe('GET /domains', () => {
  it('lists summaries with leads, open counts, the oddity sparkline and gate status', async () => {
    ctx.setNow(NOW);
    const ret = await makeDomain(ctx, {
      key: 'RET',
      name: 'Retention',
      stage: 'weirdness',
      phaseEnteredAt: new Date('2026-06-01T12:00:00Z'),
    });
    const lead = await makeDomainUser(ctx, ret, ['ds_lead', 'contributor']);
    await makeDomainUser(ctx, ret, ['contributor']);
    await makeTicketRow(ctx, ret, { status: 'open' });
    await makeTicketRow(ctx, ret, { status: 'blocked' });
    await makeTicketRow(ctx, ret, { status: 'done' });
    await makeInvestigationRow(ctx, ret, { reportedAt: new Date('2026-06-15T09:00:00Z'), status: 'reported' }); // this week (Mon 15th)
    await makeInvestigationRow(ctx, ret, { reportedAt: new Date('2026-06-14T09:00:00Z'), status: 'resolved' }); // last week
    await makeInvestigationRow(ctx, ret, { reportedAt: new Date('2026-06-13T09:00:00Z'), status: 'resolved' }); // last week
    await makeInvestigationRow(ctx, ret, { reportedAt: new Date('2026-04-27T09:00:00Z'), status: 'resolved' }); // 7 weeks ago
    await makeInvestigationRow(ctx, ret, { reportedAt: new Date('2026-04-20T09:00:00Z'), status: 'resolved' }); // too old
    await makeDomain(ctx, { key: 'BIL', name: 'Billing', stage: 'certified' });
    const { auth } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/domains').set(auth).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((d: { key: string }) => d.key)).toEqual(['BIL', 'RET']);
    expect(res.body.items[0]).toMatchObject({ stage: 'certified', gateStatus: 'none', leads: [], openTickets: 0 });
    expect(res.body.items[1]).toMatchObject({
      key: 'RET',
      daysInPhase: 16,
      openTickets: 2,
      openInvestigations: 1,
      gateStatus: 'blocked',
      oddity: [1, 0, 0, 0, 0, 0, 2, 1],
      leads: [{ user: { id: lead.user.id }, role: 'ds_lead' }],
    });
    expect(res.body.items[1]).not.toHaveProperty('can');
  });

  it('filters by stage, lead, text, atRisk, held and stalled', async () => {
    ctx.setNow(NOW);
    const old = new Date('2026-05-01T00:00:00Z');
    const ret = await makeDomain(ctx, {
      key: 'RET',
      name: 'Retention',
      description: 'weekly cohorts',
      stage: 'scoping',
      lastActivityAt: old,
    });
    await makeDomain(ctx, { key: 'BIL', name: 'Billing', stage: 'scoping', atRisk: true, lastActivityAt: NOW });
    await makeDomain(ctx, {
      key: 'GRO',
      name: 'Growth funnel',
      stage: 'specs',
      held: true,
      holdReason: 'x',
      lastActivityAt: old,
    });
    await makeDomain(ctx, { key: 'OLD', name: 'Legacy', stage: 'certified', lastActivityAt: old });
    const lead = await makeUser(ctx.dataSource);
    await addMember(ctx, ret, lead, 'product_lead');
    const { auth } = await signedIn(ctx, 'viewer');
    const keys = async (query: string) =>
      (await request(ctx.app).get(`/api/v1/domains?${query}`).set(auth).expect(200)).body.items.map(
        (d: { key: string }) => d.key,
      );
    expect(await keys('stage=scoping')).toEqual(['BIL', 'RET']);
    expect(await keys(`lead=${lead.id}`)).toEqual(['RET']);
    expect(await keys('q=cohort')).toEqual(['RET']);
    expect(await keys('q=gro')).toEqual(['GRO']);
    expect(await keys('q=%25')).toEqual([]);
    expect(await keys('atRisk=true')).toEqual(['BIL']);
    expect(await keys('atRisk=false')).toEqual(['GRO', 'OLD', 'RET']);
    expect(await keys('held=true')).toEqual(['GRO']);
    expect(await keys('stalled=true')).toEqual(['RET']);
    expect(await keys('stalled=false')).toEqual(['BIL', 'GRO', 'OLD']);
    // a domain's own stall threshold
    await ctx.dataSource.query(`UPDATE domain SET thresholds = '{"stallDays": 60}' WHERE key = 'RET'`);
    expect(await keys('stalled=true')).toEqual([]);
    const summary = await request(ctx.app).get('/api/v1/domains?q=retention').set(auth).expect(200);
    expect(summary.body.items[0].stalled).toBe(false);
  });

  it('sort=attention puts at-risk, then stalled domains first, each group by name, and pages', async () => {
    ctx.setNow(NOW);
    const old = new Date('2026-05-01T00:00:00Z');
    await makeDomain(ctx, { key: 'AAA', name: 'Alpha', lastActivityAt: NOW });
    await makeDomain(ctx, { key: 'ZST', name: 'Zulu stalled', lastActivityAt: old });
    await makeDomain(ctx, { key: 'YRK', name: 'Yankee at risk', atRisk: true, lastActivityAt: NOW });
    await makeDomain(ctx, { key: 'BST', name: 'Bravo stalled', lastActivityAt: old });
    await makeDomain(ctx, { key: 'CCC', name: 'Charlie', lastActivityAt: NOW });
    await makeDomain(ctx, { key: 'XBO', name: 'Xray both', atRisk: true, lastActivityAt: old });
    const { auth } = await signedIn(ctx, 'viewer');
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(ctx.app)
        .get('/api/v1/domains')
        .query({ sort: 'attention', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(auth)
        .expect(200);
      keys.push(...res.body.items.map((d: { key: string }) => d.key));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(keys).toEqual(['XBO', 'YRK', 'BST', 'ZST', 'AAA', 'CCC']);
  });

  it('sorts and pages with a keyset cursor', async () => {
    ctx.setNow(NOW);
    for (let i = 0; i < 7; i++) {
      await makeDomain(ctx, {
        key: `D${i}X`,
        name: `Name ${6 - i}`,
        phaseEnteredAt: new Date(NOW.getTime() - i * 86_400_000),
      });
    }
    const { auth } = await signedIn(ctx, 'viewer');
    const all = async (query: string) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await request(ctx.app)
          .get(`/api/v1/domains?limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth)
          .expect(200);
        expect(res.body.total).toBe(7);
        keys.push(...res.body.items.map((d: { key: string }) => d.key));
        cursor = res.body.nextCursor;
      } while (cursor);
      return keys;
    };
    const byKey = ['D0X', 'D1X', 'D2X', 'D3X', 'D4X', 'D5X', 'D6X'];
    expect(await all('sort=key')).toEqual(byKey);
    expect(await all('sort=-key')).toEqual([...byKey].reverse());
    expect(await all('sort=name')).toEqual([...byKey].reverse());
    expect(await all('sort=daysInPhase')).toEqual(byKey);
    expect(await all('sort=daysInPhase&order=desc')).toEqual([...byKey].reverse());
    expect((await all('sort=updatedAt')).sort()).toEqual(byKey);
  });

  it('400 for bad filters or cursor; 401 without a user', async () => {
    const { auth } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app)
      .get('/api/v1/domains?stage=nowhere&lead=x&atRisk=maybe&sort=size&limit=0')
      .set(auth)
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'atRisk',
      'lead',
      'limit',
      'sort',
      'stage',
    ]);
    await request(ctx.app).get('/api/v1/domains?cursor=abc').set(auth).expect(400);
    await request(ctx.app).get('/api/v1/domains').expect(401);
  });
});

describe('GET /domains/:key', () => {
  it('answers the view with members and can flags for the caller', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'handoff' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    const viewer = await signedIn(ctx, 'viewer');
    const admin = await signedIn(ctx, 'admin');
    const view = async (auth: Record<string, string>) =>
      (await request(ctx.app).get('/api/v1/domains/ret').set(auth).expect(200)).body;
    expect((await view(ds.auth)).can).toEqual({
      acknowledgeRisk: false,
      reconfirm: false,
      edit: true,
      manageMembers: true,
      advance: false,
      recycle: true,
      hold: true,
      resume: false,
      waive: false,
      sign: true,
      createTicket: true,
      createArtifact: true,
      reportInvestigation: true,
    });
    expect((await view(contributor.auth)).can).toMatchObject({
      edit: false,
      sign: false,
      createTicket: true,
      reportInvestigation: true,
      recycle: false,
    });
    expect((await view(viewer.auth)).can).toMatchObject({
      edit: false,
      createTicket: false,
      reportInvestigation: false,
    });
    expect((await view(admin.auth)).can).toMatchObject({ edit: true, waive: true, sign: false });
    expect((await view(ds.auth)).members).toHaveLength(2);
  });

  it('404 for an unknown or malformed key; 401 without a user', async () => {
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains/NOPE').set(auth).expect(404);
    await request(ctx.app).get('/api/v1/domains/n-o').set(auth).expect(404);
    await request(ctx.app).get('/api/v1/domains/NOPE').expect(401);
  });
});

describe('PATCH /domains/:key', () => {
  it('updates with If-Match; a stale version is 412, no version 428', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', name: 'Retention' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const res = await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(ds.auth)
      .set('If-Match', '1')
      .send({ name: 'Retention v2', autoAdvance: true })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Retention v2', autoAdvance: true, version: 2 });
    const stale = await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(ds.auth)
      .set('If-Match', '1')
      .send({ name: 'Lost update' })
      .expect(412);
    expect(stale.body.code).toBe('version_conflict');
    const missing = await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(ds.auth)
      .send({ name: 'No version' })
      .expect(428);
    expect(missing.body.code).toBe('precondition_required');
    await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(ds.auth)
      .send({ name: 'Body version', version: 2 })
      .expect(200);
    expect(await domains().findOneByOrFail({ id: domain.id })).toMatchObject({ name: 'Body version', version: 3 });
    const audit = await ctx.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'domain.update', domainId: domain.id });
    expect(audit).toHaveLength(2);
  });

  it('thresholds overrides are admin-only; leads edit the rest; others get 403', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(ds.auth)
      .set('If-Match', '1')
      .send({ thresholds: { minStakeholders: 3 } })
      .expect(403);
    await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(contributor.auth)
      .set('If-Match', '1')
      .send({ name: 'x' })
      .expect(403);
    await request(ctx.app).patch('/api/v1/domains/RET').set('If-Match', '1').send({ name: 'x' }).expect(401);
    const res = await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(admin.auth)
      .set('If-Match', '1')
      .send({ thresholds: { minStakeholders: 3 } })
      .expect(200);
    expect(res.body.thresholds).toEqual({ minStakeholders: 3 });
    expect((await domains().findOneByOrFail({ id: domain.id })).thresholds).toEqual({ minStakeholders: 3 });
    const gate = await request(ctx.app).get('/api/v1/domains/RET/gate').set(ds.auth).expect(200);
    expect(gate.body.criteria[1]).toMatchObject({ key: 'stakeholders_recorded', threshold: '>= 3' });
  });

  it('400 for bad bodies and a malformed If-Match, and nothing changes', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', name: 'Retention' });
    const admin = await signedIn(ctx, 'admin');
    const bad = await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(admin.auth)
      .set('If-Match', '1')
      .send({ name: '', thresholds: { minStakeholders: -1, stallDays: 0, bogus: 1 }, key: 'NEW' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'key',
      'name',
      'thresholds.bogus',
      'thresholds.minStakeholders',
      'thresholds.stallDays',
    ]);
    await request(ctx.app)
      .patch('/api/v1/domains/RET')
      .set(admin.auth)
      .set('If-Match', 'abc')
      .send({ name: 'x' })
      .expect(400);
    expect(await domains().findOneByOrFail({ id: domain.id })).toMatchObject({ name: 'Retention', version: 1 });
  });
});

describe('members', () => {
  it("PUT replaces a user's roles, GET lists them, DELETE removes them; each audited", async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const other = await makeUser(ctx.dataSource, { name: 'Priya' });
    const put = await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(ds.auth)
      .send({ roles: ['product_lead', 'contributor'] })
      .expect(200);
    expect(put.body).toEqual(
      expect.arrayContaining([
        { user: { id: other.id, name: 'Priya', email: other.email }, role: 'product_lead' },
        { user: { id: other.id, name: 'Priya', email: other.email }, role: 'contributor' },
      ]),
    );
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(ds.auth)
      .send({ roles: ['sponsor'] })
      .expect(200);
    const list = await request(ctx.app).get('/api/v1/domains/RET/members').set(ds.auth).expect(200);
    expect(
      list.body.filter((m: { user: { id: string } }) => m.user.id === other.id).map((m: { role: string }) => m.role),
    ).toEqual(['sponsor']);
    await request(ctx.app).delete(`/api/v1/domains/RET/members/${other.id}`).set(ds.auth).expect(204);
    expect(await ctx.dataSource.getRepository(DomainMember).countBy({ domainId: domain.id, userId: other.id })).toBe(0);
    await request(ctx.app).delete(`/api/v1/domains/RET/members/${other.id}`).set(ds.auth).expect(404);
    const actions = (
      await ctx.dataSource.getRepository(AuditEvent).find({ where: { domainId: domain.id }, order: { id: 'ASC' } })
    ).map((a) => a.action);
    expect(actions).toEqual(['domain.member.set', 'domain.member.set', 'domain.member.remove']);
  });

  it('leads and admins only (403); bad roles 400; unknown user 404; 401 without a user', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    const admin = await signedIn(ctx, 'admin');
    const other = await makeUser(ctx.dataSource);
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(contributor.auth)
      .send({ roles: ['ds_lead'] })
      .expect(403);
    await request(ctx.app)
      .delete(`/api/v1/domains/RET/members/${contributor.user.id}`)
      .set(contributor.auth)
      .expect(403);
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .send({ roles: ['ds_lead'] })
      .expect(401);
    await request(ctx.app).get('/api/v1/domains/RET/members').expect(401);
    const bad = await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(admin.auth)
      .send({ roles: ['king'] })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('roles');
    await request(ctx.app).put(`/api/v1/domains/RET/members/${other.id}`).set(admin.auth).send({}).expect(400);
    await request(ctx.app)
      .put('/api/v1/domains/RET/members/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .send({ roles: ['ds_lead'] })
      .expect(404);
    await request(ctx.app)
      .put('/api/v1/domains/RET/members/nope')
      .set(admin.auth)
      .send({ roles: ['ds_lead'] })
      .expect(404);
    expect(await ctx.dataSource.getRepository(DomainMember).countBy({ domainId: domain.id })).toBe(1);
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(admin.auth)
      .send({ roles: ['ds_lead'] })
      .expect(200);
  });
});

describe('sign-off requests for new role holders', () => {
  it('a member given a role the current gate needs is asked for their sign-off', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping', gateRound: 2 });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const other = await makeUser(ctx.dataSource);
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(ds.auth)
      .send({ roles: ['contributor'] })
      .expect(200);
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: other.id })).toBe(0);
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${other.id}`)
      .set(ds.auth)
      .send({ roles: ['contributor', 'product_lead'] })
      .expect(200);
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ userId: other.id });
    expect(notes).toMatchObject([{ kind: 'signoff_requested', domainId: domain.id, entityId: 'RET' }]);
    expect(notes[0].message).toMatch(/product lead.*round 2/);
  });
});

describe('GET /domains/:key/events', () => {
  it("is the domain's timeline, oldest first, with a sentence per event, paginated", async () => {
    const { auth } = await signedIn(ctx, 'member', { name: 'Dana' });
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'RET', name: 'Retention' }).expect(201);
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'BIL', name: 'Billing' }).expect(201);
    await request(ctx.app).post('/api/v1/domains/RET/hold').set(auth).send({ reason: 'Reorg' }).expect(200);
    await request(ctx.app).post('/api/v1/domains/RET/resume').set(auth).send({}).expect(200);
    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(auth)
      .send({ decision: 'reject', comment: 'Too early' })
      .expect(201);
    const res = await request(ctx.app).get('/api/v1/domains/RET/events').set(auth).expect(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'domain.create',
      'domain.hold',
      'domain.resume',
      'signoff.create',
    ]);
    expect(res.body.items.map((e: { summary: string }) => e.summary)).toEqual([
      'Dana created the domain RET',
      'Dana put the domain on hold: Reorg',
      'Dana resumed the domain',
      'Dana rejected the Gathering specs gate as data science lead (round 1): Too early',
    ]);
    expect(res.body.items[0]).toMatchObject({ actorName: 'Dana', entityType: 'domain' });
    const first = await request(ctx.app).get('/api/v1/domains/RET/events?limit=3').set(auth).expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await request(ctx.app)
      .get(`/api/v1/domains/RET/events?limit=3&cursor=${first.body.nextCursor}`)
      .set(auth)
      .expect(200);
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual(['signoff.create']);
    expect(second.body.nextCursor).toBeNull();
    const desc = await request(ctx.app).get('/api/v1/domains/RET/events?order=desc').set(auth).expect(200);
    expect(desc.body.items[0].action).toBe('signoff.create');
  });

  it('filters by kind, counting only that kind, and links each entry to what it names', async () => {
    const { auth } = await signedIn(ctx, 'member', { name: 'Dana' });
    await request(ctx.app).post('/api/v1/domains').set(auth).send({ key: 'RET', name: 'Retention' }).expect(201);
    const ticket = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'problem', title: 'Two churn numbers', phase: 'specs' })
      .expect(201);
    await request(ctx.app)
      .post(`/api/v1/tickets/${ticket.body.key}/comments`)
      .set(auth)
      .send({ body: 'Finance counts trials' })
      .expect(201);
    await request(ctx.app).post('/api/v1/domains/RET/hold').set(auth).send({ reason: 'Reorg' }).expect(200);

    const tickets = await request(ctx.app).get('/api/v1/domains/RET/events?kind=tickets').set(auth).expect(200);
    expect(tickets.body.total).toBe(1);
    expect(tickets.body.items).toEqual([
      expect.objectContaining({
        action: 'ticket.create',
        kind: 'tickets',
        link: { to: 'ticket', ref: ticket.body.key },
      }),
    ]);
    const comments = await request(ctx.app).get('/api/v1/domains/RET/events?kind=comments').set(auth).expect(200);
    expect(comments.body.items.map((e: { link: unknown }) => e.link)).toEqual([{ to: 'ticket', ref: ticket.body.key }]);
    const lifecycle = await request(ctx.app)
      .get('/api/v1/domains/RET/events?kind=lifecycle&order=desc')
      .set(auth)
      .expect(200);
    expect(lifecycle.body.items.map((e: { action: string }) => e.action)).toEqual(['domain.hold', 'domain.create']);
    expect(lifecycle.body.items[0].link).toEqual({ to: 'gate' });

    const bad = await request(ctx.app).get('/api/v1/domains/RET/events?kind=everything').set(auth).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it("summarizes the other modules' actions in words", async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const { user, auth } = await signedIn(ctx, 'viewer', { name: 'Lee' });
    const events = ctx.dataSource.getRepository(AuditEvent);
    const base = { actorId: user.id, domainId: domain.id, requestId: null };
    await events.insert([
      {
        ...base,
        action: 'ticket.create',
        entityType: 'ticket',
        entityId: 'x',
        after: { key: 'RET-1', title: 'Define churn' },
      },
      {
        ...base,
        action: 'ticket.update',
        entityType: 'ticket',
        entityId: 'x',
        before: { key: 'RET-1', status: 'open' },
        after: { key: 'RET-1', status: 'done' },
      },
      {
        ...base,
        action: 'investigation.triaged',
        entityType: 'investigation',
        entityId: '7',
        after: { title: 'Sunday dip' },
      },
      { ...base, action: 'something.new', entityType: 'x', entityId: 'x', after: { name: 'Thing' } },
    ]);
    const res = await request(ctx.app).get('/api/v1/domains/RET/events').set(auth).expect(200);
    expect(res.body.items.map((e: { summary: string }) => e.summary)).toEqual([
      'Lee created RET-1 "Define churn"',
      'Lee moved RET-1 from open to done',
      'Lee triaged investigation #7 "Sunday dip"',
      'Lee: something new (Thing)',
    ]);
  });

  it('401 without a user; 404 unknown domain; 400 bad query', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains/RET/events').expect(401);
    await request(ctx.app).get('/api/v1/domains/NOPE/events').set(auth).expect(404);
    await request(ctx.app).get('/api/v1/domains/RET/events?order=sideways').set(auth).expect(400);
    await request(ctx.app).get('/api/v1/domains/RET/events?cursor=zzz').set(auth).expect(400);
  });
});
