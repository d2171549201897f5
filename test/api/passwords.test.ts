import crypto from 'node:crypto';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/demo/demo-users';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { hashPassword } from '../../server/modules/users/password';
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

  it('refuses a short, a guessable (zxcvbn: common, breached, repetitive, sequential) and an email-based password with a reason, and creates nobody', async () => {
    const admin = await signedIn(ctx, 'admin');
    const refused: [string, RegExp][] = [
      ['eleven char', /at least 12 characters/],
      ['x'.repeat(257), /at most 256 characters/],
      ['password1234', /too easy to guess.*commonly used password/],
      ['P@ssw0rd2026!', /commonly used password/],
      ['Qwertyuiop123', /commonly used password/],
      ['iloveyou iloveyou', /too easy to guess \(about 10\^8 guesses\)/],
      ['Summer2026!!!', /too easy to guess/],
      ['aaaaaaaaaaaaaaaa', /repeated characters/],
      ['123456789012', /commonly used password/],
      ['abcdefghijklmnop', /sequences like "abc"/],
      ['abababababababab', /repeated character patterns/],
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
      // 255 code points, near the limit
      'Ève écrivit à Zoë: «les hérons gris traversent le marais salé quand la marée descend, et les pêcheurs ' +
        'comptent leurs filets sous une lune pâle» — puis elle ajouta, après un long silence, que le phare du ' +
        'cap ne s’allumait plus depuis l’hiver où tout finit!',
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
      ['Password123456', /commonly used password/],
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
    await expect(ensureAdmin(ctx.dataSource, 'root@example.test', 'administrator123')).rejects.toThrow(
      /too easy to guess/,
    );
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

describe('password hashing (OWASP scrypt cost, NFKC)', () => {
  /** A hash as Cairn wrote them before: scrypt N=2^14 of the password exactly as typed. */
  function legacyHash(password: string): string {
    const salt = crypto.randomBytes(16);
    const hash = crypto.scryptSync(password, salt, 64, { N: 2 ** 14, r: 8, p: 1 });
    return ['scrypt', 2 ** 14, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
  }
  const login = (email: string, password: string) =>
    request(ctx.app).post('/api/v1/auth/login').set(CSRF).send({ email, password });
  const storedHash = async (id: string) =>
    (await ctx.dataSource.getRepository(User).findOneByOrFail({ id })).passwordHash;

  it('hashes new passwords with scrypt N=2^17, r=8, p=1', async () => {
    expect(await hashPassword('nanoseconds on a wire')).toMatch(/^scrypt-nfkc\$131072\$8\$1\$/);
  });

  it('upgrades an older, cheaper hash at the next login, and the password keeps working', async () => {
    const user = await makeUser(ctx.dataSource);
    await ctx.dataSource.getRepository(User).update({ id: user.id }, { passwordHash: legacyHash(TEST_PASSWORD) });
    await login(user.email, 'not the password at all').expect(401);
    expect(await storedHash(user.id)).toMatch(/^scrypt\$16384\$/);

    await login(user.email, TEST_PASSWORD).expect(200);
    const upgraded = await storedHash(user.id);
    expect(upgraded).toMatch(/^scrypt-nfkc\$131072\$8\$1\$/);
    await login(user.email, TEST_PASSWORD).expect(200);
    expect(await storedHash(user.id)).toBe(upgraded);
  });

  it('normalises to NFKC: a password typed composed or decomposed signs in alike', async () => {
    const admin = await signedIn(ctx, 'admin');
    const composed = 'Åland fjord cabins at dusk'; // Å as one code point, U+00C5
    const decomposed = composed.normalize('NFD'); // A + U+030A
    expect(decomposed).not.toBe(composed);
    const email = 'nfkc.person@example.test';
    await request(ctx.app)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email, name: 'Nfkc', password: composed, role: 'member' })
      .expect(201);
    await login(email, decomposed).expect(200);
    await login(email, composed).expect(200);
  });

  it('a user whose old hash is of a non-normalised password still signs in, and is upgraded', async () => {
    const typed = 'ﬁne oﬃce supplies'; // the ﬁ and ﬃ ligatures, which NFKC would rewrite
    expect(typed.normalize('NFKC')).not.toBe(typed);
    const user = await makeUser(ctx.dataSource);
    await ctx.dataSource.getRepository(User).update({ id: user.id }, { passwordHash: legacyHash(typed) });
    await login(user.email, typed).expect(200);
    expect(await storedHash(user.id)).toMatch(/^scrypt-nfkc\$/);
    await login(user.email, typed).expect(200);
  });
});
