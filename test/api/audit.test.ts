import request from 'supertest';
import { COUNT_CAP } from '../../server/db/capped-count';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { makeDomain } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

describe('audit log', () => {
  it('a successful mutation writes one audit event in its transaction; a failed one writes none', async () => {
    const admin = await signedIn(ctx, 'admin');
    const before = await ctx.dataSource.getRepository(AuditEvent).count();
    await request(ctx.app)
      .post('/api/v1/users')
      .set(admin.auth)
      .set('x-request-id', 'req-audit-1')
      .send({ email: 'a@example.test', name: 'A', password: 'long enough password', role: 'member' })
      .expect(201);
    const events = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'user.create' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.user.id, entityType: 'user', requestId: 'req-audit-1' });
    expect(JSON.stringify(events[0].after)).not.toContain('password');

    await request(ctx.app)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'a@example.test', name: 'A again', password: 'long enough password', role: 'member' })
      .expect(409);
    expect(await ctx.dataSource.getRepository(AuditEvent).count()).toBe(before + 1);
  });

  it('is append-only in the database: UPDATE and DELETE are rejected', async () => {
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app).post('/api/v1/tokens').set(admin.auth).send({ name: 't' }).expect(201);
    await expect(ctx.dataSource.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(ctx.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'forged' })).toBe(0);
  });

  it('GET /audit is for admins, filtered and paginated', async () => {
    const admin = await signedIn(ctx, 'admin');
    const member = await signedIn(ctx, 'member');
    for (let i = 0; i < 3; i++) await request(ctx.app).post('/api/v1/tokens').set(member.auth).send({ name: `t${i}` }).expect(201);
    await request(ctx.app).get('/api/v1/audit').expect(401);
    await request(ctx.app).get('/api/v1/audit').set(member.auth).expect(403);
    await request(ctx.app).get('/api/v1/audit?from=yesterday').set(admin.auth).expect(400);
    const first = await request(ctx.app).get(`/api/v1/audit?actor=${member.user.id}&action=token.create&limit=2`).set(admin.auth).expect(200);
    expect(first.body.total).toBe(3);
    expect(first.body.totalCapped).toBe(false);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await request(ctx.app).get(`/api/v1/audit?actor=${member.user.id}&action=token.create&limit=2&cursor=${first.body.nextCursor}`).set(admin.auth).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].actorName).toBe(member.user.name);
  });

  it('says each event in words and links it to what it names', async () => {
    const admin = await signedIn(ctx, 'admin', { name: 'Ada' });
    await request(ctx.app).post('/api/v1/domains').set(admin.auth).send({ key: 'RET', name: 'Retention' }).expect(201);
    const ticket = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(admin.auth)
      .send({ kind: 'problem', title: 'Two churn numbers', phase: 'specs' })
      .expect(201);
    await request(ctx.app)
      .post('/api/v1/root-causes')
      .set(admin.auth)
      .send({ key: 'vendor_outage', label: 'Vendor outage' })
      .expect(201);
    const res = await request(ctx.app).get('/api/v1/audit?order=asc').set(admin.auth).expect(200);
    const byAction = Object.fromEntries(
      res.body.items.map((e: { action: string; summary: string; link: unknown }) => [e.action, e]),
    );
    expect(byAction['domain.create']).toMatchObject({ summary: 'Ada created the domain RET', link: { to: 'gate' } });
    expect(byAction['ticket.create']).toMatchObject({
      summary: `Ada created ${ticket.body.key} "Two churn numbers"`,
      link: { to: 'ticket', ref: ticket.body.key },
    });
    expect(byAction['root_cause.create'].link).toEqual({ to: 'root_causes' });
  });

  it('counts at most COUNT_CAP matches and says so, while the pages go on to the end', async () => {
    const admin = await signedIn(ctx, 'admin');
    // Inserting is what the append-only log allows; a bulk insert stands in for years of history.
    const domain = await makeDomain(ctx);
    await ctx.dataSource.query(
      `INSERT INTO audit_event (action, entity_type, entity_id, domain_id) SELECT 'bulk.test', 'bulk', g::text, $2 FROM generate_series(1, $1) g`,
      [COUNT_CAP + 5, domain.id],
    );
    const first = await request(ctx.app).get('/api/v1/audit?action=bulk.test&limit=200').set(admin.auth).expect(200);
    expect(first.body).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    let seen = first.body.items.length;
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await request(ctx.app).get('/api/v1/audit').query({ action: 'bulk.test', limit: 200, cursor }).set(admin.auth).expect(200);
      seen += page.body.items.length;
      cursor = page.body.nextCursor;
    }
    expect(seen).toBe(COUNT_CAP + 5);
    const exact = await request(ctx.app).get('/api/v1/audit?action=bulk.test&entityId=7').set(admin.auth).expect(200);
    expect(exact.body).toMatchObject({ total: 1, totalCapped: false });
    // the domain's timeline reads the same log and counts the same way
    const timeline = await request(ctx.app).get(`/api/v1/domains/${domain.key}/events?limit=5`).set(admin.auth).expect(200);
    expect(timeline.body).toMatchObject({ total: COUNT_CAP, totalCapped: true });
  });
});
