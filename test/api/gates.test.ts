import request from 'supertest';
import type { Phase } from '../../shared/api/enums';
import type { CriterionKey } from '../../shared/workflow/types';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain as DomainEntity } from '../../server/modules/domains/domain.entity';
import type { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import {
  makeArtifactRow,
  makeDomain,
  makeDomainUser,
  makeInvestigationRow,
  makeTicketRow,
  satisfyCriteria,
} from '../factories/domains';
import { signedIn } from '../factories/users';
import type { TestContext } from '../setup/test-app';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-06-15T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

type Setup = (ctx: TestContext, domain: Domain) => Promise<unknown>;
const nothing: Setup = async () => undefined;

/** [phase, criterion, rows that make it fail, rows that make it pass] */
const CASES: [Phase, CriterionKey, Setup, Setup][] = [
  [
    'specs',
    'problem_statements_recorded',
    (c, d) => makeTicketRow(c, d, { kind: 'problem', status: 'wont_do' }),
    (c, d) => makeTicketRow(c, d, { kind: 'problem' }),
  ],
  ['specs', 'stakeholders_recorded', nothing, (c, d) => makeTicketRow(c, d, { kind: 'stakeholder', status: 'done' })],
  [
    'specs',
    'no_open_high_spec_tickets',
    (c, d) => makeTicketRow(c, d, { kind: 'concern', priority: 'critical', status: 'blocked' }),
    async (c, d) => {
      await makeTicketRow(c, d, { kind: 'concern', priority: 'critical', status: 'done' });
      await makeTicketRow(c, d, { kind: 'concern', priority: 'high', phase: 'scoping' });
      await makeTicketRow(c, d, { kind: 'concern', priority: 'medium' });
    },
  ],
  [
    'scoping',
    'metric_ready',
    (c, d) => makeArtifactRow(c, d, { type: 'metric', status: 'draft' }),
    (c, d) => makeArtifactRow(c, d, { type: 'metric', status: 'ready' }),
  ],
  [
    'scoping',
    'dataset_ready',
    (c, d) => makeArtifactRow(c, d, { type: 'dataset', status: 'deprecated' }),
    (c, d) => makeArtifactRow(c, d, { type: 'dataset', status: 'ready' }),
  ],
  [
    'scoping',
    'example_analyses',
    async (c, d) => {
      await makeArtifactRow(c, d, { type: 'analysis', status: 'ready' });
      await makeArtifactRow(c, d, { type: 'analysis', status: 'deprecated' });
    },
    async (c, d) => {
      await makeArtifactRow(c, d, { type: 'analysis', status: 'ready' });
      await makeArtifactRow(c, d, { type: 'analysis', status: 'draft' });
    },
  ],
  [
    'scoping',
    'no_open_high_scoping_tickets',
    (c, d) => makeTicketRow(c, d, { priority: 'high', phase: 'scoping' }),
    (c, d) => makeTicketRow(c, d, { priority: 'high', phase: 'scoping', status: 'wont_do' }),
  ],
  [
    'handoff',
    'handoff_session_done',
    (c, d) => makeTicketRow(c, d, { kind: 'session', status: 'in_progress' }),
    (c, d) => makeTicketRow(c, d, { kind: 'session', status: 'done' }),
  ],
  [
    'handoff',
    'no_open_high_requests',
    (c, d) => makeTicketRow(c, d, { kind: 'request', priority: 'high', phase: 'specs' }),
    (c, d) => makeTicketRow(c, d, { kind: 'request', priority: 'low' }),
  ],
  [
    'weirdness',
    'investigations_triaged',
    (c, d) => makeInvestigationRow(c, d, { status: 'reported', reportedAt: daysAgo(40) }),
    (c, d) => makeInvestigationRow(c, d, { status: 'investigating', reportedAt: daysAgo(40) }),
  ],
  [
    'weirdness',
    'no_open_high_investigations',
    (c, d) => makeInvestigationRow(c, d, { severity: 'high', reportedAt: daysAgo(40) }),
    (c, d) => makeInvestigationRow(c, d, { severity: 'critical', status: 'resolved', reportedAt: daysAgo(40) }),
  ],
  [
    'weirdness',
    'observed_long_enough',
    // just entered the phase: nothing observed yet must not pass (it used to, on the day of entry)
    (c, d) => enteredPhase(c, d, daysAgo(1)),
    (c, d) => enteredPhase(c, d, daysAgo(29)),
  ],
  [
    'weirdness',
    'oddity_rate_below_target',
    // four in the last 16 days: about 1.8 a week, at most ≈ 4 at 90%
    async (c, d) => {
      for (const days of [16, 9, 5, 2])
        await makeInvestigationRow(c, d, { reportedAt: daysAgo(days), status: 'resolved' });
    },
    // two long ago, none in the last four weeks: 0 a week, at most 0.75 at 90%
    async (c, d) => {
      for (const days of [100, 90]) await makeInvestigationRow(c, d, { reportedAt: daysAgo(days), status: 'resolved' });
    },
  ],
  [
    'confidence',
    'no_open_investigations',
    (c, d) => makeInvestigationRow(c, d, { severity: 'low', reportedAt: daysAgo(90) }),
    (c, d) => makeInvestigationRow(c, d, { status: 'dismissed', reportedAt: daysAgo(90) }),
  ],
  [
    'confidence',
    'oddity_rate_not_rising',
    // quiet for ten weeks, then more and more: the Laplace test finds the rise significant
    async (c, d) => {
      for (const days of [84, 10, 8, 6, 5, 4, 3, 2, 1])
        await makeInvestigationRow(c, d, { reportedAt: daysAgo(days), status: 'resolved' });
    },
    // one report resolved within a minute after a quiet stretch is no trend (the two 14-day windows
    // of the old rule, 1 against 0, called it rising)
    async (c, d) => {
      await makeInvestigationRow(c, d, { reportedAt: daysAgo(84), status: 'resolved' });
      await makeInvestigationRow(c, d, { reportedAt: daysAgo(1), status: 'resolved', closedAt: daysAgo(1) });
    },
  ],
];

/** The domain entered its current phase at `at`. */
async function enteredPhase(c: TestContext, d: Domain, at: Date) {
  await c.dataSource.getRepository(DomainEntity).update({ id: d.id }, { phaseEnteredAt: at });
}

async function gateOf(domain: Domain, auth: Record<string, string>) {
  return (await request(ctx.app).get(`/api/v1/domains/${domain.key}/gate`).set(auth).expect(200)).body;
}

describe('each default criterion, through GET /domains/:key/gate', () => {
  it.each(CASES)('%s gate: %s fails, then passes', async (phase, criterion, fail, pass) => {
    ctx.setNow(NOW);
    const failing = await makeDomain(ctx, { stage: phase });
    const passing = await makeDomain(ctx, { stage: phase });
    const { auth } = await signedIn(ctx, 'viewer');
    await fail(ctx, failing);
    await pass(ctx, passing);
    const failed = await gateOf(failing, auth);
    const passed = await gateOf(passing, auth);
    const find = (gate: { criteria: { key: string }[] }) => gate.criteria.find((c) => c.key === criterion);
    expect(find(failed)).toMatchObject({ passed: false, waived: false });
    expect(failed.blocking).toContainEqual(expect.objectContaining({ code: 'criterion_failed', criterion }));
    expect(find(passed)).toMatchObject({ passed: true });
    expect(passed.blocking).not.toContainEqual(expect.objectContaining({ criterion }));
  });

  it('per-domain and global thresholds change what passes', async () => {
    const admin = await signedIn(ctx, 'admin');
    const domain = await makeDomain(ctx, { stage: 'scoping' });
    await makeArtifactRow(ctx, domain, { type: 'analysis', status: 'ready' });
    await request(ctx.app)
      .put('/api/v1/settings/thresholds')
      .set(admin.auth)
      .send({ minExampleAnalyses: 1 })
      .expect(200);
    let gate = await gateOf(domain, admin.auth);
    expect(gate.criteria.find((c: { key: string }) => c.key === 'example_analyses')).toMatchObject({
      passed: true,
      threshold: '>= 1',
    });
    await ctx.dataSource.query(`UPDATE domain SET thresholds = '{"minExampleAnalyses": 3}' WHERE id = $1`, [domain.id]);
    gate = await gateOf(domain, admin.auth);
    expect(gate.criteria.find((c: { key: string }) => c.key === 'example_analyses')).toMatchObject({
      passed: false,
      value: 1,
      threshold: '>= 3',
    });
  });
});

describe('measured confidence in the weirdness gate', () => {
  it('weeks observed and the rate target are thresholds, layered global → domain, and the criteria show their numbers', async () => {
    ctx.setNow(NOW);
    const admin = await signedIn(ctx, 'admin');
    const domain = await makeDomain(ctx, { stage: 'weirdness', phaseEnteredAt: daysAgo(21) });
    // reported 40 and 30 days ago, none since: 0 a week over the last 4 weeks, at most 0.75 at 90%
    await makeInvestigationRow(ctx, domain, { reportedAt: daysAgo(40), status: 'resolved' });
    await makeInvestigationRow(ctx, domain, { reportedAt: daysAgo(30), status: 'resolved' });
    const criterion = async (key: string) =>
      (await gateOf(domain, admin.auth)).criteria.find((c: { key: string }) => c.key === key);
    expect(await criterion('observed_long_enough')).toMatchObject({ passed: false, value: 3, threshold: '>= 4 weeks' });
    expect(await criterion('oddity_rate_below_target')).toMatchObject({
      passed: true,
      value: 0.75,
      threshold: '<= 1 a week at 90%',
      detail: '0 a week, at most 0.7 at 90%; target 1',
    });
    await request(ctx.app)
      .put('/api/v1/settings/thresholds')
      .set(admin.auth)
      .send({ minObservedWeeks: 2, targetOddityRate: 0.5 })
      .expect(200);
    expect(await criterion('observed_long_enough')).toMatchObject({ passed: true, threshold: '>= 2 weeks' });
    expect(await criterion('oddity_rate_below_target')).toMatchObject({
      passed: false,
      detail: '0 a week, at most 0.7 at 90%; target 0.5',
    });
    const blocking = (await gateOf(domain, admin.auth)).blocking;
    expect(blocking).toContainEqual(
      expect.objectContaining({ code: 'criterion_failed', criterion: 'oddity_rate_below_target', value: 0.75 }),
    );
    await ctx.dataSource.query(`UPDATE domain SET thresholds = '{"minObservedWeeks": 5}' WHERE id = $1`, [domain.id]);
    expect(await criterion('observed_long_enough')).toMatchObject({ passed: false, threshold: '>= 5 weeks' });
    // a signer's frozen evidence keeps the numbers
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const signed = await request(ctx.app)
      .post(`/api/v1/domains/${domain.key}/signoffs`)
      .set(ds.auth)
      .send({ decision: 'approve', comment: 'quiet month' })
      .expect(201);
    expect(signed.body.evidence.criteria).toContainEqual(
      expect.objectContaining({ key: 'oddity_rate_below_target', detail: '0 a week, at most 0.7 at 90%; target 0.5' }),
    );
  });
});

describe('GET /domains/:key/gate', () => {
  it('shows criteria, roles with holders and sign-offs, blocking reasons and what the caller can do', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await makeDomainUser(ctx, domain, ['contributor']);
    const gate = await gateOf(domain, ds.auth);
    expect(gate).toMatchObject({
      domainKey: 'RET',
      stage: 'scoping',
      phase: 'scoping',
      to: 'handoff',
      round: 1,
      open: false,
    });
    expect(gate.criteria.map((c: { key: string }) => c.key)).toEqual([
      'metric_ready',
      'dataset_ready',
      'example_analyses',
      'no_open_high_scoping_tickets',
    ]);
    expect(gate.roles).toEqual([
      {
        role: 'ds_lead',
        holders: [{ id: ds.user.id, name: ds.user.name, email: ds.user.email }],
        signOff: null,
        decisions: [],
        added: false,
      },
      { role: 'product_lead', holders: [], signOff: null, decisions: [], added: false },
    ]);
    expect(gate.blocking).toEqual(
      expect.arrayContaining([
        { code: 'signoff_missing', role: 'ds_lead' },
        { code: 'role_unfilled', role: 'product_lead' },
      ]),
    );
    expect(gate.can).toEqual({
      advance: false,
      signAs: ['ds_lead'],
      waive: false,
      override: false,
      manageGate: false,
      recycle: true,
      hold: true,
      resume: false,
      withdraw: [],
    });
    expect(gate.recycleTargets).toEqual(['specs']);
  });

  it('the confidence gate asks the sponsor only when the domain has one', async () => {
    const domain = await makeDomain(ctx, { stage: 'confidence' });
    const { auth } = await signedIn(ctx);
    expect((await gateOf(domain, auth)).roles.map((r: { role: string }) => r.role)).toEqual([
      'ds_lead',
      'product_lead',
    ]);
    await makeDomainUser(ctx, domain, ['sponsor'], { role: 'viewer' });
    expect((await gateOf(domain, auth)).roles.map((r: { role: string }) => r.role)).toEqual([
      'ds_lead',
      'product_lead',
      'sponsor',
    ]);
  });

  it('a certified domain has no gate', async () => {
    const domain = await makeDomain(ctx, { stage: 'certified' });
    const { auth } = await signedIn(ctx);
    const gate = await gateOf(domain, auth);
    expect(gate).toMatchObject({
      phase: null,
      to: null,
      open: false,
      criteria: [],
      roles: [],
      blocking: [{ code: 'domain_certified' }],
    });
    expect(gate.recycleTargets).toEqual(['specs', 'scoping', 'handoff', 'weirdness', 'confidence']);
  });

  it('401 without a user, 404 for an unknown domain', async () => {
    await makeDomain(ctx, { key: 'RET' });
    await request(ctx.app).get('/api/v1/domains/RET/gate').expect(401);
    const { auth } = await signedIn(ctx);
    await request(ctx.app).get('/api/v1/domains/NOPE/gate').set(auth).expect(404);
    await request(ctx.app).get('/api/v1/domains/x!/gate').set(auth).expect(404);
  });
});

describe('POST /domains/:key/signoffs', () => {
  it('records an approval with its frozen evidence and an audit event', async () => {
    ctx.setNow(NOW);
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await makeTicketRow(ctx, domain, { kind: 'problem', title: 'Churn is defined three ways', priority: 'high' });
    await makeTicketRow(ctx, domain, { kind: 'concern', title: 'Old dashboard', priority: 'low', status: 'done' });
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'approve', comment: 'Looks right' })
      .expect(201);
    expect(res.body).toMatchObject({
      phase: 'specs',
      round: 1,
      role: 'ds_lead',
      decision: 'approve',
      comment: 'Looks right',
      stale: false,
      advanced: false,
    });
    expect(res.body.user.id).toBe(ds.user.id);
    const rows = await ctx.dataSource.getRepository(SignOff).find();
    expect(rows).toHaveLength(1);
    expect(rows[0].evidence.capturedAt).toBe(NOW.toISOString());
    expect(rows[0].evidence.criteria.map((c) => [c.key, c.passed])).toEqual([
      ['problem_statements_recorded', true],
      ['stakeholders_recorded', false],
      ['no_open_high_spec_tickets', false],
    ]);
    expect(rows[0].evidence.openItems).toEqual([
      { kind: 'ticket', ref: 'RET-1', title: 'Churn is defined three ways', priority: 'high' },
    ]);
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'signoff.create' });
    expect(audit).toMatchObject({ domainId: domain.id, actorId: ds.user.id, entityId: rows[0].id });
    const gate = await gateOf(domain, ds.auth);
    expect(gate.roles[0].signOff).toMatchObject({ id: rows[0].id, stale: false, decision: 'approve' });
    expect(gate.blocking).not.toContainEqual(expect.objectContaining({ role: 'ds_lead' }));
  });

  it('refuses a signer who holds no required role of this gate (403), and changes nothing', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    const productLead = await makeDomainUser(ctx, domain, ['product_lead']);
    const admin = await signedIn(ctx, 'admin');
    for (const auth of [contributor.auth, productLead.auth, admin.auth]) {
      const res = await request(ctx.app)
        .post('/api/v1/domains/RET/signoffs')
        .set(auth)
        .send({ decision: 'approve' })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
    }
    const named = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(productLead.auth)
      .send({ decision: 'approve', role: 'product_lead' });
    expect(named.status).toBe(403);
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'approve', role: 'sponsor' })
      .expect(403);
    expect(await ctx.dataSource.getRepository(SignOff).count()).toBe(0);
  });

  it('one person cannot fill two roles of one round', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const both = await makeDomainUser(ctx, domain, ['ds_lead', 'product_lead']);
    const unnamed = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(both.auth)
      .send({ decision: 'approve' })
      .expect(400);
    expect(unnamed.body.errors[0].field).toBe('role');
    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(both.auth)
      .send({ decision: 'approve', role: 'ds_lead' })
      .expect(201);
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(both.auth)
      .send({ decision: 'approve', role: 'product_lead' })
      .expect(409);
    expect(res.body.code).toBe('role_already_signed');
    expect(await ctx.dataSource.getRepository(SignOff).count()).toBe(1);
    const gate = await gateOf(domain, both.auth);
    expect(gate.can.signAs).toEqual(['ds_lead']);
  });

  it('someone who signed a role this round cannot sign another after changing roles', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(lead.auth)
      .send({ decision: 'approve' })
      .expect(201);
    await request(ctx.app)
      .put(`/api/v1/domains/RET/members/${lead.user.id}`)
      .set(admin.auth)
      .send({ roles: ['product_lead'], reason: 'moved to the product team' })
      .expect(200);
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(lead.auth)
      .send({ decision: 'approve' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'role_already_signed', role: 'ds_lead' });
    expect(await ctx.dataSource.getRepository(SignOff).count()).toBe(1);
  });

  it('re-signing the same role supersedes the earlier decision', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const first = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'reject', comment: 'Missing stakeholders' })
      .expect(201);
    const second = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'approve' })
      .expect(201);
    const rows = await ctx.dataSource.getRepository(SignOff).find({ order: { createdAt: 'ASC' } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === first.body.id)!.supersededAt).not.toBeNull();
    expect(rows.find((r) => r.id === second.body.id)!.supersededAt).toBeNull();
    expect((await gateOf(domain, ds.auth)).roles[0].signOff.id).toBe(second.body.id);
  });

  it('a reject needs a comment (400) and blocks the gate', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    await satisfyCriteria(ctx, domain);
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const bare = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'reject', comment: '  ' })
      .expect(400);
    expect(bare.body.errors).toEqual([{ field: 'comment', message: expect.any(String) }]);
    expect(await ctx.dataSource.getRepository(SignOff).count()).toBe(0);
    await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'reject', comment: 'Not yet' })
      .expect(201);
    const gate = await gateOf(domain, ds.auth);
    expect(gate.open).toBe(false);
    expect(gate.blocking).toEqual([{ code: 'signoff_rejected', role: 'ds_lead', by: ds.user.name }]);
    const advance = await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(409);
    expect(advance.body).toMatchObject({
      code: 'gate_blocked',
      blocking: [{ code: 'signoff_rejected', role: 'ds_lead', by: ds.user.name }],
    });
  });

  it('goes stale when a criterion outcome changes, for good, and when the evidence is marked stale', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    await satisfyCriteria(ctx, domain);
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    expect((await gateOf(domain, ds.auth)).open).toBe(true);
    // a new high-priority spec ticket flips no_open_high_spec_tickets
    const ticket = await makeTicketRow(ctx, domain, { priority: 'high' });
    let gate = await gateOf(domain, ds.auth);
    expect(gate.roles[0].signOff).toMatchObject({ stale: true });
    expect(gate.blocking).toContainEqual({ code: 'signoff_stale', role: 'ds_lead' });
    // the read recorded it: closing the ticket brings the outcome back, but the approval stays stale
    await ctx.dataSource.query(`UPDATE ticket SET status = 'done' WHERE id = $1`, [ticket.id]);
    gate = await gateOf(domain, ds.auth);
    expect(gate.open).toBe(false);
    expect(gate.roles[0].signOff).toMatchObject({
      stale: true,
      staleReason: 'No open high-priority spec tickets: met → not met (0 → 1)',
    });
    // the signer is asked again and may sign the same role anew
    expect(gate.can.signAs).toEqual(['ds_lead']);
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    expect((await gateOf(domain, ds.auth)).open).toBe(true);
  });

  it('a signer who decided cannot be removed by a lead; an admin may, with a reason, and the approval stops counting', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    await satisfyCriteria(ctx, domain);
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const other = await makeDomainUser(ctx, domain, ['ds_lead']);
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').set(ds.auth).send({ decision: 'approve' }).expect(201);
    const refused = await request(ctx.app)
      .delete(`/api/v1/domains/RET/members/${ds.user.id}`)
      .set(other.auth)
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'role_decided', roles: ['ds_lead'] });
    await request(ctx.app).delete(`/api/v1/domains/RET/members/${ds.user.id}`).set(admin.auth).expect(409);
    await request(ctx.app)
      .delete(`/api/v1/domains/RET/members/${ds.user.id}`)
      .set(admin.auth)
      .send({ reason: 'left the company' })
      .expect(204);
    const gate = await gateOf(domain, other.auth);
    expect(gate.blocking).toEqual([{ code: 'signoff_missing', role: 'ds_lead' }]);
  });

  it('a certified domain has nothing to sign (409); bad bodies are 400; 401 without a user', async () => {
    const certified = await makeDomain(ctx, { key: 'CRT', stage: 'certified' });
    const ds = await makeDomainUser(ctx, certified, ['ds_lead']);
    expect(
      (await request(ctx.app).post('/api/v1/domains/CRT/signoffs').set(ds.auth).send({ decision: 'approve' })).status,
    ).toBe(409);
    await makeDomain(ctx, { key: 'RET' });
    await request(ctx.app).post('/api/v1/domains/RET/signoffs').send({ decision: 'approve' }).expect(401);
    const bad = await request(ctx.app)
      .post('/api/v1/domains/RET/signoffs')
      .set(ds.auth)
      .send({ decision: 'maybe', role: 'boss', extra: 1 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decision', 'extra', 'role']);
  });
});
