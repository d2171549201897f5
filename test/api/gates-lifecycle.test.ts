import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import type { Domain as DomainRow } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Waiver } from '../../server/modules/gates/waiver.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { makeDomain, makeDomainUser, makeTicketRow, satisfyCriteria } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

const domainRow = (id: string) => ctx.dataSource.getRepository(Domain).findOneByOrFail({ id });
const sign = (key: string, auth: Record<string, string>, body: object = { decision: 'approve' }) =>
  request(ctx.app).post(`/api/v1/domains/${key}/signoffs`).set(auth).send(body);

/** A domain at `stage` with both leads, criteria passing and (unless told) both leads' approvals. */
async function openGate(stage: DomainRow['stage'], approve = true) {
  const domain = await makeDomain(ctx, { key: 'RET', stage });
  const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
  const product = await makeDomainUser(ctx, domain, ['product_lead']);
  await satisfyCriteria(ctx, domain);
  if (approve) {
    await sign('RET', ds.auth).expect(201);
    if (stage !== 'specs') await sign('RET', product.auth).expect(201);
  }
  return { domain, ds, product };
}

describe('POST /domains/:key/advance', () => {
  it('advances through an open gate, starts the next round, audits and asks the next signers', async () => {
    const { domain, ds, product } = await openGate('specs');
    const res = await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(200);
    expect(res.body).toMatchObject({ key: 'RET', stage: 'scoping', daysInPhase: 0, gateStatus: 'blocked' });
    const row = await domainRow(domain.id);
    expect(row).toMatchObject({ stage: 'scoping', gateRound: 1 });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'domain.advance' });
    expect(audit).toMatchObject({ domainId: domain.id, actorId: ds.user.id, before: { stage: 'specs', round: 1 } });
    expect(audit.after).toMatchObject({ stage: 'scoping', round: 1, auto: false });
    // Both signers of the next gate are asked, the lead who advanced too: Reviews shows it waiting for them.
    const inbox = await ctx.dataSource.getRepository(Notification).findBy({ kind: 'signoff_requested' });
    expect(inbox.map((n) => n.userId).sort()).toEqual([product.user.id, ds.user.id].sort());
    for (const entry of inbox) {
      expect(entry).toMatchObject({ domainId: domain.id, entityType: 'domain', entityId: 'RET', resolvedAt: null });
    }
  });

  it('a blocked gate answers 409 gate_blocked with the blocking reasons and changes nothing', async () => {
    const { domain, ds } = await openGate('scoping', false);
    await makeTicketRow(ctx, domain, { priority: 'critical', phase: 'scoping' });
    const res = await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(409);
    expect(res.body.code).toBe('gate_blocked');
    expect(res.body.blocking).toEqual([
      { code: 'criterion_failed', criterion: 'no_open_high_scoping_tickets', value: 1, threshold: '= 0', limits: [] },
      { code: 'signoff_missing', role: 'ds_lead' },
      { code: 'signoff_missing', role: 'product_lead' },
    ]);
    expect((await domainRow(domain.id)).stage).toBe('scoping');
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'domain.advance' })).toBe(0);
  });

  it('only a lead or an admin may advance (403), 401 without a user', async () => {
    const { domain } = await openGate('specs');
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    const member = await signedIn(ctx, 'member');
    const viewerLead = await makeDomainUser(ctx, domain, ['ds_lead'], { role: 'viewer' });
    for (const auth of [contributor.auth, member.auth, viewerLead.auth]) {
      expect((await request(ctx.app).post('/api/v1/domains/RET/advance').set(auth)).status).toBe(403);
    }
    await request(ctx.app).post('/api/v1/domains/RET/advance').expect(401);
    expect((await domainRow(domain.id)).stage).toBe('specs');
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app).post('/api/v1/domains/RET/advance').set(admin.auth).expect(200);
  });

  it('walks the whole lifecycle to certified, then there is no gate left', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    const sponsor = await makeDomainUser(ctx, domain, ['sponsor'], { role: 'viewer' });
    for (const stage of ['specs', 'scoping', 'handoff', 'weirdness', 'confidence'] as const) {
      // weirdness is observed for weeks before its gate can pass: six quiet weeks go by
      if (stage === 'weirdness') ctx.setNow(new Date(Date.now() + 6 * 7 * 86_400_000));
      await satisfyCriteria(ctx, { ...domain, stage } as DomainRow);
      await sign('RET', ds.auth).expect(201);
      if (stage !== 'specs') await sign('RET', product.auth).expect(201);
      if (stage === 'confidence') await sign('RET', sponsor.auth).expect(201);
      const res = await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(200);
      expect(res.body.stage).toBe(
        {
          specs: 'scoping',
          scoping: 'handoff',
          handoff: 'weirdness',
          weirdness: 'confidence',
          confidence: 'certified',
        }[stage],
      );
    }
    const certified = await request(ctx.app).get('/api/v1/domains/RET').set(ds.auth).expect(200);
    expect(certified.body).toMatchObject({ stage: 'certified', gateStatus: 'none' });
    expect(certified.body.can).toMatchObject({ advance: false, sign: false, recycle: true });
    const again = await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('auto-advance: the approval that opens the gate advances in the same transaction', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping', autoAdvance: true });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const product = await makeDomainUser(ctx, domain, ['product_lead']);
    await satisfyCriteria(ctx, domain);
    const first = await sign('RET', ds.auth).expect(201);
    expect(first.body.advanced).toBe(false);
    expect((await domainRow(domain.id)).stage).toBe('scoping');
    const last = await sign('RET', product.auth).expect(201);
    expect(last.body.advanced).toBe(true);
    expect((await domainRow(domain.id)).stage).toBe('handoff');
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'domain.advance' });
    expect(audit).toMatchObject({
      actorId: product.user.id,
      after: expect.objectContaining({ auto: true, stage: 'handoff' }),
    });
  });

  it('auto-advance does not move a held domain', async () => {
    const domain = await makeDomain(ctx, {
      key: 'RET',
      stage: 'specs',
      autoAdvance: true,
      held: true,
      holdReason: 'Reorg',
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await satisfyCriteria(ctx, domain);
    expect((await sign('RET', ds.auth).expect(201)).body.advanced).toBe(false);
    expect((await domainRow(domain.id)).stage).toBe('specs');
  });
});

describe('POST /domains/:key/recycle', () => {
  it('sends the domain back with a reason, starts new rounds, and keeps past rounds readable', async () => {
    const { domain, ds } = await openGate('specs');
    await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(200);
    await ctx.dataSource.query(`UPDATE domain SET at_risk = true, at_risk_reason = 'x' WHERE id = $1`, [domain.id]);
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/recycle')
      .set(ds.auth)
      .send({ toPhase: 'specs', reason: 'A new stakeholder showed up' })
      .expect(200);
    expect(res.body).toMatchObject({ stage: 'specs', atRisk: false });
    expect(await domainRow(domain.id)).toMatchObject({ stage: 'specs', gateRound: 2, atRisk: false });
    const gate = await request(ctx.app).get('/api/v1/domains/RET/gate').set(ds.auth).expect(200);
    expect(gate.body).toMatchObject({ round: 2, open: false });
    expect(gate.body.roles[0].signOff).toBeNull();
    expect(gate.body.blocking).toEqual([{ code: 'signoff_missing', role: 'ds_lead' }]);
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'domain.recycle' });
    expect(audit.after).toMatchObject({ stage: 'specs', round: 2, reason: 'A new stakeholder showed up' });
    // the round-1 decision is still there, with its evidence
    const decisions = await request(ctx.app).get('/api/v1/reviews/decisions?domain=RET').set(ds.auth).expect(200);
    expect(decisions.body.items).toHaveLength(1);
    expect(decisions.body.items[0]).toMatchObject({ round: 1, phase: 'specs', domainKey: 'RET' });
    expect(decisions.body.items[0].evidence.criteria).toHaveLength(3);
  });

  it('only to an earlier phase (409 invalid_transition); bad phase 400; non-lead 403', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    const later = await request(ctx.app)
      .post('/api/v1/domains/RET/recycle')
      .set(ds.auth)
      .send({ toPhase: 'handoff', reason: 'x' })
      .expect(409);
    expect(later.body).toMatchObject({ code: 'invalid_transition', allowed: ['specs'] });
    await request(ctx.app)
      .post('/api/v1/domains/RET/recycle')
      .set(ds.auth)
      .send({ toPhase: 'scoping', reason: 'x' })
      .expect(409);
    const bad = await request(ctx.app)
      .post('/api/v1/domains/RET/recycle')
      .set(ds.auth)
      .send({ toPhase: 'nowhere', reason: '' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reason', 'toPhase']);
    await request(ctx.app)
      .post('/api/v1/domains/RET/recycle')
      .set(contributor.auth)
      .send({ toPhase: 'specs', reason: 'x' })
      .expect(403);
    await request(ctx.app).post('/api/v1/domains/RET/recycle').send({ toPhase: 'specs', reason: 'x' }).expect(401);
    expect((await domainRow(domain.id)).stage).toBe('scoping');
  });

  it('a certified domain can fall back to any phase', async () => {
    const domain = await makeDomain(ctx, {
      key: 'RET',
      stage: 'certified',
      atRisk: true,
      atRiskReason: 'Rising oddity rate',
    });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    await request(ctx.app)
      .post('/api/v1/domains/RET/recycle')
      .set(ds.auth)
      .send({ toPhase: 'scoping', reason: 'New data must be collected' })
      .expect(200);
    expect(await domainRow(domain.id)).toMatchObject({ stage: 'scoping', atRisk: false, atRiskReason: null });
  });
});

describe('hold and resume', () => {
  it('nothing advances while held; resume lets it go again', async () => {
    const { domain, ds } = await openGate('specs');
    const held = await request(ctx.app)
      .post('/api/v1/domains/RET/hold')
      .set(ds.auth)
      .send({ reason: 'Waiting for the data platform migration' })
      .expect(200);
    expect(held.body).toMatchObject({
      held: true,
      holdReason: 'Waiting for the data platform migration',
      gateStatus: 'blocked',
    });
    expect(held.body.can).toMatchObject({ hold: false, resume: true, advance: false });
    const blocked = await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(409);
    expect(blocked.body.code).toBe('domain_on_hold');
    const gate = await request(ctx.app).get('/api/v1/domains/RET/gate').set(ds.auth).expect(200);
    expect(gate.body.blocking).toEqual([{ code: 'domain_on_hold' }]);
    await request(ctx.app).post('/api/v1/domains/RET/hold').set(ds.auth).send({ reason: 'again' }).expect(409);
    await request(ctx.app)
      .post('/api/v1/domains/RET/resume')
      .set(ds.auth)
      .send({ reason: 'Migration done' })
      .expect(200);
    expect(await domainRow(domain.id)).toMatchObject({ held: false, holdReason: null, stage: 'specs' });
    await request(ctx.app).post('/api/v1/domains/RET/resume').set(ds.auth).send({}).expect(409);
    await request(ctx.app).post('/api/v1/domains/RET/advance').set(ds.auth).expect(200);
    const actions = (
      await ctx.dataSource.getRepository(AuditEvent).find({ where: { domainId: domain.id }, order: { id: 'ASC' } })
    ).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('domain.'))).toEqual(['domain.hold', 'domain.resume', 'domain.advance']);
  });

  it('hold needs a reason (400) and a lead (403); 401 without a user', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const contributor = await makeDomainUser(ctx, domain, ['contributor']);
    await request(ctx.app).post('/api/v1/domains/RET/hold').set(ds.auth).send({ reason: '   ' }).expect(400);
    await request(ctx.app).post('/api/v1/domains/RET/hold').set(ds.auth).send({}).expect(400);
    await request(ctx.app).post('/api/v1/domains/RET/hold').set(contributor.auth).send({ reason: 'x' }).expect(403);
    await request(ctx.app).post('/api/v1/domains/RET/hold').send({ reason: 'x' }).expect(401);
    await request(ctx.app).post('/api/v1/domains/RET/resume').set(contributor.auth).send({}).expect(403);
    await request(ctx.app).post('/api/v1/domains/RET/resume').send({}).expect(401);
    await request(ctx.app).post('/api/v1/domains/RET/resume').set(ds.auth).send({ reason: 5 }).expect(400);
    expect((await domainRow(domain.id)).held).toBe(false);
  });
});

describe('waivers', () => {
  it('an admin waives a failing criterion with a reason: it counts as satisfied and shows who and why', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const admin = await signedIn(ctx, 'admin');
    await makeTicketRow(ctx, domain, { kind: 'problem', status: 'done' });
    await sign('RET', ds.auth).expect(201);
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .set(admin.auth)
      .send({ criterion: 'stakeholders_recorded', reason: 'Internal tool: the team is the stakeholder' })
      .expect(201);
    expect(res.body).toMatchObject({
      criterion: 'stakeholders_recorded',
      phase: 'specs',
      by: { id: admin.user.id },
      revokedAt: null,
    });
    const gate = (await request(ctx.app).get('/api/v1/domains/RET/gate').set(ds.auth).expect(200)).body;
    const waived = gate.criteria.find((c: { key: string }) => c.key === 'stakeholders_recorded');
    expect(waived).toMatchObject({
      passed: false,
      waived: true,
      waiver: { reason: 'Internal tool: the team is the stakeholder', by: admin.user.name, id: res.body.id },
    });
    expect(gate.open).toBe(true);
    expect(gate.waivers).toHaveLength(1);
    // the waiver is not a change of evidence: the approval stays fresh
    expect(gate.roles[0].signOff.stale).toBe(false);
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'waiver.create', domainId: domain.id }),
    ).toBe(1);

    await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .set(admin.auth)
      .send({ criterion: 'stakeholders_recorded', reason: 'again' })
      .expect(409);
    await request(ctx.app).delete(`/api/v1/domains/RET/waivers/${res.body.id}`).set(admin.auth).expect(204);
    expect((await ctx.dataSource.getRepository(Waiver).findOneByOrFail({ id: res.body.id })).revokedAt).not.toBeNull();
    const after = (await request(ctx.app).get('/api/v1/domains/RET/gate').set(ds.auth).expect(200)).body;
    expect(after.open).toBe(false);
    expect(after.waivers).toEqual([]);
  });

  it('admins only (403); the criterion must belong to the current gate (400); 401; unknown waiver 404', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    const ds = await makeDomainUser(ctx, domain, ['ds_lead']);
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .set(ds.auth)
      .send({ criterion: 'stakeholders_recorded', reason: 'x' })
      .expect(403);
    await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .send({ criterion: 'stakeholders_recorded', reason: 'x' })
      .expect(401);
    const other = await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .set(admin.auth)
      .send({ criterion: 'metric_ready', reason: 'x' })
      .expect(400);
    expect(other.body.errors[0].field).toBe('criterion');
    await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .set(admin.auth)
      .send({ criterion: 'made_up', reason: 'x' })
      .expect(400);
    await request(ctx.app)
      .post('/api/v1/domains/RET/waivers')
      .set(admin.auth)
      .send({ criterion: 'stakeholders_recorded' })
      .expect(400);
    expect(await ctx.dataSource.getRepository(Waiver).count()).toBe(0);
    await request(ctx.app)
      .delete('/api/v1/domains/RET/waivers/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .expect(404);
    await request(ctx.app).delete('/api/v1/domains/RET/waivers/not-a-uuid').set(admin.auth).expect(404);
    await request(ctx.app).delete('/api/v1/domains/RET/waivers/00000000-0000-4000-8000-000000000000').expect(401);
    await request(ctx.app)
      .delete('/api/v1/domains/RET/waivers/00000000-0000-4000-8000-000000000000')
      .set(ds.auth)
      .expect(403);
  });

  it('a waiver of one phase does not carry into another phase', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    await ctx.dataSource.getRepository(Waiver).insert({
      domainId: domain.id,
      phase: 'specs',
      criterion: 'stakeholders_recorded',
      reason: 'x',
      userId: domain.id,
    });
    const { auth } = await signedIn(ctx);
    const gate = (await request(ctx.app).get('/api/v1/domains/RET/gate').set(auth).expect(200)).body;
    expect(gate.waivers).toEqual([]);
    expect(await ctx.dataSource.getRepository(SignOff).count()).toBe(0);
  });
});
