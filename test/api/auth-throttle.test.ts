import request from 'supertest';
import { createApp, type ResponseRecord } from '../../server/app';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { LoginThrottle } from '../../server/modules/users/login-throttle.entity';
import { throttleKey } from '../../server/modules/users/login-throttle';
import { Session } from '../../server/modules/users/session.entity';
import { makeUser, TEST_PASSWORD } from '../factories/users';
import { contractViolations } from '../setup/contract';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const CSRF = { 'x-cairn-csrf': '1' };
const T0 = new Date('2026-03-02T09:00:00Z');
const WRONG = 'not the right password';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function attempt(email: string, password: string, headers: Record<string, string> = {}) {
  return request(ctx.app).post('/api/v1/auth/login').set(CSRF).set(headers).send({ email, password });
}

async function failTimes(email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await attempt(email, WRONG).expect(401);
}

async function throttleRow(email: string): Promise<LoginThrottle | null> {
  return ctx.dataSource.getRepository(LoginThrottle).findOneBy({ emailKey: throttleKey(email) });
}

describe('per-account login throttling', () => {
  beforeEach(() => ctx.setNow(T0));

  it('locks an account after 5 failures: 429 problem+json with Retry-After, even for the right password', async () => {
    const user = await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    // The count follows the account, however the email is typed.
    for (const email of [
      'dana@example.test',
      'DANA@example.test',
      ' Dana@Example.test ',
      'dana@EXAMPLE.TEST',
      'dana@example.test',
    ]) {
      const res = await attempt(email, WRONG).expect(401);
      expect(res.body.code).toBe('invalid_credentials');
    }

    const locked = await attempt('dana@example.test', TEST_PASSWORD).expect(429);
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.body).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 60 });
    expect(locked.body.detail).toMatch(/try again in 1 minutes?/);
    expect(locked.headers['set-cookie']).toBeUndefined();
    expect(await ctx.dataSource.getRepository(Session).count()).toBe(0);

    // Guesses during the lock are not counted (the password is not even checked).
    const wrongWhileLocked = await attempt('dana@example.test', WRONG).expect(429);
    expect(wrongWhileLocked.headers['retry-after']).toBe('60');
    ctx.setNow(at(30));
    expect((await attempt('dana@example.test', TEST_PASSWORD).expect(429)).headers['retry-after']).toBe('30');
    const row = await throttleRow('dana@example.test');
    expect(row).toMatchObject({ failures: 5, lockedUntil: at(60) });

    // One audit event for the lock, by nobody (the guesser is anonymous), on the account.
    const events = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'auth.login_locked' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, entityType: 'user', entityId: user.id });
    expect(events[0].after).toMatchObject({ failures: 5, lockedUntil: at(60).toISOString() });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'auth.login' })).toBe(0);
  });

  it('the lock ends by itself; each failure after a lock doubles it, up to 15 minutes', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    await failTimes('dana@example.test', 5);
    let now = 0;
    const retryAfters: string[] = [];
    for (let lock = 0; lock < 6; lock++) {
      const res = await attempt('dana@example.test', WRONG).expect(429);
      retryAfters.push(res.headers['retry-after']);
      now += Number(res.headers['retry-after']);
      ctx.setNow(at(now));
      // The lock is over: this guess is checked (and wrong), and locks again for longer.
      await attempt('dana@example.test', WRONG).expect(401);
    }
    expect(retryAfters).toEqual(['60', '120', '240', '480', '900', '900']);

    const last = await attempt('dana@example.test', TEST_PASSWORD).expect(429);
    ctx.setNow(at(now + Number(last.headers['retry-after'])));
    await attempt('dana@example.test', TEST_PASSWORD).expect(200);
    expect(await throttleRow('dana@example.test')).toBeNull();
  });

  it('a successful login clears the count', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    await failTimes('dana@example.test', 4);
    expect(await throttleRow('dana@example.test')).toMatchObject({ failures: 4, lockedUntil: null });
    await attempt('dana@example.test', TEST_PASSWORD).expect(200);
    expect(await throttleRow('dana@example.test')).toBeNull();
    await failTimes('dana@example.test', 4);
    await attempt('dana@example.test', TEST_PASSWORD).expect(200);
  });

  it('failures are forgotten after an hour without one', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    await failTimes('dana@example.test', 4);
    ctx.setNow(at(60 * 60));
    await failTimes('dana@example.test', 4);
    expect(await throttleRow('dana@example.test')).toMatchObject({ failures: 4, lockedUntil: null });
    await attempt('dana@example.test', TEST_PASSWORD).expect(200);
  });

  it('an unknown email is counted and answered exactly like an account, and leaves no audit event', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    const answers = async (email: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await attempt(email, WRONG, { 'x-request-id': 'same' });
        seen.push([res.status, res.headers['content-type'], res.headers['retry-after'], res.body]);
      }
      return seen;
    };
    const known = await answers('dana@example.test');
    const unknown = await answers('nobody@example.test');
    expect(unknown).toEqual(known);
    expect(known.map((a) => (a as number[])[0])).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await throttleRow('nobody@example.test')).toMatchObject({ failures: 5 });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'auth.login_locked' })).toBe(1);
  });

  it('another account is not affected by a lock', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    await makeUser(ctx.dataSource, { email: 'priya@example.test' });
    await failTimes('dana@example.test', 5);
    await attempt('dana@example.test', TEST_PASSWORD).expect(429);
    await attempt('priya@example.test', TEST_PASSWORD).expect(200);
  });

  it('concurrent guesses get exactly 5 answers before the lock', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => attempt('dana@example.test', WRONG)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(await throttleRow('dana@example.test')).toMatchObject({ failures: 5, lockedUntil: at(60) });
  });

  it('the account lock holds whatever the client address; the per-address limit stays on its own', async () => {
    await makeUser(ctx.dataSource, { email: 'dana@example.test' });
    // An app behind a proxy, so each request can come from its own address, with a per-address
    // limit of 3 a minute.
    const records: ResponseRecord[] = [];
    const app = createApp(
      { ...ctx.deps, config: { ...ctx.deps.config, trustProxy: true, loginRateLimit: 3 } },
      { onResponse: (r) => records.push(r) },
    );
    const from = (ip: string, email: string, password: string) =>
      request(app).post('/api/v1/auth/login').set(CSRF).set('X-Forwarded-For', ip).send({ email, password });

    for (let i = 1; i <= 5; i++) await from(`203.0.113.${i}`, 'dana@example.test', WRONG).expect(401);
    const locked = await from('203.0.113.99', 'dana@example.test', TEST_PASSWORD).expect(429);
    expect(locked.body.detail).toMatch(/this account/);
    expect(locked.headers['retry-after']).toBe('60');

    // Per address: the fourth attempt in a minute from one address is refused, whatever the account.
    for (let i = 0; i < 3; i++) await from('198.51.100.7', `someone-${i}@example.test`, WRONG).expect(401);
    const perAddress = await from('198.51.100.7', 'someone-else@example.test', WRONG).expect(429);
    expect(perAddress.body.code).toBe('rate_limited');
    expect(Number(perAddress.headers['retry-after'])).toBeGreaterThan(0);
    expect(perAddress.body.detail).not.toMatch(/this account/);
    expect(await throttleRow('someone-else@example.test')).toBeNull();
    expect(contractViolations(records)).toEqual([]);
  });

  it('the per-address limit is one count in the database, shared by every app process', async () => {
    const config = { ...ctx.deps.config, trustProxy: true, loginRateLimit: 3 };
    // Two apps on one database stand for two processes behind the proxy.
    const [a, b] = [createApp({ ...ctx.deps, config }), createApp({ ...ctx.deps, config })];
    const from = (app: typeof a, i: number) =>
      request(app)
        .post('/api/v1/auth/login')
        .set(CSRF)
        .set('X-Forwarded-For', '192.0.2.44')
        .send({ email: `nobody-${i}@example.test`, password: WRONG });

    await from(a, 1).expect(401);
    await from(b, 2).expect(401);
    await from(a, 3).expect(401);
    const refused = await from(b, 4).expect(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBe('60');

    // a new window a minute later, on either process
    ctx.setNow(at(61));
    await from(b, 5).expect(401);
  });
});

