import request from 'supertest';
import { IsNull } from 'typeorm';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { notify } from '../../server/modules/inbox/notify';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { makeNotification } from '../factories/inbox';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const OTHER_UUID = '00000000-0000-4000-8000-000000000000';

describe('inbox', () => {
  it('lists only the caller’s notifications, newest first, with keyset pages and the unread filter', async () => {
    const me = await signedIn(ctx);
    const other = await signedIn(ctx);
    const made: Notification[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await makeNotification(ctx.dataSource, me.user.id, {
          message: `n${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        }),
      );
    }
    await makeNotification(ctx.dataSource, other.user.id, { message: 'not mine' });
    await ctx.dataSource.getRepository(Notification).update({ id: made[1].id }, { readAt: new Date() });

    const first = await request(ctx.app).get('/api/v1/inbox?limit=2').set(me.auth).expect(200);
    expect(first.body.total).toBe(5);
    expect(first.body.items.map((n: { message: string }) => n.message)).toEqual(['n4', 'n3']);
    expect(first.body.items[0]).toEqual({
      id: made[4].id,
      kind: 'assigned',
      domainKey: null,
      entityType: 'ticket',
      entityId: 'RET-1',
      message: 'n4',
      createdAt: '2026-01-01T00:04:00.000Z',
      readAt: null,
      resolvedAt: null,
      resolution: null,
    });
    const second = await request(ctx.app)
      .get(`/api/v1/inbox?limit=2&cursor=${first.body.nextCursor}`)
      .set(me.auth)
      .expect(200);
    expect(second.body.items.map((n: { message: string }) => n.message)).toEqual(['n2', 'n1']);
    const third = await request(ctx.app)
      .get(`/api/v1/inbox?limit=2&cursor=${second.body.nextCursor}`)
      .set(me.auth)
      .expect(200);
    expect(third.body.items.map((n: { message: string }) => n.message)).toEqual(['n0']);
    expect(third.body.nextCursor).toBeNull();

    const unread = await request(ctx.app).get('/api/v1/inbox?unread=true').set(me.auth).expect(200);
    expect(unread.body.total).toBe(4);
    expect(unread.body.items.map((n: { message: string }) => n.message)).toEqual(['n4', 'n3', 'n2', 'n0']);
  });

  it('keeps rows written in one transaction apart by id when their timestamps tie', async () => {
    const me = await signedIn(ctx);
    const other = await signedIn(ctx);
    await ctx.dataSource.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) {
        await notify(
          tx,
          [me.user.id, me.user.id, other.user.id],
          {
            kind: 'mentioned',
            domainId: null,
            entityType: 'comment',
            entityId: `c${i}`,
            message: `m${i}`,
            at: new Date(),
          },
          other.user.id,
        );
      }
    });
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: me.user.id })).toBe(3);
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: other.user.id })).toBe(0);
    const seen: string[] = [];
    let cursor = '';
    do {
      const res = await request(ctx.app)
        .get(`/api/v1/inbox?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .set(me.auth)
        .expect(200);
      seen.push(...res.body.items.map((n: { entityId: string }) => n.entityId));
      cursor = res.body.nextCursor ?? '';
    } while (cursor);
    expect(seen.sort()).toEqual(['c0', 'c1', 'c2']);
  });

  it('counts unread, marks one read (idempotently) and all read, with audit events', async () => {
    const me = await signedIn(ctx);
    const a = await makeNotification(ctx.dataSource, me.user.id);
    await makeNotification(ctx.dataSource, me.user.id);
    await makeNotification(ctx.dataSource, me.user.id);
    expect((await request(ctx.app).get('/api/v1/inbox/unread-count').set(me.auth).expect(200)).body).toEqual({
      count: 3,
    });

    const now = new Date('2026-02-03T04:05:06.000Z');
    ctx.setNow(now);
    const read = await request(ctx.app).post(`/api/v1/inbox/${a.id}/read`).set(me.auth).expect(200);
    expect(read.body).toMatchObject({ id: a.id, readAt: now.toISOString() });
    ctx.setNow(new Date('2026-03-01T00:00:00.000Z'));
    const again = await request(ctx.app).post(`/api/v1/inbox/${a.id}/read`).set(me.auth).expect(200);
    expect(again.body.readAt).toBe(now.toISOString());
    expect((await ctx.dataSource.getRepository(Notification).findOneByOrFail({ id: a.id })).readAt?.toISOString()).toBe(
      now.toISOString(),
    );
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'notification.read', entityId: a.id }),
    ).toBe(1);
    expect((await request(ctx.app).get('/api/v1/inbox/unread-count').set(me.auth).expect(200)).body).toEqual({
      count: 2,
    });

    const all = await request(ctx.app).post('/api/v1/inbox/read-all').set(me.auth).expect(200);
    expect(all.body).toEqual({ updated: 2 });
    expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: me.user.id, readAt: IsNull() })).toBe(0);
    expect((await request(ctx.app).get('/api/v1/inbox/unread-count').set(me.auth).expect(200)).body).toEqual({
      count: 0,
    });
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'notification.read_all', actorId: me.user.id }),
    ).toBe(1);
  });

  it('another user’s notification is 404 and stays unread; read-all leaves others alone', async () => {
    const me = await signedIn(ctx);
    const other = await signedIn(ctx);
    const theirs = await makeNotification(ctx.dataSource, other.user.id);
    const res = await request(ctx.app).post(`/api/v1/inbox/${theirs.id}/read`).set(me.auth).expect(404);
    expect(res.body.code).toBe('not_found');
    await request(ctx.app).post(`/api/v1/inbox/${OTHER_UUID}/read`).set(me.auth).expect(404);
    await request(ctx.app).post('/api/v1/inbox/not-a-uuid/read').set(me.auth).expect(404);
    await request(ctx.app).post('/api/v1/inbox/read-all').set(me.auth).expect(200, { updated: 0 });
    expect((await ctx.dataSource.getRepository(Notification).findOneByOrFail({ id: theirs.id })).readAt).toBeNull();
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'notification.read' })).toBe(0);
  });

  it('unauthenticated → 401 on every route', async () => {
    const me = await signedIn(ctx);
    const n = await makeNotification(ctx.dataSource, me.user.id);
    for (const [method, path] of [
      ['get', '/api/v1/inbox'],
      ['get', '/api/v1/inbox/unread-count'],
      ['post', `/api/v1/inbox/${n.id}/read`],
      ['post', '/api/v1/inbox/read-all'],
    ] as const) {
      const res = await request(ctx.app)[method](path).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    expect((await ctx.dataSource.getRepository(Notification).findOneByOrFail({ id: n.id })).readAt).toBeNull();
  });

  it('every role may read its own inbox (no 403): a viewer and an admin both get 200', async () => {
    for (const role of ['viewer', 'admin'] as const) {
      const who = await signedIn(ctx, role);
      await makeNotification(ctx.dataSource, who.user.id);
      const res = await request(ctx.app).get('/api/v1/inbox').set(who.auth).expect(200);
      expect(res.body.total).toBe(1);
    }
  });

  it('bad query → 400 with one entry per field', async () => {
    const me = await signedIn(ctx);
    const res = await request(ctx.app).get('/api/v1/inbox?unread=maybe&limit=0&extra=1').set(me.auth).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'limit', 'unread']);
    await request(ctx.app).get('/api/v1/inbox?cursor=nonsense').set(me.auth).expect(400);
  });
});
