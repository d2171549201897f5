import type { DataSource } from 'typeorm';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import { DUMMY_PASSWORD_HASH, randomSecret, sha256, verifyPassword } from './password';
import { Session } from './session.entity';
import { User } from './user.entity';

export interface LoginResult {
  user: User;
  sessionToken: string;
  expiresAt: Date;
}

/**
 * Checks the password and opens a new session. The old session (if the browser sent one) is
 * deleted, so the id always rotates on login and a planted id never becomes authenticated.
 */
export async function login(
  dataSource: DataSource,
  input: { email: string; password: string; previousSessionToken?: string; requestId: string | null; ttlHours: number; now: Date },
): Promise<LoginResult> {
  const user = await dataSource.getRepository(User).findOneBy({ email: input.email.trim().toLowerCase() });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !valid) throw new AppError(401, 'invalid_credentials', 'Email or password is wrong.');
  if (!user.active) throw new AppError(403, 'account_inactive', 'This account is deactivated.');
  const sessionToken = randomSecret();
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  await dataSource.transaction(async (tx) => {
    if (input.previousSessionToken) await tx.delete(Session, { idHash: sha256(input.previousSessionToken) });
    await tx.insert(Session, { idHash: sha256(sessionToken), userId: user.id, expiresAt });
    const actor: Actor = { user, requestId: input.requestId, via: 'session' };
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { user, sessionToken, expiresAt };
}

export async function logout(dataSource: DataSource, actor: Actor): Promise<void> {
  await dataSource.transaction(async (tx) => {
    if (actor.sessionIdHash) await tx.delete(Session, { idHash: actor.sessionIdHash });
    await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.user.id });
  });
}

/** Resolves a session cookie to its active user, or null when unknown, expired or deactivated. */
export async function userForSession(dataSource: DataSource, token: string, now: Date): Promise<{ user: User; idHash: string } | null> {
  const idHash = sha256(token);
  const row = await dataSource
    .getRepository(Session)
    .createQueryBuilder('s')
    .innerJoinAndMapOne('s.user', User, 'u', 'u.id = s.user_id')
    .where('s.id_hash = :idHash', { idHash })
    .andWhere('s.expires_at > :now', { now })
    .andWhere('u.active = true')
    .getOne();
  const user = (row as (Session & { user?: User }) | null)?.user;
  return user ? { user, idHash } : null;
}

/** Resolves a bearer token to its active user, or null when unknown, revoked, expired or deactivated. */
export async function userForToken(dataSource: DataSource, token: string, now: Date): Promise<User | null> {
  const row = await dataSource
    .getRepository(ApiToken)
    .createQueryBuilder('t')
    .innerJoinAndMapOne('t.user', User, 'u', 'u.id = t.user_id')
    .where('t.token_hash = :hash', { hash: sha256(token) })
    .andWhere('t.revoked_at IS NULL')
    .andWhere('(t.expires_at IS NULL OR t.expires_at > :now)', { now })
    .andWhere('u.active = true')
    .getOne();
  const user = (row as (ApiToken & { user?: User }) | null)?.user ?? null;
  // At most once a minute: every request writing the same row would queue them all on its lock.
  if (row && user && (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)) {
    // Best effort and outside any transaction: a missed update of last use loses nothing.
    void dataSource.getRepository(ApiToken).update({ id: row.id }, { lastUsedAt: now }).catch(() => undefined);
  }
  return user;
}
