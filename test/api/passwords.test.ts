import request from 'supertest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/demo/demo-users';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { passwordProblem } from '../../server/modules/users/password-policy';
import { User } from '../../server/modules/users/user.entity';
import { ensureAdmin } from '../../server/modules/users/users.service';
import { makeUser, signedIn, TEST_PASSWORD } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const CSRF = { 'x-cairn-csrf': '1' };

function passwordMessages(body: { code: string; errors: { field: string; message: string }[] }): string[] {
  expect(body.code).toBe('validation_failed');
  return body.errors.filter((e) => e.field === 'password').map((e) => e.message);
}

describe('password rules (NIST SP 800-63B)', () => {
  const newUser = (password: string, email = 'margaret.hamilton@example.test') => ({
    email,
    name: 'Margaret',
    password,
    role: 'member',
  });

  it('refuses a short, a common or breached, a repetitive and an email-based password with a reason, and creates nobody', async () => {
    const admin = await signedIn(ctx, 'admin');
    const refused: [string, RegExp][] = [
      ['eleven char', /at least 12 characters/],
      ['x'.repeat(257), /at most 256 characters/],
      ['password1234', /most common \(breached\) passwords/],
      ['P@ssw0rd2026!', /most common/],
      ['Qwertyuiop123', /most common/],
      ['iloveyou iloveyou', /most common/],
      ['correcthorsebatterystaple', /most common/],
      ['Summer2026!!!', /most common/],
      ['aaaaaaaaaaaaaaaa', /repetitive or sequential/],
      ['123456789012', /repetitive or sequential/],
      ['abcdefghijklmnop', /repetitive or sequential/],
      ['abababababababab', /repetitive or sequential/],
      ['margaret.hamilton-1969', /name of the email address/],
      ['Apollo 11 MargaretHamilton', /name of the email address/],
    ];
    for (const [password, reason] of refused) {
      const res = await request(ctx.app).post('/api/v1/users').set(admin.auth).send(newUser(password)).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const messages = passwordMessages(res.body);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(reason);
    }
    expect(await ctx.dataSource.getRepository(User).countBy({ email: 'margaret.hamilton@example.test' })).toBe(0);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'user.create' })).toBe(0);
  });

  it('accepts any Unicode, spaces and up to 256 characters, and no composition rule applies', async () => {
    const admin = await signedIn(ctx, 'admin');
    const accepted = [
      'ключ от дома на луне 🌙',
      'lowercase words only here',
      ' '.repeat(3) + 'spaced out phrase ',
      'é'.repeat(250) + 'abcdef',
    ];
    for (const [i, password] of accepted.entries()) {
      const email = `person-${i}@example.test`;
      await request(ctx.app).post('/api/v1/users').set(admin.auth).send(newUser(password, email)).expect(201);
      // …and the same password signs in, unchanged.
      await request(ctx.app).post('/api/v1/auth/login').set(CSRF).send({ email, password }).expect(200);
    }
  });

  it('applies when an admin sets a password too, including the email rule of the stored user', async () => {
    const admin = await signedIn(ctx, 'admin');
    const target = await makeUser(ctx.dataSource, { email: 'grace.hopper@example.test' });
    const before = (await ctx.dataSource.getRepository(User).findOneByOrFail({ id: target.id })).passwordHash;
    for (const [password, reason] of [
      ['short one', /at least 12/],
      ['Password123456', /most common/],
      ['grace.hopper.cobol', /name of the email address/],
    ] as const) {
      const res = await request(ctx.app)
        .patch(`/api/v1/users/${target.id}`)
        .set(admin.auth)
        .send({ password })
        .expect(400);
      expect(passwordMessages(res.body)[0]).toMatch(reason);
    }
    const stored = await ctx.dataSource.getRepository(User).findOneByOrFail({ id: target.id });
    expect(stored.passwordHash).toBe(before);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'user.update' })).toBe(0);

    await request(ctx.app)
      .patch(`/api/v1/users/${target.id}`)
      .set(admin.auth)
      .send({ password: 'nanoseconds on a wire' })
      .expect(200);
    await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: target.email, password: 'nanoseconds on a wire' })
      .expect(200);
  });

  it('older passwords still sign in: the rules apply when a password is set, not at login', async () => {
    const user = await makeUser(ctx.dataSource);
    await request(ctx.app)
      .post('/api/v1/auth/login')
      .set(CSRF)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
  });

  it('the demo and test passwords pass the rules', () => {
    for (const demo of DEMO_USERS) expect(passwordProblem(DEMO_PASSWORD, demo.email)).toBeNull();
    expect(passwordProblem(TEST_PASSWORD, 'user-1234abcd@example.test')).toBeNull();
  });

  it('CAIRN_ADMIN_PASSWORD: a weak one does not create the admin (Cairn refuses to start); an existing admin is kept', async () => {
    await expect(ensureAdmin(ctx.dataSource, 'root@example.test', 'changeme')).rejects.toThrow(
      /CAIRN_ADMIN_PASSWORD must be at least 12 characters long/,
    );
    await expect(ensureAdmin(ctx.dataSource, 'root@example.test', 'administrator123')).rejects.toThrow(/most common/);
    expect(await ctx.dataSource.getRepository(User).countBy({ email: 'root@example.test' })).toBe(0);

    await ensureAdmin(ctx.dataSource, 'root@example.test', 'a proper long passphrase');
    expect(await ctx.dataSource.getRepository(User).findOneByOrFail({ email: 'root@example.test' })).toMatchObject({
      role: 'admin',
      active: true,
    });
    // The admin exists: the variable's password is not used, so it is not checked either.
    await expect(ensureAdmin(ctx.dataSource, 'root@example.test', 'changeme')).resolves.toBeUndefined();
  });
});
