import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { makeDomain, makeTicket, race } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const tickets = () => ctx.dataSource.getRepository(Ticket);

describe('PATCH /tickets/:ticketKey', () => {
  it('401, 403 for a viewer, 400 for a bad body, 404 for an unknown ticket; nothing changes', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const ticket = await makeTicket(ctx, { domain });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    await request(ctx.app).patch('/api/v1/tickets/RET-1').set('If-Match', '1').send({ title: 'x' }).expect(401);
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(viewer.auth)
      .set('If-Match', '1')
      .send({ title: 'x' })
      .expect(403);
    const bad = await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(member.auth)
      .set('If-Match', '1')
      .send({ title: null, status: 'closed', labels: 'a' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['labels', 'status', 'title']);
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(member.auth)
      .set('If-Match', 'abc')
      .send({ title: 'x' })
      .expect(400);
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-9')
      .set(member.auth)
      .set('If-Match', '1')
      .send({ title: 'x' })
      .expect(404);
    expect(await tickets().findOneByOrFail({ id: ticket.id })).toMatchObject({ title: ticket.title, version: 1 });
  });

  it('needs a version (428) and refuses a stale one (412); body version works too', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain });
    const { auth } = await signedIn(ctx);
    const missing = await request(ctx.app).patch('/api/v1/tickets/RET-1').set(auth).send({ title: 'x' }).expect(428);
    expect(missing.body.code).toBe('precondition_required');
    const ok = await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '1')
      .send({ title: 'First edit' })
      .expect(200);
    expect(ok.body).toMatchObject({ title: 'First edit', version: 2 });
    const stale = await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '"1"')
      .send({ title: 'Second edit' })
      .expect(412);
    expect(stale.body.code).toBe('version_conflict');
    const viaBody = await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .send({ title: 'Third edit', version: 2 })
      .expect(200);
    expect(viaBody.body.version).toBe(3);
    expect(await tickets().findOneByOrFail({ key: 'RET-1' })).toMatchObject({ title: 'Third edit', version: 3 });
  });

  it('concurrent edits at the same version: exactly one wins, the others get 412', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain });
    const { auth } = await signedIn(ctx);
    const responses = await race(20, (i) =>
      request(ctx.app)
        .patch('/api/v1/tickets/RET-1')
        .set(auth)
        .set('If-Match', '1')
        .send({ title: `edit ${i}` }),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(412)]);
    const winner = responses.find((r) => r.status === 200)!;
    expect(await tickets().findOneByOrFail({ key: 'RET-1' })).toMatchObject({ title: winner.body.title, version: 2 });
  });

  it('changes status, fields and assignment; notifies the new assignee; audits before and after', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const ticket = await makeTicket(ctx, { domain });
    const { auth, user } = await signedIn(ctx);
    const assignee = await makeUser(ctx.dataSource);
    const res = await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '1')
      .send({
        status: 'in_progress',
        priority: 'critical',
        assigneeId: assignee.id,
        dueDate: '2027-01-15',
        labels: ['x'],
        kind: 'request',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      priority: 'critical',
      assignee: { id: assignee.id },
      dueDate: '2027-01-15',
      labels: ['x'],
      kind: 'request',
    });
    expect(await ctx.dataSource.getRepository(Notification).findBy({ userId: assignee.id })).toEqual([
      expect.objectContaining({ kind: 'assigned', entityId: 'RET-1' }),
    ]);
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'ticket.update' });
    expect(audit).toMatchObject({ entityId: ticket.id, domainId: domain.id, actorId: user.id });
    expect(audit.before).toMatchObject({ status: 'open', priority: 'medium', assigneeId: null });
    expect(audit.after).toMatchObject({ status: 'in_progress', priority: 'critical', assigneeId: assignee.id });
    // unassign and clear the due date: no new notification
    const cleared = await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '2')
      .send({ assigneeId: null, dueDate: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ assignee: null, dueDate: null });
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: assignee.id })).toBe(1);
  });

  it('reopening a done ticket of the current phase marks the fresh sign-offs stale and asks the signer again', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping', gateRound: 2 });
    await makeTicket(ctx, { domain, status: 'done', phase: 'scoping' });
    await makeTicket(ctx, { domain, status: 'done', phase: 'specs' });
    const signer = await makeUser(ctx.dataSource);
    const signOffs = ctx.dataSource.getRepository(SignOff);
    const fresh = await signOffs.save({
      domainId: domain.id,
      phase: 'scoping',
      round: 2,
      role: 'ds_lead',
      userId: signer.id,
      decision: 'approve',
      evidence: {} as never,
    });
    const oldRound = await signOffs.save({
      domainId: domain.id,
      phase: 'scoping',
      round: 1,
      role: 'ds_lead',
      userId: signer.id,
      decision: 'approve',
      evidence: {} as never,
    });
    const { auth } = await signedIn(ctx);
    const now = new Date('2026-11-21T09:00:00Z');
    ctx.setNow(now);

    // reopening a ticket of another phase leaves the gate alone
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-2')
      .set(auth)
      .set('If-Match', '1')
      .send({ status: 'open' })
      .expect(200);
    expect((await signOffs.findOneByOrFail({ id: fresh.id })).staleAt).toBeNull();

    await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '1')
      .send({ status: 'in_progress' })
      .expect(200);
    const stale = await signOffs.findOneByOrFail({ id: fresh.id });
    expect(stale.staleAt?.toISOString()).toBe(now.toISOString());
    expect(stale.staleReason).toBe('Ticket RET-1 reopened');
    expect((await signOffs.findOneByOrFail({ id: oldRound.id })).staleAt).toBeNull();
    expect(await ctx.dataSource.getRepository(Notification).findBy({ userId: signer.id })).toEqual([
      expect.objectContaining({ kind: 'signoff_requested', domainId: domain.id }),
    ]);
  });

  it('a status change that is not a reopen keeps sign-offs fresh', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'specs' });
    await makeTicket(ctx, { domain, status: 'open', phase: 'specs' });
    const signer = await makeUser(ctx.dataSource);
    const signOff = await ctx.dataSource.getRepository(SignOff).save({
      domainId: domain.id,
      phase: 'specs',
      round: 1,
      role: 'ds_lead',
      userId: signer.id,
      decision: 'approve',
      evidence: {} as never,
    });
    const { auth } = await signedIn(ctx);
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '1')
      .send({ status: 'done' })
      .expect(200);
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '2')
      .send({ status: 'wont_do' })
      .expect(200);
    expect((await ctx.dataSource.getRepository(SignOff).findOneByOrFail({ id: signOff.id })).staleAt).toBeNull();
  });
});
