import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Page } from '../../../shared/api/common';
import { badRequest, conflict, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { auditable, recordAudit } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import {
  accountLocked,
  clearFailedLogins,
  lockedUntil,
  recordFailedLogin,
  throttleKey,
  type LoginThrottlePolicy,
} from './login-throttle';
import { checkPassword, hashPassword, randomSecret, sha256 } from './password';
import { passwordProblem, weakPasswordReason } from './password-policy';
import { Session } from './session.entity';
import { User } from './user.entity';
import type { ChangePasswordDto, CreateTokenDto, CreateUserDto, UpdateProfileDto, UpdateUserDto } from './users.dto';

export async function listUsers(
  dataSource: DataSource,
  query: { q?: string; limit?: number; cursor?: string },
): Promise<Page<User>> {
  const limit = pageLimit(query.limit);
  const qb = dataSource.getRepository(User).createQueryBuilder('u');
  if (query.q) qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
  const total = await qb.clone().getCount();
  const after = decodeCursor(query.cursor, 2);
  if (after) qb.andWhere('(u.name, u.id) > (:name, :id)', { name: after[0], id: after[1] });
  const rows = await qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').take(fetchSize(limit)).getMany();
  const page = keysetPage(rows, limit, (last) => [last.name, last.id]);
  return { items: page.rows, total, nextCursor: page.nextCursor };
}

export async function createUser(dataSource: DataSource, actor: Actor | null, input: CreateUserDto): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return dataSource.transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    if (await tx.existsBy(User, { email }))
      throw conflict('unique_violation', `A user with email ${email} already exists.`);
    const user = await tx.save(
      tx.create(User, { email, name: input.name.trim(), role: input.role, passwordHash, active: true }),
    );
    await recordAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: auditable(user),
    });
    return user;
  });
}

/** Ends every session of a user, except the session that asked (password change). */
async function endSessions(tx: EntityManager, userId: string, keepSessionIdHash?: string): Promise<void> {
  const sessions = tx.createQueryBuilder().delete().from(Session).where('user_id = :userId', { userId });
  if (keepSessionIdHash) sessions.andWhere('id_hash <> :keep', { keep: keepSessionIdHash });
  await sessions.execute();
}

export async function updateUser(
  dataSource: DataSource,
  actor: Actor,
  id: string,
  input: UpdateUserDto,
  now: Date,
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return dataSource.transaction(async (tx) => {
    const user = await tx.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound('User');
    // The DTO checked everything but the email, which only the stored user knows.
    const weak = input.password ? weakPasswordReason(input.password, user.email) : null;
    if (weak) throw badRequest('password', `password ${weak}`);
    if (user.id === actor.user.id && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw conflict('conflict', 'You cannot deactivate yourself or remove your own admin role.');
    }
    const before = auditable(user);
    if (input.name !== undefined) user.name = input.name.trim();
    if (input.role !== undefined) user.role = input.role;
    if (input.active !== undefined) user.active = input.active;
    if (passwordHash) user.passwordHash = passwordHash;
    await tx.save(user);
    // Deactivation and a new password end every credential of the user: sessions and API tokens
    // alike (a token minted before a reset must not outlive it). Only the session that changed its
    // own password stays open.
    let tokensRevoked = 0;
    if (input.active === false || passwordHash) {
      const keep = input.active !== false && user.id === actor.user.id ? actor.sessionIdHash : undefined;
      await endSessions(tx, user.id, keep);
      const revoked = await tx.update(ApiToken, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      tokensRevoked = revoked.affected ?? 0;
    }
    const after = { ...auditable(user), ...(tokensRevoked ? { tokensRevoked } : {}) };
    await recordAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: user.id, before, after });
    return user;
  });
}

/** The signed-in user changes their own name, time zone or theme; the change is audited. */
export async function updateProfile(dataSource: DataSource, actor: Actor, input: UpdateProfileDto): Promise<User> {
  return dataSource.transaction(async (tx) => {
    const user = await tx.findOne(User, { where: { id: actor.user.id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound('User');
    const name = input.name?.trim();
    if (name === '') throw badRequest('name', 'Name must not be blank.');
    const before = { name: user.name, timeZone: user.timeZone, theme: user.theme };
    if (name !== undefined) user.name = name;
    if (input.timeZone !== undefined) user.timeZone = input.timeZone;
    if (input.theme !== undefined) user.theme = input.theme;
    await tx.save(user);
    await recordAudit(tx, actor, {
      action: 'user.profile_update',
      entityType: 'user',
      entityId: user.id,
      before,
      after: { name: user.name, timeZone: user.timeZone, theme: user.theme },
    });
    return user;
  });
}

/**
 * The signed-in user changes their own password, proving the current one. A wrong current
 * password counts towards the account's login lock (a stolen session cannot guess at leisure).
 * Every other session and every API token of the user ends; the session that asked stays.
 */
export async function changeOwnPassword(
  dataSource: DataSource,
  actor: Actor,
  input: ChangePasswordDto,
  now: Date,
  throttle: LoginThrottlePolicy,
): Promise<void> {
  const key = throttleKey(actor.user.email);
  const locked = await lockedUntil(dataSource.manager, key, now);
  if (locked) throw accountLocked(locked, now);
  const current = await checkPassword(input.currentPassword, actor.user.passwordHash);
  if (!current.valid) {
    const failure = await dataSource.transaction((tx) => recordFailedLogin(tx, key, now, throttle));
    if ('lockedBefore' in failure) throw accountLocked(failure.lockedBefore, now);
    throw badRequest('currentPassword', 'currentPassword is wrong');
  }
  const weak = weakPasswordReason(input.newPassword, actor.user.email);
  if (weak) throw badRequest('newPassword', `newPassword ${weak}`);
  const passwordHash = await hashPassword(input.newPassword);
  await dataSource.transaction(async (tx) => {
    await clearFailedLogins(tx, key);
    await tx.update(User, { id: actor.user.id }, { passwordHash });
    await endSessions(tx, actor.user.id, actor.sessionIdHash);
    const revoked = await tx.update(ApiToken, { userId: actor.user.id, revokedAt: IsNull() }, { revokedAt: now });
    await recordAudit(tx, actor, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: actor.user.id,
      after: { tokensRevoked: revoked.affected ?? 0 },
    });
  });
}

/**
 * CAIRN_ADMIN_EMAIL/PASSWORD: make sure this admin exists and is active. Creating the admin with a
 * password the API would refuse throws, so Cairn does not start; an existing admin keeps their own
 * password, so the variable's password is neither used nor checked then.
 */
export async function ensureAdmin(dataSource: DataSource, email: string, password: string): Promise<void> {
  const existing = await dataSource.getRepository(User).findOneBy({ email: email.toLowerCase() });
  if (!existing) {
    const problem = passwordProblem(password, email);
    if (problem) {
      throw new Error(
        `CAIRN_ADMIN_PASSWORD ${problem}. The admin ${email} does not exist yet and is not created with it; set a better password and start again.`,
      );
    }
    await createUser(dataSource, null, { email, password, name: 'Administrator', role: 'admin' });
    return;
  }
  if (existing.role !== 'admin' || !existing.active) {
    await dataSource.transaction(async (tx) => {
      const before = auditable(existing);
      await tx.update(User, { id: existing.id }, { role: 'admin', active: true });
      await recordAudit(tx, null, {
        action: 'user.ensure_admin',
        entityType: 'user',
        entityId: existing.id,
        before,
        after: { role: 'admin', active: true },
      });
    });
  }
}

export async function createToken(
  dataSource: DataSource,
  actor: Actor,
  input: CreateTokenDto,
  now: Date,
): Promise<{ token: ApiToken; secret: string }> {
  const secret = `cairn_${randomSecret(24)}`;
  return dataSource.transaction(async (tx) => {
    const token = await tx.save(
      tx.create(ApiToken, {
        userId: actor.user.id,
        name: input.name,
        prefix: secret.slice(0, 12),
        tokenHash: sha256(secret),
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86400_000) : null,
      }),
    );
    await recordAudit(tx, actor, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: token.id,
      after: auditable(token),
    });
    return { token, secret };
  });
}

export async function listTokens(dataSource: DataSource, actor: Actor): Promise<ApiToken[]> {
  return dataSource.getRepository(ApiToken).find({ where: { userId: actor.user.id }, order: { createdAt: 'DESC' } });
}

export async function revokeToken(dataSource: DataSource, actor: Actor, id: string, now: Date): Promise<void> {
  await dataSource.transaction(async (tx) => {
    const token = await tx.findOneBy(ApiToken, { id });
    if (!token || (token.userId !== actor.user.id && actor.user.role !== 'admin')) throw notFound('Token');
    if (token.revokedAt) return;
    const before = auditable(token);
    token.revokedAt = now;
    await tx.save(token);
    await recordAudit(tx, actor, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: token.id,
      before,
      after: auditable(token),
    });
  });
}
