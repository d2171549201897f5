import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { PasswordLoginMode } from '../../config';
import { invalidCredentials, passwordLoginDisabled } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import {
  accountLocked,
  clearFailedLogins,
  forgetOldFailures,
  lockedUntil,
  normaliseEmail,
  recordFailedLogin,
  throttleKey,
  type LoginThrottlePolicy,
} from './login-throttle';
import { checkPassword, DUMMY_PASSWORD_HASH, hashPassword, randomSecret, sha256 } from './password';
import { Session } from './session.entity';
import { User } from './user.entity';

export interface LoginResult {
  user: User;
  sessionToken: string;
  expiresAt: Date;
}

export interface LoginInput {
  email: string;
  password: string;
  previousSessionToken?: string;
  requestId: string | null;
  /** the client address, recorded when an account gets locked */
  ip: string | null;
  ttlHours: number;
  now: Date;
  throttle: LoginThrottlePolicy;
  /** who may sign in with a password (CAIRN_PASSWORD_LOGIN, CAIRN_BREAK_GLASS_EMAILS) */
  passwordLogin: { mode: PasswordLoginMode; breakGlassEmails: string[] };
}

/**
 * Opens a session for `user` in `tx` and ends the one the browser sent, so the id always rotates
 * on login and a planted id never becomes authenticated. Records `auth.login` (with how, when not
 * by password). Password and single sign-on logins both come through here.
 */
export async function openSession(
  tx: EntityManager,
  user: User,
  input: { previousSessionToken?: string; requestId: string | null; ttlHours: number; now: Date; via?: 'oidc' },
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const sessionToken = randomSecret();
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  if (input.previousSessionToken) await tx.delete(Session, { idHash: sha256(input.previousSessionToken) });
  await tx.insert(Session, { idHash: sha256(sessionToken), userId: user.id, expiresAt });
  const actor: Actor = { user, requestId: input.requestId, via: 'session' };
  await recordAudit(tx, actor, {
    action: 'auth.login',
    entityType: 'user',
    entityId: user.id,
    ...(input.via ? { after: { via: input.via } } : {}),
  });
  return { sessionToken, expiresAt };
}

/**
 * With password login off, no one gets past this; with break-glass, only the listed admins. Asked
 * before the password is checked, so the answer says nothing about the password.
 */
function assertPasswordLoginAllowed(input: LoginInput, user: User | null): void {
  if (!mayUsePassword(input.passwordLogin, normaliseEmail(input.email), user?.role ?? null))
    throw passwordLoginDisabled();
}

/**
 * Whether this person may sign in with a password (and so change it): everyone when password
 * login is on; with break-glass, listed admins only (an unknown account is let through to the
 * password check, which then fails like any wrong password).
 */
export function mayUsePassword(
  policy: { mode: PasswordLoginMode; breakGlassEmails: string[] },
  email: string,
  role: User['role'] | null,
): boolean {
  if (policy.mode === 'on') return true;
  return (
    policy.mode === 'break-glass' && policy.breakGlassEmails.includes(email) && (role === null || role === 'admin')
  );
}

type LoginOutcome =
  | { kind: 'ok'; user: User; sessionToken: string; expiresAt: Date }
  | { kind: 'failed' }
  | { kind: 'locked'; until: Date };

/**
 * Checks the password and opens a new session. The old session (if the browser sent one) is
 * deleted, so the id always rotates on login and a planted id never becomes authenticated.
 * Failures are counted per account (login-throttle.ts): a locked account is refused with 429
 * before its password is checked, and unknown emails are counted and refused the same way.
 */
export async function login(dataSource: DataSource, input: LoginInput): Promise<LoginResult> {
  const { now } = input;
  const key = throttleKey(input.email);
  const lockedAtStart = await lockedUntil(dataSource.manager, key, now);
  if (lockedAtStart) throw accountLocked(lockedAtStart, now);
  const user = await dataSource.getRepository(User).findOneBy({ email: normaliseEmail(input.email) });
  assertPasswordLoginAllowed(input, user);
  const check = await checkPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  // A deactivated account is refused exactly like a wrong password, so the answer never confirms
  // that the password was right. Its attempts count towards the lock like any other failure.
  const valid = check.valid && user?.active === true;
  // An older or cheaper hash is replaced now that the password is known (outside the transaction:
  // hashing takes a few hundred milliseconds and must not hold a connection).
  const upgradedHash = valid && check.needsRehash ? await hashPassword(input.password) : null;

  const outcome = await dataSource.transaction(async (tx): Promise<LoginOutcome> => {
    if (!user || !valid) {
      const failure = await recordFailedLogin(tx, key, now, input.throttle);
      if ('lockedBefore' in failure) return { kind: 'locked', until: failure.lockedBefore };
      // Locks of unknown emails stay out of the audit log: there is no account to attach them to.
      if (failure.lockStarted && user) {
        await recordAudit(tx, null, {
          action: 'auth.login_locked',
          entityType: 'user',
          entityId: user.id,
          after: { failures: failure.failures, lockedUntil: failure.lockedUntil, ip: input.ip },
          requestId: input.requestId,
        });
      }
      return { kind: 'failed' };
    }
    // Re-read under a row lock: an attempt that failed meanwhile may have locked the account.
    const lockedNow = await lockedUntil(tx, key, now, true);
    if (lockedNow) return { kind: 'locked', until: lockedNow };
    await clearFailedLogins(tx, key);
    if (upgradedHash)
      await tx.update(User, { id: user.id, passwordHash: user.passwordHash }, { passwordHash: upgradedHash });
    const { sessionToken, expiresAt } = await openSession(tx, user, input);
    return { kind: 'ok', user, sessionToken, expiresAt };
  });

  switch (outcome.kind) {
    case 'ok':
      return { user: outcome.user, sessionToken: outcome.sessionToken, expiresAt: outcome.expiresAt };
    case 'locked':
      throw accountLocked(outcome.until, now);
    case 'failed':
      // Best effort: a missed clean-up only leaves rows that are ignored anyway.
      await forgetOldFailures(dataSource.manager, now, input.throttle).catch(() => undefined);
      throw invalidCredentials();
  }
}

/**
 * Ends the credential that asked: the session of a browser, or the API token of a bearer caller
 * (revoked, as `DELETE /tokens/:id` would), so a logout never answers 204 and leaves it valid.
 */
export async function logout(dataSource: DataSource, actor: Actor, now: Date): Promise<void> {
  await dataSource.transaction(async (tx) => {
    if (actor.sessionIdHash) await tx.delete(Session, { idHash: actor.sessionIdHash });
    if (actor.tokenId) {
      await tx.update(ApiToken, { id: actor.tokenId, revokedAt: IsNull() }, { revokedAt: now });
      await recordAudit(tx, actor, {
        action: 'token.revoke',
        entityType: 'api_token',
        entityId: actor.tokenId,
        after: { revokedAt: now, via: 'logout' },
      });
    }
    await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.user.id });
  });
}

/**
 * The signed-in user's columns, selected by hand: every API request runs one of the two lookups
 * below, so their SQL is written once instead of built by the query builder each time.
 */
const USER_COLUMNS = `u.id, u.email, u.name, u.password_hash AS "passwordHash", u.role, u.active,
  u.time_zone AS "timeZone", u.theme, u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

const SESSION_USER_SQL = `SELECT ${USER_COLUMNS} FROM "session" s JOIN "user" u ON u.id = s.user_id
  WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active`;

const TOKEN_USER_SQL = `SELECT ${USER_COLUMNS}, t.id AS "tokenId", t.last_used_at AS "tokenLastUsedAt"
  FROM "api_token" t JOIN "user" u ON u.id = t.user_id
  WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.active`;

type UserRow = Pick<
  User,
  'id' | 'email' | 'name' | 'passwordHash' | 'role' | 'active' | 'timeZone' | 'theme' | 'createdAt' | 'updatedAt'
>;

function toUser(row: UserRow): User {
  const { id, email, name, passwordHash, role, active, timeZone, theme, createdAt, updatedAt } = row;
  return Object.assign(new User(), {
    id,
    email,
    name,
    passwordHash,
    role,
    active,
    timeZone,
    theme,
    createdAt,
    updatedAt,
  });
}

/** Resolves a session cookie to its active user, or null when unknown, expired or deactivated. */
export async function userForSession(
  dataSource: DataSource,
  token: string,
  now: Date,
): Promise<{ user: User; idHash: string } | null> {
  const idHash = sha256(token);
  const [row]: UserRow[] = await dataSource.query(SESSION_USER_SQL, [idHash, now]);
  return row ? { user: toUser(row), idHash } : null;
}

/** Resolves a bearer token to its active user, or null when unknown, revoked, expired or deactivated. */
export async function userForToken(
  dataSource: DataSource,
  token: string,
  now: Date,
): Promise<{ user: User; tokenId: string } | null> {
  const [row]: (UserRow & { tokenId: string; tokenLastUsedAt: Date | null })[] = await dataSource.query(
    TOKEN_USER_SQL,
    [sha256(token), now],
  );
  if (!row) return null;
  // At most once a minute: every request writing the same row would queue them all on its lock.
  if (!row.tokenLastUsedAt || now.getTime() - row.tokenLastUsedAt.getTime() > 60_000) {
    // Best effort and outside any transaction: a missed update of last use loses nothing.
    void dataSource
      .getRepository(ApiToken)
      .update({ id: row.tokenId }, { lastUsedAt: now })
      .catch(() => undefined);
  }
  return { user: toUser(row), tokenId: row.tokenId };
}
