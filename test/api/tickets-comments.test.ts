import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { Comment } from '../../server/modules/tickets/comment.entity';
import { mentionedWords } from '../../server/modules/tickets/comments.service';
import { makeDomain, makeTicket } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const comments = () => ctx.dataSource.getRepository(Comment);

describe('ticket comments', () => {
  it('401, 403 for a viewer, 400 for an empty, blank or too long body, 404 for an unknown ticket; nothing written', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain });
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    await request(ctx.app).post('/api/v1/tickets/RET-1/comments').send({ body: 'hi' }).expect(401);
    await request(ctx.app).get('/api/v1/tickets/RET-1/comments').expect(401);
    await request(ctx.app).post('/api/v1/tickets/RET-1/comments').set(viewer.auth).send({ body: 'hi' }).expect(403);
    for (const body of [
      {},
      { body: '' },
      { body: '  \n ' },
      { body: 'x'.repeat(20001) },
      { body: 5 },
      { body: 'ok', extra: 1 },
    ]) {
      const res = await request(ctx.app).post('/api/v1/tickets/RET-1/comments').set(member.auth).send(body).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
    await request(ctx.app).post('/api/v1/tickets/RET-9/comments').set(member.auth).send({ body: 'hi' }).expect(404);
    await request(ctx.app).get('/api/v1/tickets/RET-9/comments').set(member.auth).expect(404);
    expect(await comments().count()).toBe(0);
  });

  it('stores markdown raw, lists oldest first with authors, counts on the ticket, audits and touches the domain', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', lastActivityAt: new Date('2026-01-01T00:00:00Z') });
    const ticket = await makeTicket(ctx, { domain });
    const { auth, user } = await signedIn(ctx);
    const markdown = '# Finding\n\n<script>alert(1)</script> **bold** `code`';
    ctx.setNow(new Date('2026-11-20T10:00:00Z'));
    const first = await request(ctx.app)
      .post('/api/v1/tickets/ret-1/comments')
      .set(auth)
      .send({ body: markdown })
      .expect(201);
    expect(first.body).toMatchObject({
      body: markdown,
      author: { id: user.id, name: user.name, email: user.email },
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    ctx.setNow(new Date('2026-11-20T11:00:00Z'));
    await request(ctx.app).post('/api/v1/tickets/RET-1/comments').set(auth).send({ body: 'second' }).expect(201);
    const viewer = await signedIn(ctx, 'viewer');
    const list = await request(ctx.app).get('/api/v1/tickets/RET-1/comments').set(viewer.auth).expect(200);
    expect(list.body.map((c: { body: string }) => c.body)).toEqual([markdown, 'second']);
    expect(list.body[0].id).toBe(first.body.id);
    const stored = await comments().findOneByOrFail({ id: first.body.id });
    expect(stored).toMatchObject({
      subjectType: 'ticket',
      subjectId: ticket.id,
      domainId: domain.id,
      authorId: user.id,
      body: markdown,
    });
    const view = await request(ctx.app).get('/api/v1/tickets/RET-1').set(auth).expect(200);
    expect(view.body.commentCount).toBe(2);
    expect(view.body.version).toBe(1);
    const audits = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'comment.create' });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ entityType: 'comment', domainId: domain.id, actorId: user.id });
    expect(
      (await ctx.dataSource.getRepository(Domain).findOneByOrFail({ id: domain.id })).lastActivityAt.toISOString(),
    ).toBe('2026-11-20T11:00:00.000Z');
  });

  it('@mentions notify users by email local part or name without spaces, not the author, not inactive users', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    await makeTicket(ctx, { domain, title: 'Retention dip' });
    const { auth, user } = await signedIn(ctx, 'member', { email: 'me@example.test', name: 'Me Myself' });
    const dana = await makeUser(ctx.dataSource, { email: 'dana.smith@example.test', name: 'Dana Smith' });
    const lee = await makeUser(ctx.dataSource, { email: 'lee@example.test', name: 'Lee Chen' });
    const gone = await makeUser(ctx.dataSource, { email: 'gone@example.test', name: 'Gone', active: false });
    const bystander = await makeUser(ctx.dataSource, { email: 'bystander@example.test', name: 'By Stander' });
    await request(ctx.app)
      .post('/api/v1/tickets/RET-1/comments')
      .set(auth)
      .send({ body: 'Hey @Dana.Smith and @leechen, see this. cc @me @gone @nobody; mail bystander@example.test' })
      .expect(201);
    const notes = await ctx.dataSource.getRepository(Notification).find({ order: { userId: 'ASC' } });
    expect(notes.map((n) => n.userId).sort()).toEqual([dana.id, lee.id].sort());
    expect(notes[0]).toMatchObject({ kind: 'mentioned', domainId: domain.id, entityType: 'ticket', entityId: 'RET-1' });
    expect(notes[0].message).toContain('RET-1');
    for (const id of [user.id, gone.id, bystander.id])
      expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: id })).toBe(0);
  });

  it('mentionedWords reads @words, not emails, and drops trailing punctuation', () => {
    expect(mentionedWords('@ana, (@bo.b) x@y.z @c-d. @@e')).toEqual(['ana', 'bo.b', 'c-d']);
  });
});
