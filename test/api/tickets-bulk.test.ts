import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { makeDomain, makeTicket } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const tickets = () => ctx.dataSource.getRepository(Ticket);
const bulk = (key: string) => `/api/v1/domains/${key}/tickets/bulk`;

/** Every ticket row as it stands, to prove a refused request changed nothing. */
async function snapshot() {
  const rows = await tickets().find({ order: { key: 'ASC' } });
  const audits = await ctx.dataSource.getRepository(AuditEvent).count();
  const notifications = await ctx.dataSource.getRepository(Notification).count();
  return { rows, audits, notifications };
}

describe('POST /domains/:key/tickets/bulk', () => {
  it('401, 403 for a viewer, 400 for a bad body; nothing changes', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    const body = { ticketKeys: ['RET-1'], changes: { status: 'done' } };
    const before = await snapshot();
    await request(ctx.app).post(bulk('RET')).send(body).expect(401);
    const forbidden = await request(ctx.app).post(bulk('RET')).set(viewer.auth).send(body).expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    for (const bad of [
      {},
      { ticketKeys: [], changes: { status: 'done' } },
      { ticketKeys: Array.from({ length: 201 }, (_, i) => `RET-${i + 1}`), changes: { status: 'done' } },
      { ticketKeys: ['RET-1'] },
      { ticketKeys: ['RET-1'], changes: {} },
      { ticketKeys: ['RET-1'], changes: { status: 'finished' } },
      { ticketKeys: ['RET-1'], changes: { assigneeId: 'bob' } },
      { ticketKeys: ['RET-1'], changes: { addLabels: [''] } },
      { ticketKeys: ['not a key'], changes: { status: 'done' } },
      { ticketKeys: 'RET-1', changes: { status: 'done' } },
    ]) {
      const res = await request(ctx.app).post(bulk('RET')).set(member.auth).send(bad);
      expect([res.status, res.body.code, bad]).toEqual([400, 'validation_failed', bad]);
    }
    await request(ctx.app).post(bulk('NOPE')).set(member.auth).send(body).expect(404);
    expect(await snapshot()).toEqual(before);
  });

  it('changes status, assignee and labels of many tickets: one audit event each, assignment notified', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain, labels: ['keep', 'old'] });
    await makeTicket(ctx, { domain, labels: ['old'] });
    await makeTicket(ctx, { domain, labels: [] });
    await makeTicket(ctx, { domain, title: 'untouched' });
    const { auth, user } = await signedIn(ctx);
    const assignee = await makeUser(ctx.dataSource);
    const res = await request(ctx.app)
      .post(bulk('ret'))
      .set(auth)
      .send({
        ticketKeys: ['RET-3', 'ret-1', 'RET-2', 'RET-1'],
        changes: { status: 'in_progress', assigneeId: assignee.id, addLabels: ['new', ' new '], removeLabels: ['old'] },
      })
      .expect(200);
    expect(res.body.tickets.map((t: { key: string }) => t.key)).toEqual(['RET-3', 'RET-1', 'RET-2']);
    expect(res.body.tickets[1]).toMatchObject({
      status: 'in_progress',
      assignee: { id: assignee.id },
      labels: ['keep', 'new'],
      version: 2,
      can: { edit: true },
    });
    const rows = await tickets().find({ order: { number: 'ASC' } });
    expect(rows.map((t) => [t.key, t.status, t.assigneeId, t.labels])).toEqual([
      ['RET-1', 'in_progress', assignee.id, ['keep', 'new']],
      ['RET-2', 'in_progress', assignee.id, ['new']],
      ['RET-3', 'in_progress', assignee.id, ['new']],
      ['RET-4', 'open', null, []],
    ]);
    const audits = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'ticket.update' });
    expect(audits).toHaveLength(3);
    expect(new Set(audits.map((audit) => audit.entityId))).toEqual(new Set(rows.slice(0, 3).map((t) => t.id)));
    expect(audits.every((audit) => audit.domainId === domain.id && audit.actorId === user.id)).toBe(true);
    expect(audits.find((audit) => audit.entityId === rows[0].id)).toMatchObject({
      before: expect.objectContaining({ status: 'open', labels: ['keep', 'old'], assigneeId: null }),
      after: expect.objectContaining({ status: 'in_progress', labels: ['keep', 'new'], assigneeId: assignee.id }),
    });
    const notes = await ctx.dataSource.getRepository(Notification).findBy({ userId: assignee.id, kind: 'assigned' });
    expect(notes.map((note) => note.entityId).sort()).toEqual(['RET-1', 'RET-2', 'RET-3']);

    // unassign only: no new notification, labels untouched
    await request(ctx.app)
      .post(bulk('RET'))
      .set(auth)
      .send({ ticketKeys: ['RET-1'], changes: { assigneeId: null } })
      .expect(200);
    expect(await tickets().findOneByOrFail({ key: 'RET-1' })).toMatchObject({
      assigneeId: null,
      labels: ['keep', 'new'],
    });
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: assignee.id })).toBe(3);
  });

  it('all or nothing: an unknown key (404), a ticket of another domain or a bad assignee (400) change nothing', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const other = await makeDomain(ctx, { key: 'PAY' });
    await makeTicket(ctx, { domain });
    await makeTicket(ctx, { domain });
    await makeTicket(ctx, { domain: other });
    const inactive = await makeUser(ctx.dataSource, { active: false });
    const { auth } = await signedIn(ctx);
    const before = await snapshot();
    const unknown = await request(ctx.app)
      .post(bulk('RET'))
      .set(auth)
      .send({ ticketKeys: ['RET-1', 'RET-9'], changes: { status: 'done' } })
      .expect(404);
    expect(unknown.body.detail).toContain('RET-9');
    const foreign = await request(ctx.app)
      .post(bulk('RET'))
      .set(auth)
      .send({ ticketKeys: ['RET-1', 'PAY-1'], changes: { status: 'done' } })
      .expect(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'ticketKeys' })]);
    for (const assigneeId of [inactive.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await request(ctx.app)
        .post(bulk('RET'))
        .set(auth)
        .send({ ticketKeys: ['RET-1', 'RET-2'], changes: { status: 'done', assigneeId } })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    }
    // labels past the per-ticket maximum on the second ticket: the first is rolled back too
    await tickets().update({ key: 'RET-2' }, { labels: Array.from({ length: 20 }, (_, i) => `l${i}`) });
    const full = await snapshot();
    await request(ctx.app)
      .post(bulk('RET'))
      .set(auth)
      .send({ ticketKeys: ['RET-1', 'RET-2'], changes: { status: 'done', addLabels: ['extra'] } })
      .expect(400);
    expect(await snapshot()).toEqual(full);
    expect(before.rows[0]).toEqual(full.rows[0]);
  });

  it('reopening done tickets of the current phase marks the gate sign-offs stale, like PATCH', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping', gateRound: 1 });
    await makeTicket(ctx, { domain, status: 'done', phase: 'scoping' });
    await makeTicket(ctx, { domain, status: 'done', phase: 'scoping' });
    const signer = await makeUser(ctx.dataSource);
    const fresh = await ctx.dataSource.getRepository(SignOff).save({
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
    await request(ctx.app)
      .post(bulk('RET'))
      .set(auth)
      .send({ ticketKeys: ['RET-1', 'RET-2'], changes: { status: 'open' } })
      .expect(200);
    const stale = await ctx.dataSource.getRepository(SignOff).findOneByOrFail({ id: fresh.id });
    expect(stale.staleAt?.toISOString()).toBe(now.toISOString());
    expect(stale.staleReason).toBe('Ticket RET-1 reopened; Ticket RET-2 reopened');
    expect(await ctx.dataSource.getRepository(Notification).findBy({ userId: signer.id })).toEqual([
      expect.objectContaining({ kind: 'signoff_requested', domainId: domain.id }),
    ]);
  });
});
