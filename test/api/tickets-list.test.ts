import request from 'supertest';
import type { TicketView } from '../../shared/api/tickets';
import { Comment } from '../../server/modules/tickets/comment.entity';
import { makeDomain, makeTicket } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

/** Follows nextCursor through every page. */
async function allPages(
  path: string,
  auth: Record<string, string>,
  query: Record<string, string | number>,
): Promise<{ keys: string[]; pages: number; total: number }> {
  const keys: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = 0;
  do {
    const res: request.Response = await request(ctx.app)
      .get(path)
      .set(auth)
      .query({ ...query, ...(cursor ? { cursor } : {}) })
      .expect(200);
    keys.push(...res.body.items.map((t: TicketView) => t.key));
    cursor = res.body.nextCursor;
    total = res.body.total;
    pages += 1;
  } while (cursor);
  return { keys, pages, total };
}

describe('GET /domains/:key/tickets', () => {
  it('401 without auth, 404 for an unknown domain, 400 for bad filters', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const { auth } = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains/RET/tickets').expect(401);
    await request(ctx.app).get('/api/v1/domains/NOPE/tickets').set(auth).expect(404);
    for (const query of [
      { status: 'open,closed' },
      { sort: 'title' },
      { assignee: 'someone' },
      { limit: 0 },
      { limit: 500 },
      { phase: 'x' },
      { cursor: 'garbage' },
      { unknown: 1 },
    ]) {
      const res = await request(ctx.app).get('/api/v1/domains/RET/tickets').set(auth).query(query).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('returns views with users and comment counts; a viewer may read but not edit', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const assignee = await makeUser(ctx.dataSource, { name: 'Ada Lovelace' });
    const reporter = await makeUser(ctx.dataSource);
    const ticket = await makeTicket(ctx, { domain, assigneeId: assignee.id, reporterId: reporter.id, labels: ['a'] });
    await makeTicket(ctx, { domain });
    await ctx.dataSource.getRepository(Comment).save(
      [1, 2, 3].map((n) => ({
        subjectType: 'ticket' as const,
        subjectId: ticket.id,
        domainId: domain.id,
        body: `c${n}`,
      })),
    );
    const { auth } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).get('/api/v1/domains/RET/tickets').set(auth).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toMatchObject({
      key: 'RET-1',
      domainKey: 'RET',
      assignee: { id: assignee.id, name: 'Ada Lovelace', email: assignee.email },
      reporter: { id: reporter.id },
      commentCount: 3,
      labels: ['a'],
      can: { edit: false, comment: false },
    });
    expect(res.body.items[1]).toMatchObject({ key: 'RET-2', assignee: null, commentCount: 0 });
  });

  it('filters by phase, status list, kind, priority, assignee (id, me, none), label and text', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const other = await makeDomain(ctx, { key: 'OTH' });
    const { auth, user } = await signedIn(ctx);
    const someone = await makeUser(ctx.dataSource);
    await makeTicket(ctx, {
      domain,
      phase: 'specs',
      kind: 'problem',
      status: 'done',
      priority: 'high',
      title: 'Churn is unclear',
    }); // RET-1
    await makeTicket(ctx, {
      domain,
      phase: 'scoping',
      kind: 'exploration',
      status: 'open',
      assigneeId: user.id,
      labels: ['q4'],
    }); // RET-2
    await makeTicket(ctx, {
      domain,
      phase: 'scoping',
      kind: 'task',
      status: 'blocked',
      assigneeId: someone.id,
      body: 'needs the 50% sample',
    }); // RET-3
    await makeTicket(ctx, { domain, phase: 'scoping', kind: 'task', status: 'wont_do', priority: 'low' }); // RET-4
    await makeTicket(ctx, { domain: other, title: 'Churn elsewhere' });
    const keys = async (query: Record<string, string>) =>
      (await request(ctx.app).get('/api/v1/domains/RET/tickets').set(auth).query(query).expect(200)).body.items.map(
        (t: TicketView) => t.key,
      );
    expect(await keys({})).toEqual(['RET-1', 'RET-2', 'RET-3', 'RET-4']);
    expect(await keys({ phase: 'scoping' })).toEqual(['RET-2', 'RET-3', 'RET-4']);
    expect(await keys({ status: 'open,blocked' })).toEqual(['RET-2', 'RET-3']);
    expect(await keys({ status: 'done' })).toEqual(['RET-1']);
    expect(await keys({ kind: 'task' })).toEqual(['RET-3', 'RET-4']);
    expect(await keys({ priority: 'high' })).toEqual(['RET-1']);
    expect(await keys({ assignee: 'me' })).toEqual(['RET-2']);
    expect(await keys({ assignee: someone.id })).toEqual(['RET-3']);
    expect(await keys({ assignee: 'none' })).toEqual(['RET-1', 'RET-4']);
    expect(await keys({ label: 'q4' })).toEqual(['RET-2']);
    expect(await keys({ q: 'churn' })).toEqual(['RET-1']);
    expect(await keys({ q: '50%' })).toEqual(['RET-3']);
    expect(await keys({ q: '_' })).toEqual([]);
    expect(await keys({ q: 'ret-4' })).toEqual(['RET-4']);
    expect(await keys({ phase: 'scoping', status: 'open,blocked,done', kind: 'task' })).toEqual(['RET-3']);
  });

  it('sorts by number, -number, priority, dueDate and updatedAt', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain, priority: 'low', dueDate: '2026-12-01' }); // 1
    await makeTicket(ctx, { domain, priority: 'critical' }); // 2
    await makeTicket(ctx, { domain, priority: 'high', dueDate: '2026-11-01' }); // 3
    await makeTicket(ctx, { domain, priority: 'critical', dueDate: '2026-12-01' }); // 4
    const { auth } = await signedIn(ctx);
    const keys = async (sort: string) =>
      (await request(ctx.app).get('/api/v1/domains/RET/tickets').set(auth).query({ sort }).expect(200)).body.items.map(
        (t: TicketView) => t.key,
      );
    expect(await keys('number')).toEqual(['RET-1', 'RET-2', 'RET-3', 'RET-4']);
    expect(await keys('-number')).toEqual(['RET-4', 'RET-3', 'RET-2', 'RET-1']);
    expect(await keys('priority')).toEqual(['RET-2', 'RET-4', 'RET-3', 'RET-1']);
    expect(await keys('dueDate')).toEqual(['RET-3', 'RET-1', 'RET-4', 'RET-2']);
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-2')
      .set(auth)
      .set('If-Match', '1')
      .send({ title: 'touched' })
      .expect(200);
    expect((await keys('updatedAt'))[0]).toBe('RET-2');
  });

  it('keyset pagination visits every ticket once, in order, for every sort', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const priorities = ['low', 'medium', 'high', 'critical'] as const;
    for (let i = 0; i < 23; i++) {
      await makeTicket(ctx, {
        domain,
        priority: priorities[i % 4],
        dueDate: i % 3 === 0 ? null : `2026-12-0${(i % 5) + 1}`,
      });
    }
    const { auth } = await signedIn(ctx);
    for (const sort of ['number', '-number', 'priority', 'updatedAt', 'dueDate']) {
      const whole = await request(ctx.app)
        .get('/api/v1/domains/RET/tickets')
        .set(auth)
        .query({ sort, limit: 200 })
        .expect(200);
      const expected = whole.body.items.map((t: TicketView) => t.key);
      const paged = await allPages('/api/v1/domains/RET/tickets', auth, { sort, limit: 5 });
      expect(paged.keys).toEqual(expected);
      expect(paged.pages).toBe(5);
      expect(paged.total).toBe(23);
      expect(new Set(paged.keys).size).toBe(23);
    }
    const pastEnd = await request(ctx.app)
      .get('/api/v1/domains/RET/tickets')
      .set(auth)
      .query({ cursor: Buffer.from(JSON.stringify([999])).toString('base64url') })
      .expect(200);
    expect(pastEnd.body).toEqual({ items: [], total: 23, nextCursor: null });
    const filtered = await allPages('/api/v1/domains/RET/tickets', auth, { priority: 'critical', limit: 2 });
    expect(filtered.total).toBe(5);
    expect(filtered.keys).toEqual(['RET-4', 'RET-8', 'RET-12', 'RET-16', 'RET-20']);
  });
});
