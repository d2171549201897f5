import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import type { Domain } from '../../server/modules/domains/domain.entity';
import { sweepGates } from '../../server/modules/gates/certification.service';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { makeDomain, makeDomainUser, makeInvestigationRow, satisfyCriteria } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

/**
 * PRODUCT.md 2, as the Gate integrity issue tells it: staleness is recorded and final, a round's
 * requirements are fixed when it opens, admins can add to one domain's gate, and at risk has a
 * lifecycle. Each story at the top of the issue is one test here.
 */
const ctx = useTestApp();
const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

beforeEach(() => ctx.setNow(NOW));

const api = () => request(ctx.app);
const gateOf = async (key: string, auth: Record<string, string>) =>
  (await api().get(`/api/v1/domains/${key}/gate`).set(auth).expect(200)).body;
const sign = (key: string, auth: Record<string, string>, decision: 'approve' | 'reject', comment = 'checked') =>
  api().post(`/api/v1/domains/${key}/signoffs`).set(auth).send({ decision, comment });
const inboxOf = (userId: string) =>
  ctx.dataSource.getRepository(Notification).find({ where: { userId }, order: { createdAt: 'ASC' } });

async function scopingWithSigners(): Promise<{
  domain: Domain;
  dana: Awaited<ReturnType<typeof makeDomainUser>>;
  priya: Awaited<ReturnType<typeof makeDomainUser>>;
}> {
  const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
  await satisfyCriteria(ctx, domain);
  const dana = await makeDomainUser(ctx, domain, ['ds_lead'], { name: 'Dana' });
  const priya = await makeDomainUser(ctx, domain, ['product_lead'], { name: 'Priya' });
  await sign('RET', dana.auth, 'approve').expect(201);
  await sign('RET', priya.auth, 'approve').expect(201);
  expect((await gateOf('RET', dana.auth)).open).toBe(true);
  return { domain, dana, priya };
}

describe('staleness is recorded when it happens, and is final', () => {
  it('story 1: a deprecated dataset makes both approvals stale; a new ready dataset does not bring them back', async () => {
    const { domain, dana, priya } = await scopingWithSigners();
    const [dataset] = await ctx.dataSource.query(
      `SELECT id, version FROM artifact WHERE domain_id = $1 AND type = 'dataset'`,
      [domain.id],
    );
    await api()
      .patch(`/api/v1/artifacts/${dataset.id}`)
      .set(dana.auth)
      .set('If-Match', String(dataset.version))
      .send({ status: 'deprecated' })
      .expect(200);
    const rows = await ctx.dataSource.getRepository(SignOff).findBy({ domainId: domain.id });
    expect(rows.map((r) => r.staleAt?.toISOString())).toEqual([NOW.toISOString(), NOW.toISOString()]);
    expect(rows[0].staleReason).toContain('Dataset ready: met → not met (1 → 0)');
    // a different ready dataset brings the criterion back, not the approvals
    await api()
      .post('/api/v1/domains/RET/artifacts')
      .set(dana.auth)
      .send({ type: 'dataset', name: 'events_v2', status: 'ready' })
      .expect(201);
    const gate = await gateOf('RET', dana.auth);
    expect(gate.criteria.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(gate.open).toBe(false);
    expect(gate.blocking).toEqual([
      { code: 'signoff_stale', role: 'ds_lead' },
      { code: 'signoff_stale', role: 'product_lead' },
    ]);
    const advance = await api().post('/api/v1/domains/RET/advance').set(dana.auth).expect(409);
    expect(advance.body.code).toBe('gate_blocked');
    // each signer is asked again once, with the cause, the one who made the change included
    for (const signer of [dana, priya]) {
      const asked = (await inboxOf(signer.user.id)).filter((n) => n.kind === 'signoff_requested' && !n.resolvedAt);
      expect(asked).toHaveLength(1);
      expect(asked[0].message).toContain('Dataset ready: met → not met');
    }
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'signoff.stale' })).toBe(2);
    // only a new sign-off by that person counts
    await sign('RET', dana.auth, 'approve').expect(201);
    await sign('RET', priya.auth, 'approve').expect(201);
    expect((await gateOf('RET', dana.auth)).open).toBe(true);
  });

  it('story 1b: an open critical concern makes the approval stale; setting it to wont_do does not revive it', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    await satisfyCriteria(ctx, domain);
    const dana = await makeDomainUser(ctx, domain, ['ds_lead']);
    await sign('RET', dana.auth, 'approve').expect(201);
    const concern = await api()
      .post('/api/v1/domains/RET/tickets')
      .set(dana.auth)
      .send({ kind: 'concern', title: 'Finance counts churn differently', priority: 'critical' })
      .expect(201);
    await api()
      .patch(`/api/v1/tickets/${concern.body.key}`)
      .set(dana.auth)
      .set('If-Match', String(concern.body.version))
      .send({ status: 'wont_do' })
      .expect(200);
    const gate = await gateOf('RET', dana.auth);
    expect(gate.criteria.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(gate.roles[0].signOff).toMatchObject({ stale: true });
    expect(gate.roles[0].signOff.staleReason).toContain('No open high-priority spec tickets: met → not met');
    await api().post('/api/v1/domains/RET/advance').set(dana.auth).expect(409);
  });

  it('a change to a ready artifact the snapshot holds makes it stale, naming the artifact', async () => {
    const { domain, dana } = await scopingWithSigners();
    const [metric] = await ctx.dataSource.query(
      `SELECT id, version FROM artifact WHERE domain_id = $1 AND type = 'metric'`,
      [domain.id],
    );
    await api()
      .patch(`/api/v1/artifacts/${metric.id}`)
      .set(dana.auth)
      .set('If-Match', String(metric.version))
      .send({ details: { formula: 'active_d7 / signups' } })
      .expect(200);
    const gate = await gateOf('RET', dana.auth);
    expect(gate.open).toBe(false);
    expect(gate.roles[0].signOff.staleReason).toBe('The ready metric "Weekly retention" changed');
  });

  it('a criterion the clock flips is recorded by the sweep and asks the signer again', async () => {
    // two weeks into weirdness: observed_long_enough fails when ds signs
    const domain = await makeDomain(ctx, {
      key: 'RET',
      stage: 'weirdness',
      phaseEnteredAt: new Date(NOW.getTime() - 14 * DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await makeDomainUser(ctx, domain, ['product_lead']);
    await makeInvestigationRow(ctx, domain, { reportedAt: new Date(NOW.getTime() - 60 * DAY), status: 'resolved' });
    await sign('RET', ds.auth, 'approve').expect(201);
    ctx.setNow(new Date(NOW.getTime() + 20 * DAY));
    const result = await sweepGates(ctx.deps);
    expect(result.staleSigners).toBe(1);
    const [row] = await ctx.dataSource.getRepository(SignOff).findBy({ domainId: domain.id });
    expect(row.staleReason).toBe('Observed long enough: not met → met (2 → 4.8)');
    expect((await inboxOf(ds.user.id)).map((n) => n.kind)).toContain('signoff_requested');
    // a second sweep finds nothing new to record
    expect((await sweepGates(ctx.deps)).staleSigners).toBe(0);
  });
});

describe("a round's requirements are fixed when it opens", () => {
  async function confidenceWithSponsor() {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'confidence' });
    const dana = await makeDomainUser(ctx, domain, ['ds_lead'], { name: 'Dana' });
    const priya = await makeDomainUser(ctx, domain, ['product_lead'], { name: 'Priya' });
    const sam = await makeDomainUser(ctx, domain, ['sponsor'], { name: 'Sam' });
    return { domain, dana, priya, sam };
  }

  it('story 2: a lead cannot remove the sponsor who rejected; the rejection keeps blocking', async () => {
    const { dana, priya, sam } = await confidenceWithSponsor();
    await sign('RET', dana.auth, 'approve').expect(201);
    await sign('RET', priya.auth, 'approve').expect(201);
    await sign('RET', sam.auth, 'reject', 'Billing numbers still disagree').expect(201);
    const refused = await api().delete(`/api/v1/domains/RET/members/${sam.user.id}`).set(dana.auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'role_decided', roles: ['sponsor'] });
    const replaced = await api().put(`/api/v1/domains/RET/members/${sam.user.id}`).set(dana.auth).send({ roles: [] });
    expect(replaced.status).toBe(409);
    const advance = await api().post('/api/v1/domains/RET/advance').set(dana.auth).expect(409);
    expect(advance.body.blocking).toEqual([{ code: 'signoff_rejected', role: 'sponsor', by: 'Sam' }]);
    // an admin may remove him with a reason; the requirement and the rejection stay
    const admin = await signedIn(ctx, 'admin');
    await api()
      .delete(`/api/v1/domains/RET/members/${sam.user.id}`)
      .set(admin.auth)
      .send({ reason: 'Sam left the company' })
      .expect(204);
    const gate = await gateOf('RET', dana.auth);
    expect(gate.roles.map((r: { role: string }) => r.role)).toEqual(['ds_lead', 'product_lead', 'sponsor']);
    expect(gate.blocking).toEqual([{ code: 'signoff_rejected', role: 'sponsor', by: 'Sam' }]);
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'domain.member.remove' });
    expect(audit.after).toMatchObject({ decidedRolesRemoved: { roles: ['sponsor'], reason: 'Sam left the company' } });
  });

  it("story 2b: a second product lead's approval does not supersede the first one's rejection", async () => {
    const { domain, dana, priya } = await confidenceWithSponsor();
    const other = await makeDomainUser(ctx, domain, ['product_lead'], { name: 'Omar' });
    await sign('RET', priya.auth, 'reject', 'The churn definition is wrong').expect(201);
    await sign('RET', other.auth, 'approve').expect(201);
    const gate = await gateOf('RET', dana.auth);
    const product = gate.roles.find((r: { role: string }) => r.role === 'product_lead');
    expect(product.decisions.map((d: { decision: string }) => d.decision).sort()).toEqual(['approve', 'reject']);
    expect(product.signOff).toMatchObject({ decision: 'reject', user: { name: 'Priya' } });
    expect(gate.blocking).toContainEqual({ code: 'signoff_rejected', role: 'product_lead', by: 'Priya' });
  });

  it('an admin overrides a rejection with a written reason (audited, shown in the gate); others get 403', async () => {
    const { dana, priya, sam } = await confidenceWithSponsor();
    await sign('RET', dana.auth, 'approve').expect(201);
    await sign('RET', priya.auth, 'approve').expect(201);
    const rejection = await sign('RET', sam.auth, 'reject', 'Not convinced').expect(201);
    const path = `/api/v1/domains/RET/signoffs/${rejection.body.id}/override`;
    await api().post(path).set(dana.auth).send({ reason: 'x' }).expect(403);
    const admin = await signedIn(ctx, 'admin', { name: 'Ada' });
    await api().post(path).set(admin.auth).send({}).expect(400);
    const res = await api()
      .post(path)
      .set(admin.auth)
      .send({ reason: 'Sponsor agreed offline, see DEC-4' })
      .expect(200);
    expect(res.body.override).toMatchObject({ reason: 'Sponsor agreed offline, see DEC-4', by: { name: 'Ada' } });
    await api().post(path).set(admin.auth).send({ reason: 'again' }).expect(409);
    const gate = await gateOf('RET', dana.auth);
    const sponsor = gate.roles.find((r: { role: string }) => r.role === 'sponsor');
    expect(sponsor.signOff.override.reason).toBe('Sponsor agreed offline, see DEC-4');
    expect(gate.blocking).toEqual([{ code: 'signoff_missing', role: 'sponsor' }]);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'signoff.override' })).toBe(1);
  });

  it('a recycle starts a new round: the old rejection no longer blocks', async () => {
    const { dana, sam } = await confidenceWithSponsor();
    await sign('RET', sam.auth, 'reject', 'No').expect(201);
    await api()
      .post('/api/v1/domains/RET/recycle')
      .set(dana.auth)
      .send({ toPhase: 'weirdness', reason: 'new data collection' })
      .expect(200);
    const gate = await gateOf('RET', dana.auth);
    expect(gate.round).toBe(1);
    expect(gate.blocking.some((b: { code: string }) => b.code === 'signoff_rejected')).toBe(false);
  });
});

describe('per-domain gates', () => {
  it('an admin adds a catalog criterion and a role with a reason; both show with who and why; removal takes a reason', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'handoff' });
    await satisfyCriteria(ctx, domain);
    const dana = await makeDomainUser(ctx, domain, ['ds_lead']);
    const priya = await makeDomainUser(ctx, domain, ['product_lead']);
    await makeDomainUser(ctx, domain, ['sponsor']);
    await sign('RET', dana.auth, 'approve').expect(201);
    await sign('RET', priya.auth, 'approve').expect(201);
    await makeInvestigationRow(ctx, domain, { status: 'investigating' });
    const admin = await signedIn(ctx, 'admin', { name: 'Ada' });
    const add = (body: object) => api().post('/api/v1/domains/RET/gate/additions').set(admin.auth).send(body);
    await api()
      .post('/api/v1/domains/RET/gate/additions')
      .set(dana.auth)
      .send({ kind: 'criterion', value: 'no_open_investigations', reason: 'regulated' })
      .expect(403);
    await add({ kind: 'criterion', value: 'made_up', reason: 'x' }).expect(400);
    await add({ kind: 'criterion', value: 'handoff_session_done', reason: 'x' }).expect(409);
    const criterion = await add({
      kind: 'criterion',
      value: 'no_open_investigations',
      reason: 'Regulated billing data',
    }).expect(201);
    await add({ kind: 'role', value: 'sponsor', reason: 'Finance signs hand-offs' }).expect(201);
    const gate = await gateOf('RET', dana.auth);
    expect(gate.criteria.map((c: { key: string }) => c.key)).toEqual([
      'handoff_session_done',
      'no_open_high_requests',
      'no_open_investigations',
    ]);
    expect(gate.roles.map((r: { role: string; added: boolean }) => [r.role, r.added])).toEqual([
      ['ds_lead', false],
      ['product_lead', false],
      ['sponsor', true],
    ]);
    expect(gate.additions).toHaveLength(2);
    expect(gate.additions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'criterion',
          value: 'no_open_investigations',
          reason: 'Regulated billing data',
          by: expect.objectContaining({ name: 'Ada' }),
        }),
        expect.objectContaining({ kind: 'role', value: 'sponsor', reason: 'Finance signs hand-offs' }),
      ]),
    );
    // the added criterion changed what the signers saw
    expect(gate.roles[0].signOff.stale).toBe(true);
    expect(gate.blocking).toContainEqual({
      code: 'criterion_failed',
      criterion: 'no_open_investigations',
      value: 1,
      threshold: '= 0',
      limits: [],
    });
    const remove = `/api/v1/domains/RET/gate/additions/${criterion.body.id}`;
    await api().delete(remove).set(admin.auth).send({}).expect(400);
    await api().delete(remove).set(admin.auth).send({ reason: 'No longer regulated' }).expect(204);
    expect((await gateOf('RET', dana.auth)).additions).toHaveLength(1);
    const actions = (await ctx.dataSource.getRepository(AuditEvent).find()).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('gate.addition'))).toEqual([
      'gate.addition.create',
      'gate.addition.create',
      'gate.addition.remove',
    ]);
  });
});

describe('at risk has a lifecycle, and certification expires', () => {
  async function certifiedAtRisk() {
    const domain = await makeDomain(ctx, {
      key: 'EVT',
      stage: 'certified',
      atRisk: true,
      atRiskReason: 'New critical investigation #9',
      certifiedAt: new Date(NOW.getTime() - 30 * DAY),
      phaseEnteredAt: new Date(NOW.getTime() - 30 * DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead'], { name: 'Dana' });
    const product = await makeDomainUser(ctx, domain, ['product_lead'], { name: 'Priya' });
    const investigation = await makeInvestigationRow(ctx, domain, { severity: 'critical', status: 'investigating' });
    return { domain, ds, product, investigation };
  }

  it('a lead acknowledges; the ds_lead re-confirms once the causes are resolved, with an evidence snapshot', async () => {
    const { domain, ds, product, investigation } = await certifiedAtRisk();
    const reconfirm = (auth: Record<string, string>) =>
      api().post('/api/v1/domains/EVT/reconfirm').set(auth).send({ comment: 'Fixed the duplicated events' });
    expect((await reconfirm(ds.auth).expect(409)).body.code).toBe('risk_not_acknowledged');
    const viewer = await signedIn(ctx, 'viewer');
    await api().post('/api/v1/domains/EVT/risk/acknowledge').set(viewer.auth).send({ note: 'x' }).expect(403);
    const ack = await api()
      .post('/api/v1/domains/EVT/risk/acknowledge')
      .set(product.auth)
      .send({ note: 'Dana is on the duplicated events' })
      .expect(200);
    expect(ack.body.riskAcknowledgement).toMatchObject({
      by: { name: 'Priya' },
      note: 'Dana is on the duplicated events',
    });
    expect(ack.body.can.acknowledgeRisk).toBe(false);
    await api().post('/api/v1/domains/EVT/risk/acknowledge').set(product.auth).send({ note: 'again' }).expect(409);
    // the product lead is not the ds_lead
    await reconfirm(product.auth).expect(403);
    const blocked = await reconfirm(ds.auth).expect(409);
    expect(blocked.body).toMatchObject({
      code: 'gate_blocked',
      blocking: [{ criterion: 'no_open_high_investigations', value: 1 }],
    });
    await ctx.dataSource.query(`UPDATE investigation SET status = 'resolved' WHERE id = $1`, [investigation.id]);
    const done = await reconfirm(ds.auth).expect(200);
    expect(done.body).toMatchObject({
      atRisk: false,
      atRiskReason: null,
      riskAcknowledgement: null,
      certifiedAt: NOW.toISOString(),
    });
    expect(done.body.reviewDueAt).toBe(new Date(NOW.getTime() + 180 * DAY).toISOString());
    const [signOff] = await ctx.dataSource.getRepository(SignOff).findBy({ domainId: domain.id });
    expect(signOff).toMatchObject({ phase: 'certified', role: 'ds_lead', decision: 'approve', userId: ds.user.id });
    expect(signOff.evidence.criteria.map((c) => c.key)).toEqual([
      'no_open_high_investigations',
      'oddity_rate_not_rising',
    ]);
    const decisions = await api().get('/api/v1/reviews/decisions?domain=EVT').set(ds.auth).expect(200);
    expect(decisions.body.items[0]).toMatchObject({ phase: 'certified', comment: 'Fixed the duplicated events' });
    const events = await api().get('/api/v1/domains/EVT/events').set(ds.auth).expect(200);
    const actions = events.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['domain.risk_acknowledge', 'domain.reconfirm']));
  });

  it('a certified domain is due for review after N days: the leads are asked, and overdue puts it at risk', async () => {
    const domain = await makeDomain(ctx, {
      key: 'BILL',
      stage: 'certified',
      certifiedAt: new Date(NOW.getTime() - 170 * DAY),
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    let result = await sweepGates(ctx.deps);
    expect(result.reviewsRequested).toBe(1);
    expect((await inboxOf(ds.user.id)).map((n) => n.kind)).toEqual(['certification_review_due']);
    // asked once per cycle
    expect((await sweepGates(ctx.deps)).reviewsRequested).toBe(0);
    ctx.setNow(new Date(NOW.getTime() + 11 * DAY));
    result = await sweepGates(ctx.deps);
    expect(result.overdue).toBe(1);
    const view = await api().get('/api/v1/domains/BILL').set(ds.auth).expect(200);
    expect(view.body).toMatchObject({
      atRisk: true,
      atRiskReason: expect.stringContaining('Certification review overdue'),
    });
    // the periodic review: the ds_lead re-confirms after a lead acknowledged
    await api().post('/api/v1/domains/BILL/risk/acknowledge').set(ds.auth).send({ note: 'Reviewing' }).expect(200);
    await api().post('/api/v1/domains/BILL/reconfirm').set(ds.auth).send({}).expect(200);
    expect((await api().get('/api/v1/domains/BILL').set(ds.auth).expect(200)).body.atRisk).toBe(false);
  });
});

describe('viewers who hold a domain role', () => {
  it('a viewer-sponsor may sign in that role and change nothing else', async () => {
    const domain = await makeDomain(ctx, { key: 'GROW', stage: 'confidence' });
    await makeDomainUser(ctx, domain, ['ds_lead']);
    const lee = await makeDomainUser(ctx, domain, ['sponsor'], { role: 'viewer' });
    const view = await api().get('/api/v1/domains/GROW').set(lee.auth).expect(200);
    expect(view.body.can).toMatchObject({ sign: true, edit: false, createTicket: false, reportInvestigation: false });
    expect((await gateOf('GROW', lee.auth)).can.signAs).toEqual(['sponsor']);
    await sign('GROW', lee.auth, 'approve').expect(201);
    await api().post('/api/v1/domains/GROW/tickets').set(lee.auth).send({ kind: 'task', title: 'x' }).expect(403);
  });
});
