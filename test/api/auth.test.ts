import request from 'supertest';
import { IsNull } from 'typeorm';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { ApiToken } from '../../server/modules/users/api-token.entity';
import { Session } from '../../server/modules/users/session.entity';
import { User } from '../../server/modules/users/user.entity';
import { loginCookie, makeUser, signedIn, TEST_PASSWORD } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const CSRF = { 'x-cairn-csrf': '1' };

describe('login and sessions', () => {
  it('logs in with the right password, sets an httpOnly SameSite=Lax cookie, and /me answers', async () => {
    const user = await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    const res = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: 'DANA@example.test', password: TEST_PASSWORD })
      .expect(200);
    expect(res.body.user).toMatchObject({ id: user.id, email: 'dana@example.test', role: 'member' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/cairn_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await request(ctx.app).get('/api/v1/auth/me').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(me.body.user.id).toBe(user.id);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'auth.login', actorId: user.id })).toBe(1);
  });

  it('refuses a wrong password with 401 problem+json and writes no session', async () => {
    const user = await makeUser(ctx.dataSource);
    const res = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: user.email, password: 'wrong password!' })
      .expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(await ctx.dataSource.getRepository(Session).count()).toBe(0);
  });

  it('refuses an inactive user with the answer a wrong password gets, so the password is not confirmed', async () => {
    const user = await makeUser(ctx.dataSource, { active: false });
    const right = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    const wrong = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: user.email, password: 'wrong password!' })
      .expect(401);
    const shape = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
    expect(shape(right.body)).toEqual(shape(wrong.body));
    expect(right.body.code).toBe('invalid_credentials');
    expect(await ctx.dataSource.getRepository(Session).count()).toBe(0);
  });

  it('an expired session is not accepted', async () => {
    const user = await makeUser(ctx.dataSource);
    const cookie = await loginCookie(ctx, user);
    await ctx.dataSource.getRepository(Session).updateAll({ expiresAt: new Date(Date.now() - 1000) });
    const res = await request(ctx.app).get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('rotates the session id on login: the old cookie stops working', async () => {
    const user = await makeUser(ctx.dataSource);
    const first = await loginCookie(ctx, user);
    const res = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .set('Cookie', first)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const second = String(res.headers['set-cookie']).split(';')[0];
    expect(second).not.toBe(first);
    await request(ctx.app).get('/api/v1/auth/me').set('Cookie', first).expect(401);
    await request(ctx.app).get('/api/v1/auth/me').set('Cookie', second).expect(200);
  });

  it('logout ends the session', async () => {
    const user = await makeUser(ctx.dataSource);
    const cookie = await loginCookie(ctx, user);
    await request(ctx.app).post('/api/v1/auth/logout').set(CSRF).set('Cookie', cookie).expect(204);
    await request(ctx.app).get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('a cookie-authenticated mutation without the CSRF header is refused', async () => {
    const user = await makeUser(ctx.dataSource);
    const cookie = await loginCookie(ctx, user);
    const res = await request(ctx.app).post('/api/v1/tokens').set('Cookie', cookie).send({ name: 'x' }).expect(403);
    expect(res.body.code).toBe('csrf_required');
    expect(await ctx.dataSource.getRepository(ApiToken).count()).toBe(0);
  });

  it('validation errors come one per field, unknown fields refused', async () => {
    const res = await request(ctx.app).post('/api/v1/auth/login').set(CSRF).send({ email: 5, extra: true }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'extra', 'password']);
  });

  it('malformed JSON is 400, an oversized body 413, an unknown route 404', async () => {
    const bad = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{nope')
      .expect(400);
    expect(bad.body.code).toBe('malformed_json');
    const big = await request(ctx.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(2_000_000) }))
      .expect(413);
    expect(big.body.code).toBe('payload_too_large');
    const missing = await request(ctx.app).get('/api/v1/no-such-thing').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });

  it('returns a request id header', async () => {
    const res = await request(ctx.app).get('/api/v1/health').set('x-request-id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.database.status).toBe('up');
  });
});

describe('API tokens', () => {
  it('creates a token shown once, stored hashed, accepted as Bearer, and revocable', async () => {
    const { auth, user } = await signedIn(ctx);
    const created = await request(ctx.app).post('/api/v1/tokens').set(auth).send({ name: 'script' }).expect(201);
    const secret: string = created.body.token;
    expect(secret).toMatch(/^cairn_/);
    const stored = await ctx.dataSource.getRepository(ApiToken).findOneByOrFail({ id: created.body.id });
    expect(stored.tokenHash).not.toContain(secret);
    const list = await request(ctx.app).get('/api/v1/tokens').set(auth).expect(200);
    expect(list.body.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const me = await request(ctx.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${secret}`).expect(200);
    expect(me.body.user.id).toBe(user.id);
    await request(ctx.app).delete(`/api/v1/tokens/${created.body.id}`).set(auth).expect(204);
    await request(ctx.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${secret}`).expect(401);
  });

  it('401 without auth; a bad bearer is 401', async () => {
    await request(ctx.app).get('/api/v1/tokens').expect(401);
    await request(ctx.app).get('/api/v1/tokens').set('Authorization', 'Bearer nope').expect(401);
    await request(ctx.app).post('/api/v1/tokens').send({ name: 'x' }).expect(401);
  });
});

describe('users (admin)', () => {
  it('admin creates a user, members and viewers may not (403), bad body is 400', async () => {
    const admin = await signedIn(ctx, 'admin');
    const member = await signedIn(ctx, 'member');
    const body = { email: 'new@example.test', name: 'New Person', password: 'long enough password', role: 'viewer' };
    await request(ctx.app).post('/api/v1/users').send(body).expect(401);
    await request(ctx.app).post('/api/v1/users').set(member.auth).send(body).expect(403);
    const bad = await request(ctx.app)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ ...body, email: 'nope', password: 'short' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    const res = await request(ctx.app).post('/api/v1/users').set(admin.auth).send(body).expect(201);
    expect(res.body).toMatchObject({ email: 'new@example.test', role: 'viewer', active: true });
    expect(res.body.passwordHash).toBeUndefined();
    const dup = await request(ctx.app).post('/api/v1/users').set(admin.auth).send(body).expect(409);
    expect(dup.body.code).toBe('unique_violation');
    const stored = await ctx.dataSource.getRepository(User).findOneByOrFail({ email: 'new@example.test' });
    expect(stored.passwordHash).toMatch(/^scrypt-nfkc\$/);
  });

  it('deactivating a user ends their sessions and tokens at once', async () => {
    const admin = await signedIn(ctx, 'admin');
    const target = await signedIn(ctx, 'member');
    const cookie = await loginCookie(ctx, target.user);
    await request(ctx.app).get('/api/v1/auth/me').set(target.auth).expect(200);
    await request(ctx.app).patch(`/api/v1/users/${target.user.id}`).set(admin.auth).send({ active: false }).expect(200);
    await request(ctx.app).get('/api/v1/auth/me').set(target.auth).expect(401);
    await request(ctx.app).get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('an unknown or malformed user id is 404', async () => {
    const admin = await signedIn(ctx, 'admin');
    await request(ctx.app).patch('/api/v1/users/not-a-uuid').set(admin.auth).send({ name: 'x' }).expect(404);
    await request(ctx.app)
      .patch('/api/v1/users/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .send({ name: 'x' })
      .expect(404);
  });
});

describe('credentials end when they should', () => {
  const NEW_PASSWORD = 'nanoseconds on a wire';
  const me = (headers: Record<string, string>) => request(ctx.app).get('/api/v1/auth/me').set(headers);

  it("an admin's password reset ends the user's sessions and API tokens: the old token cannot read, write or mint", async () => {
    const admin = await signedIn(ctx, 'admin');
    const target = await signedIn(ctx, 'member');
    const cookie = await loginCookie(ctx, target.user);
    await me(target.auth).expect(200);
    await request(ctx.app)
      .patch(`/api/v1/users/${target.user.id}`)
      .set(admin.auth)
      .send({ password: NEW_PASSWORD })
      .expect(200);
    await me(target.auth).expect(401);
    await request(ctx.app).post('/api/v1/tokens').set(target.auth).send({ name: 'after reset' }).expect(401);
    await me({ Cookie: cookie }).expect(401);
    const audit = await ctx.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'user.update', entityId: target.user.id });
    expect(audit.after).toMatchObject({ tokensRevoked: 1 });
    expect(await ctx.dataSource.getRepository(ApiToken).countBy({ userId: target.user.id, revokedAt: IsNull() })).toBe(
      0,
    );
  });

  it('changing your own password (POST /auth/password) keeps this session, ends the others and revokes your tokens', async () => {
    const { user, auth } = await signedIn(ctx, 'member');
    const here = await loginCookie(ctx, user);
    const elsewhere = await loginCookie(ctx, user);
    const change = (body: object) =>
      request(ctx.app).post('/api/v1/auth/password').set(CSRF).set('Cookie', here).send(body);

    const wrong = await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'password1234' }).expect(400);
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword' });
    await me(auth).expect(200);

    await change({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    await me({ Cookie: here }).expect(200);
    await me({ Cookie: elsewhere }).expect(401);
    await me(auth).expect(401);
    await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: user.email, password: NEW_PASSWORD })
      .expect(200);
    expect(
      await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'user.password_change', actorId: user.id }),
    ).toBe(1);
  });

  it('POST /auth/password needs a signed-in user, and wrong current passwords count towards the lock', async () => {
    await request(ctx.app)
      .post('/api/v1/auth/password')
      .set(CSRF)
      .send({ currentPassword: 'x', newPassword: NEW_PASSWORD })
      .expect(401);
    const { user } = await signedIn(ctx, 'member');
    const cookie = await loginCookie(ctx, user);
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      const res = await request(ctx.app)
        .post('/api/v1/auth/password')
        .set(CSRF)
        .set('Cookie', cookie)
        .send({ currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD });
      last = res.status;
    }
    expect(last).toBe(429);
  });

  it('POST /auth/logout with a bearer token revokes that token', async () => {
    const { user, auth } = await signedIn(ctx, 'member');
    await request(ctx.app).post('/api/v1/auth/logout').set(auth).expect(204);
    await me(auth).expect(401);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'token.revoke', actorId: user.id })).toBe(
      1,
    );
  });
});
