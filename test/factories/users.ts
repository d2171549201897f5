import crypto from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { GlobalRole } from '../../shared/api/enums';
import { ApiToken } from '../../server/modules/users/api-token.entity';
import { hashPassword, sha256 } from '../../server/modules/users/password';
import { User } from '../../server/modules/users/user.entity';
import type { TestContext } from '../setup/test-app';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;

/** A user with TEST_PASSWORD; email and name are unique unless given. */
export async function makeUser(dataSource: DataSource, overrides: Partial<User> = {}): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = crypto.randomBytes(4).toString('hex');
  return dataSource.getRepository(User).save(
    dataSource.getRepository(User).create({
      email: `user-${n}@example.test`,
      name: `User ${n}`,
      role: 'member' as GlobalRole,
      active: true,
      passwordHash: await passwordHash,
      ...overrides,
    }),
  );
}

/** A personal API token for the user, written straight to the database. */
export async function makeToken(dataSource: DataSource, user: User): Promise<string> {
  const secret = `cairn_test_${crypto.randomBytes(16).toString('hex')}`;
  await dataSource.getRepository(ApiToken).save({ userId: user.id, name: 'test', prefix: secret.slice(0, 12), tokenHash: sha256(secret) });
  return secret;
}

/** Authorization header for a user (bearer token). */
export async function authAs(ctx: TestContext, user: User): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await makeToken(ctx.dataSource, user)}` };
}

/** A user of the given global role plus their auth header. */
export async function signedIn(ctx: TestContext, role: GlobalRole = 'member', overrides: Partial<User> = {}) {
  const user = await makeUser(ctx.dataSource, { role, ...overrides });
  return { user, auth: await authAs(ctx, user) };
}

/** Logs in through the API and returns the session cookie. */
export async function loginCookie(ctx: TestContext, user: User): Promise<string> {
  const res = await request(ctx.app)
    .post('/api/v1/auth/login')
    .set('x-cairn-csrf', '1')
    .send({ email: user.email, password: TEST_PASSWORD })
    .expect(200);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  return cookie.split(';')[0];
}
