import request from 'supertest';
import type { ApiTokenView } from '../../shared/api/auth';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { ApiToken } from '../../server/modules/users/api-token.entity';
import { User } from '../../server/modules/users/user.entity';
import { loginCookie, makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

describe('PATCH /me (profile, time zone, theme)', () => {
  it('401 without auth or with a deactivated account', async () => {
    await request(ctx.app).patch('/api/v1/me').send({ theme: 'dark' }).expect(401);
    const { auth, user } = await signedIn(ctx);
    await ctx.dataSource.getRepository(User).update({ id: user.id }, { active: false });
    await request(ctx.app).patch('/api/v1/me').set(auth).send({ theme: 'dark' }).expect(401);
    expect((await ctx.dataSource.getRepository(User).findOneByOrFail({ id: user.id })).theme).toBe('system');
  });

  it('403 for a browser session without the CSRF header', async () => {
    const user = await makeUser(ctx.dataSource);
    const cookie = await loginCookie(ctx, user);
    const res = await request(ctx.app).patch('/api/v1/me').set('Cookie', cookie).send({ theme: 'dark' }).expect(403);
    expect(res.body.code).toBe('csrf_required');
    expect((await ctx.dataSource.getRepository(User).findOneByOrFail({ id: user.id })).theme).toBe('system');
    await request(ctx.app)
      .patch('/api/v1/me')
      .set('Cookie', cookie)
      .set('x-cairn-csrf', '1')
      .send({ theme: 'dark' })
      .expect(200);
  });

  it('a new person has no time zone (the browser decides) and the system theme', async () => {
    const { auth } = await signedIn(ctx);
    const me = await request(ctx.app).get('/api/v1/auth/me').set(auth).expect(200);
    expect(me.body.user).toMatchObject({ timeZone: null, theme: 'system' });
  });

  it('saves name, time zone and theme, returns the new current user, and audits the change', async () => {
    const { auth, user } = await signedIn(ctx, 'viewer', { name: 'Lee Leader' });
    const res = await request(ctx.app)
      .patch('/api/v1/me')
      .set(auth)
      .send({ name: '  Lee L. Leader ', timeZone: 'America/Los_Angeles', theme: 'dark' })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.user).toMatchObject({
      id: user.id,
      name: 'Lee L. Leader',
      timeZone: 'America/Los_Angeles',
      theme: 'dark',
      role: 'viewer',
    });
    const stored = await ctx.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect(stored).toMatchObject({ name: 'Lee L. Leader', timeZone: 'America/Los_Angeles', theme: 'dark' });
    // the next request (a fresh lookup of the token's user) sees the saved values
    const me = await request(ctx.app).get('/api/v1/auth/me').set(auth).expect(200);
    expect(me.body.user).toMatchObject({ timeZone: 'America/Los_Angeles', theme: 'dark' });

    const [event] = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'user.profile_update' });
    expect(event).toMatchObject({
      actorId: user.id,
      entityId: user.id,
      before: { name: 'Lee Leader', timeZone: null, theme: 'system' },
      after: { name: 'Lee L. Leader', timeZone: 'America/Los_Angeles', theme: 'dark' },
    });
  });

  it('omitted fields stay; a null time zone goes back to the browser zone', async () => {
    const { auth, user } = await signedIn(ctx, 'member', { name: 'Dana', timeZone: 'Asia/Tokyo', theme: 'light' });
    const res = await request(ctx.app).patch('/api/v1/me').set(auth).send({ timeZone: null }).expect(200);
    expect(res.body.user).toMatchObject({ name: 'Dana', timeZone: null, theme: 'light' });
    expect((await ctx.dataSource.getRepository(User).findOneByOrFail({ id: user.id })).timeZone).toBeNull();
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: '+02:00' }, 'timeZone'],
    [{ timeZone: 5 }, 'timeZone'],
    [{ theme: 'sepia' }, 'theme'],
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ email: 'me@elsewhere.test' }, 'email'],
    [{ role: 'admin' }, 'role'],
  ])('400 for %j, naming the field, and nothing changes', async (body, field) => {
    const { auth, user } = await signedIn(ctx, 'viewer');
    const res = await request(ctx.app).patch('/api/v1/me').set(auth).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    const stored = await ctx.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect(stored).toMatchObject({ role: 'viewer', theme: 'system', timeZone: null, name: user.name });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'user.profile_update' })).toBe(0);
  });

  it('accepts every zone of the IANA database the runtime lists, and UTC', async () => {
    const { auth } = await signedIn(ctx);
    for (const timeZone of [
      'UTC',
      'Europe/Paris',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+5',
      'Pacific/Kiritimati',
    ]) {
      const res = await request(ctx.app).patch('/api/v1/me').set(auth).send({ timeZone }).expect(200);
      expect(res.body.user.timeZone).toBe(timeZone);
    }
  });
});

describe('personal API tokens on the settings page', () => {
  it('a token records its expiry and, once used, when it was last used', async () => {
    const { auth } = await signedIn(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/tokens')
      .set(auth)
      .send({ name: 'nightly export', expiresInDays: 30 })
      .expect(201);
    expect(created.headers.location).toBe(`/api/v1/tokens/${created.body.id}`);
    expect(created.body).toMatchObject({ name: 'nightly export', lastUsedAt: null, revokedAt: null });
    const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    await request(ctx.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    // last use is written after the answer (best effort), so wait for it
    let listed: ApiTokenView | undefined;
    for (let attempt = 0; attempt < 50 && !listed?.lastUsedAt; attempt++) {
      const list = await request(ctx.app).get('/api/v1/tokens').set(auth).expect(200);
      listed = (list.body as ApiTokenView[]).find((t) => t.id === created.body.id);
      if (!listed?.lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('token');
  });

  it('400 for a blank name or an expiry out of range; nothing is created', async () => {
    const { auth, user } = await signedIn(ctx);
    for (const body of [{ name: '' }, { name: 'x', expiresInDays: 0 }, { name: 'x', expiresInDays: 5000 }, {}]) {
      await request(ctx.app).post('/api/v1/tokens').set(auth).send(body).expect(400);
    }
    expect(await ctx.dataSource.getRepository(ApiToken).countBy({ userId: user.id, name: 'x' })).toBe(0);
  });

  it("someone else's token cannot be listed or revoked (404, it stays valid); a revoked one is listed as revoked", async () => {
    const owner = await signedIn(ctx);
    const other = await signedIn(ctx);
    const created = await request(ctx.app).post('/api/v1/tokens').set(owner.auth).send({ name: 'mine' }).expect(201);
    const othersList = await request(ctx.app).get('/api/v1/tokens').set(other.auth).expect(200);
    expect(othersList.body.map((t: ApiTokenView) => t.id)).not.toContain(created.body.id);
    await request(ctx.app).delete(`/api/v1/tokens/${created.body.id}`).set(other.auth).expect(404);
    await request(ctx.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    await request(ctx.app).delete(`/api/v1/tokens/${created.body.id}`).set(owner.auth).expect(204);
    const list = await request(ctx.app).get('/api/v1/tokens').set(owner.auth).expect(200);
    expect((list.body as ApiTokenView[]).find((t) => t.id === created.body.id)?.revokedAt).not.toBeNull();
    await request(ctx.app).delete('/api/v1/tokens/not-a-uuid').set(owner.auth).expect(404);
  });
});
