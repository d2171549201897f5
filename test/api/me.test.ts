import request from 'supertest';
import type { TicketView } from '../../shared/api/tickets';
import { makeDomain, makeTicket } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

describe('GET /me/work', () => {
  it('401 without auth', async () => {
    await request(ctx.app).get('/api/v1/me/work').expect(401);
  });

  it('lists my open tickets across domains by priority then due date, with can flags, and an investigations list', async () => {
    const ret = await makeDomain(ctx, { key: 'RET' });
    const bil = await makeDomain(ctx, { key: 'BIL' });
    const { auth, user } = await signedIn(ctx);
    const someone = await makeUser(ctx.dataSource);
    await makeTicket(ctx, { domain: ret, assigneeId: user.id, priority: 'medium', dueDate: '2026-12-01' }); // RET-1
    await makeTicket(ctx, { domain: ret, assigneeId: user.id, priority: 'critical', status: 'blocked' }); // RET-2
    await makeTicket(ctx, {
      domain: bil,
      assigneeId: user.id,
      priority: 'medium',
      dueDate: '2026-11-25',
      status: 'in_progress',
    }); // BIL-1
    await makeTicket(ctx, { domain: bil, assigneeId: user.id, priority: 'high', status: 'done' }); // BIL-2: closed
    await makeTicket(ctx, { domain: bil, assigneeId: someone.id, priority: 'critical' }); // BIL-3: someone else's
    await makeTicket(ctx, { domain: ret, assigneeId: user.id, priority: 'medium' }); // RET-3: no due date
    const res = await request(ctx.app).get('/api/v1/me/work').set(auth).expect(200);
    expect(res.body.tickets.map((t: TicketView) => t.key)).toEqual(['RET-2', 'BIL-1', 'RET-1', 'RET-3']);
    expect(res.body.tickets[0]).toMatchObject({
      domainKey: 'RET',
      assignee: { id: user.id },
      can: { edit: true, comment: true },
    });
    expect(res.body.investigations).toEqual([]);
  });

  it('a viewer sees their assigned tickets read-only; nobody sees more than 100', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const viewer = await signedIn(ctx, 'viewer');
    await makeTicket(ctx, { domain, assigneeId: viewer.user.id });
    const res = await request(ctx.app).get('/api/v1/me/work').set(viewer.auth).expect(200);
    expect(res.body.tickets).toHaveLength(1);
    expect(res.body.tickets[0].can).toEqual({ edit: false, comment: false });
    const busy = await signedIn(ctx);
    await ctx.dataSource.query(`UPDATE "domain" SET ticket_seq = 200 WHERE id = $1`, [domain.id]);
    await ctx.dataSource.query(
      `INSERT INTO ticket (domain_id, number, key, kind, title, phase, status, priority, assignee_id, version)
       SELECT $1, n, 'RET-' || n, 'task', 'T' || n, 'specs', 'open', 'low', $2, 1 FROM generate_series(10, 114) AS n`,
      [domain.id, busy.user.id],
    );
    const capped = await request(ctx.app).get('/api/v1/me/work').set(busy.auth).expect(200);
    expect(capped.body.tickets).toHaveLength(100);
  });
});
