import crypto from 'node:crypto';
import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Waiver } from '../../server/modules/gates/waiver.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { makeArtifact } from '../factories/artifacts';
import { makeDomain } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

type Row = Record<string, unknown>;
type ExportFile = Record<string, unknown> & { domain: Row; users: Row[] } & Record<string, Row[] | Row | unknown>;

const AT = '2026-01-05T10:00:00.000Z';
const uuid = () => crypto.randomUUID();

async function counts() {
  return {
    domains: await ctx.dataSource.getRepository(Domain).count(),
    tickets: await ctx.dataSource.getRepository(Ticket).count(),
    signOffs: await ctx.dataSource.getRepository(SignOff).count(),
    events: await ctx.dataSource.getRepository(AuditEvent).count(),
  };
}

/** A valid export of an empty domain, renamed so it imports as a new domain NEW. */
async function emptyFile(admin: { auth: Record<string, string> }): Promise<ExportFile> {
  await makeDomain(ctx, { key: 'SRC' });
  const file = (await request(ctx.app).get('/api/v1/domains/SRC/export').set(admin.auth).expect(200)).body;
  file.domain.key = 'NEW';
  file.domain.id = uuid();
  file.events = [];
  return file;
}

const person = (name: string): Row => ({ id: uuid(), email: `${name}@elsewhere.test`, name });
const artifactRow = (overrides: Row = {}): Row => ({
  id: uuid(),
  type: 'metric',
  name: 'Revenue',
  status: 'draft',
  description: '',
  details: { definition: 'Money in' },
  ownerId: null,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});
const ticketRow = (number: number, overrides: Row = {}): Row => ({
  id: uuid(),
  number,
  kind: 'task',
  title: `Ticket ${number}`,
  body: '',
  phase: 'specs',
  status: 'open',
  priority: 'medium',
  assigneeId: null,
  reporterId: null,
  dueDate: null,
  labels: [],
  artifactIds: [],
  investigationId: null,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});
const investigationRow = (id: number, overrides: Row = {}): Row => ({
  id,
  title: 'Odd spike',
  observed: 'up',
  expected: 'flat',
  artifactId: null,
  severity: 'medium',
  status: 'reported',
  reporterId: null,
  investigatorId: null,
  rootCause: null,
  resolution: null,
  dismissReason: null,
  reportedAt: AT,
  triagedAt: null,
  closedAt: null,
  version: 1,
  updatedAt: AT,
  ...overrides,
});
const signOffRow = (userId: unknown, overrides: Row = {}): Row => ({
  id: uuid(),
  phase: 'specs',
  round: 1,
  role: 'ds_lead',
  userId,
  decision: 'approve',
  comment: '',
  evidence: { phase: 'specs', criteria: [], openItems: [], capturedAt: AT },
  staleAt: null,
  staleReason: null,
  supersededAt: null,
  createdAt: AT,
  ...overrides,
});

/** Posts the file and expects a 400 naming `field` (among others); nothing may change. */
async function refused(admin: { auth: Record<string, string> }, file: unknown, field: string) {
  const before = await counts();
  const res = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file as object);
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await counts()).toEqual(before);
  return res;
}

describe('domain import: one schema, every bound and reference checked before anything is written', () => {
  it('refuses sign-off evidence that would crash the board, the reviews and the domain page', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    const dana = person('dana');
    file.users = [dana];
    file.signOffs = [signOffRow(dana.id, { evidence: { criteria: [null] } })];
    await refused(admin, file, 'signOffs[0].evidence.criteria[0]');

    const reader = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains').set(reader.auth).expect(200);
    await request(ctx.app).get('/api/v1/reviews/pending').set(reader.auth).expect(200);
    await request(ctx.app).get('/api/v1/reviews/decisions').set(reader.auth).expect(200);
    await request(ctx.app).get('/api/v1/domains/SRC').set(reader.auth).expect(200);
    await request(ctx.app).get('/api/v1/domains/SRC/gate').set(reader.auth).expect(200);
    await request(ctx.app).get('/api/v1/domains/NEW').set(reader.auth).expect(404);
  });

  it('refuses thresholds out of their ranges and unknown thresholds', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.domain.thresholds = { stallDays: 1e12 };
    await refused(admin, file, 'domain.thresholds.stallDays');
    file.domain.thresholds = { stallDaysX: 3 };
    await refused(admin, file, 'domain.thresholds.stallDaysX');
    const reader = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains?stalled=true').set(reader.auth).expect(200);
  });

  it('refuses nested artifact details, fields of another type and a link that is not http(s)', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.artifacts = [artifactRow({ details: { grain: { nested: 1 } } })];
    await refused(admin, file, 'artifacts[0].details.grain');
    file.artifacts = [artifactRow({ details: { link: 'https://x.test' } })];
    await refused(admin, file, 'artifacts[0].details.link');
    file.artifacts = [artifactRow({ type: 'analysis', details: { link: 'javascript:alert(1)' } })];
    await refused(admin, file, 'artifacts[0].details.link');
  });

  it('refuses fields the format does not have, anywhere', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.tickets = [ticketRow(1, { evil: true })];
    file.domain.ticketSeq = 1;
    await refused(admin, file, 'tickets[0].evil');
    file.tickets = [];
    file.domain.version = 99;
    await refused(admin, file, 'domain.version');
    delete file.domain.version;
    await refused(admin, { ...file, extra: 1 }, 'extra');
  });

  it('refuses strings longer than the database stores', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.domain.ticketSeq = 1;
    file.tickets = [ticketRow(1, { title: 'x'.repeat(301) })];
    await refused(admin, file, 'tickets[0].title');
    file.tickets = [ticketRow(1, { labels: ['y'.repeat(41)] })];
    await refused(admin, file, 'tickets[0].labels[0]');
  });

  it('refuses references to artifacts outside the file, even of another domain here, and unknown root causes', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    const other = await makeDomain(ctx, { key: 'OTHER' });
    const theirs = await makeArtifact(ctx, other);
    file.investigations = [investigationRow(1, { artifactId: theirs.id })];
    await refused(admin, file, 'investigations[0].artifactId');
    file.investigations = [investigationRow(1, { artifactId: uuid() })];
    await refused(admin, file, 'investigations[0].artifactId');
    file.investigations = [investigationRow(1, { status: 'resolved', rootCause: 'made_up_cause' })];
    await refused(admin, file, 'investigations[0].rootCause');
  });

  it('refuses nesting deeper than the documented depth with a 400, not a 500', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.domain.thresholds = '(deep)';
    const before = await counts();
    const deep = JSON.stringify(file).replace('"(deep)"', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    const res = await request(ctx.app)
      .post('/api/v1/domains/import')
      .set(admin.auth)
      .set('content-type', 'application/json')
      .send(deep);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0]).toMatchObject({ field: 'body', message: expect.stringContaining('deeper than 32') });
    expect(await counts()).toEqual(before);
  });

  it('refuses a section above its documented limit', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.domain.ticketSeq = 20_001;
    file.tickets = Array.from({ length: 20_001 }, (_, i) => ticketRow(i + 1));
    await refused(admin, file, 'tickets');
  });
});

describe('domain import: large domains', () => {
  it('imports 4,000 tickets (in chunks) with their history', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    file.domain.ticketSeq = 4_000;
    file.tickets = Array.from({ length: 4_000 }, (_, i) => ticketRow(i + 1, { labels: ['bulk'] }));
    file.events = (file.tickets as Row[]).map((t) => ({
      at: AT,
      actorId: null,
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: String((t as Row).id),
      before: null,
      after: { key: `NEW-${String((t as Row).number)}` },
    }));
    const res = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file);
    expect(res.status).toBe(201);
    expect(res.body.counts.tickets).toBe(4_000);
    const domain = await ctx.dataSource.getRepository(Domain).findOneByOrFail({ key: 'NEW' });
    expect(await ctx.dataSource.getRepository(Ticket).countBy({ domainId: domain.id })).toBe(4_000);
  });
});

describe('domain import: sign-offs, waivers and audit events are history marked imported', () => {
  it('never counts as approvals here and is never recorded as actions of local users', async () => {
    const admin = await signedIn(ctx, 'admin');
    const file = await emptyFile(admin);
    // dana exists here too, with the same email: the file must not make her sign anything here
    const danaHere = await signedIn(ctx, 'member', { email: 'dana@elsewhere.test', name: 'Dana' });
    const dana = person('dana');
    file.users = [dana];
    file.members = [{ userId: dana.id, role: 'ds_lead', createdAt: AT }];
    file.signOffs = [signOffRow(dana.id)];
    file.waivers = [
      { id: uuid(), phase: 'specs', criterion: 'problem_statements', reason: 'old', userId: dana.id, revokedAt: null, createdAt: AT },
    ];
    file.events = [
      { at: '2019-03-01T00:00:00.000Z', actorId: dana.id, action: 'signoff.create', entityType: 'sign_off', entityId: 'x', before: null, after: { decision: 'approve' } },
    ];
    const res = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file);
    expect(res.status).toBe(201);

    const domain = await ctx.dataSource.getRepository(Domain).findOneByOrFail({ key: 'NEW' });
    expect(await ctx.dataSource.getRepository(SignOff).countBy({ domainId: domain.id })).toBe(0);
    expect(await ctx.dataSource.getRepository(Waiver).countBy({ domainId: domain.id })).toBe(0);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ actorId: danaHere.user.id })).toBe(0);
    const events = await ctx.dataSource.getRepository(AuditEvent).findBy({ domainId: domain.id });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([['domain.import', admin.user.id]]);

    const gate = await request(ctx.app).get('/api/v1/domains/NEW/gate').set(admin.auth).expect(200);
    expect(gate.body.roles.every((r: { signOff: unknown }) => r.signOff === null)).toBe(true);
    expect(gate.body.waivers).toEqual([]);

    const history = await request(ctx.app).get('/api/v1/domains/NEW/imported-history').set(admin.auth).expect(200);
    expect(history.body.items.map((i: Row) => i.kind).sort()).toEqual(['event', 'signOff', 'waiver']);
    for (const item of history.body.items) {
      expect(item.sourceInstance).toBe(file.source ? (file.source as Row).instance : 'unknown');
      expect(item.person).toEqual({ email: 'dana@elsewhere.test', name: 'dana' });
    }

    // The export carries it back, still marked imported.
    const again = (await request(ctx.app).get('/api/v1/domains/NEW/export').set(admin.auth).expect(200)).body;
    expect(again.signOffs).toEqual([]);
    expect(again.importedHistory).toHaveLength(3);
    expect(again.events.map((e: Row) => e.action)).toEqual(['domain.import']);
  });
});

describe('domain export: what its reader may see', () => {
  it("holds the audit events' before and after values for admins only", async () => {
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app).post('/api/v1/domains').set(admin.auth).send({ key: 'SEE', name: 'See' }).expect(201);
    await request(ctx.app)
      .post('/api/v1/domains/SEE/tickets')
      .set(admin.auth)
      .send({ kind: 'task', title: 'password hunter2' })
      .expect(201);
    const asAdmin = (await request(ctx.app).get('/api/v1/domains/SEE/export').set(admin.auth).expect(200)).body;
    expect(JSON.stringify(asAdmin.events)).toContain('hunter2');
    expect(asAdmin.events.some((e: Row) => 'after' in e)).toBe(true);

    const viewer = await signedIn(ctx, 'viewer');
    const asViewer = (await request(ctx.app).get('/api/v1/domains/SEE/export').set(viewer.auth).expect(200)).body;
    expect(asViewer.events.length).toBe(asAdmin.events.length);
    expect(asViewer.events.some((e: Row) => 'before' in e || 'after' in e)).toBe(false);
    expect(JSON.stringify(asViewer.events)).not.toContain('hunter2');
    expect(asViewer.auditDiffs).toBe(false);
    expect(asAdmin.auditDiffs).toBe(true);
  });
});
