import type { EntityManager } from 'typeorm';
import type { Config } from '../../config';
import { AppError, tooManyRequests } from '../../http/app-error';
import { LoginThrottle } from './login-throttle.entity';
import { sha256 } from './password';

/**
 * Per-account login throttling (the per-address limit is express-rate-limit in auth.router.ts).
 * After `loginLockoutThreshold` consecutive failures an account is locked for
 * `loginLockoutMinutes`; every further failure after a lock doubles the lock, up to
 * `loginLockoutMaxMinutes`. During a lock the password is not checked at all, so guessing cannot
 * go on; a lock always ends, so an attacker can slow an account down but never lock it for good.
 * A successful login clears the count; failures are forgotten after `loginFailureWindowMinutes`
 * without one.
 */
export type LoginThrottlePolicy = Pick<
  Config,
  'loginLockoutThreshold' | 'loginLockoutMinutes' | 'loginLockoutMaxMinutes' | 'loginFailureWindowMinutes'
>;

/** How an email is compared at login; the throttle counts per normalised email. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The throttle row's key: the SHA-256 of the normalised email (unknown emails are counted too). */
export const throttleKey = (email: string): string => sha256(normaliseEmail(email));

/** The 429 of a locked account, with how long to wait (the router sends it as Retry-After). */
export function accountLocked(lockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return tooManyRequests(`Too many failed sign-ins for this account; try again in ${wait}.`, seconds);
}

/**
 * When the account's current lock ends, or null when it is not locked. With `forUpdate` (inside a
 * transaction) the row stays locked until commit, so a concurrent failure cannot slip in between.
 */
export async function lockedUntil(
  manager: EntityManager,
  key: string,
  now: Date,
  forUpdate = false,
): Promise<Date | null> {
  const query = manager.createQueryBuilder(LoginThrottle, 't').where('t.email_key = :key', { key });
  if (forUpdate) query.setLock('pessimistic_write');
  const row = await query.getOne();
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export type FailedLogin =
  /** a concurrent attempt locked the account first: this attempt's result must not be revealed */
  { lockedBefore: Date } | { failures: number; lockedUntil: Date | null; lockStarted: boolean };

/**
 * Counts a failed login in one atomic UPSERT, which does nothing while the account is locked
 * (concurrent attempts wait on the row and then see the lock), and locks the account once the
 * failures reach the threshold.
 */
export async function recordFailedLogin(
  tx: EntityManager,
  key: string,
  now: Date,
  policy: LoginThrottlePolicy,
): Promise<FailedLogin> {
  const forgetBefore = new Date(now.getTime() - policy.loginFailureWindowMinutes * 60_000);
  const rows = (await tx.query(
    `INSERT INTO login_throttle AS t (email_key, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (email_key) DO UPDATE SET
       failures = CASE WHEN greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) <= $3 THEN 1 ELSE t.failures + 1 END,
       last_failure_at = $2,
       locked_until = NULL
     WHERE t.locked_until IS NULL OR t.locked_until <= $2
     RETURNING failures`,
    [key, now, forgetBefore],
  )) as { failures: number }[];
  if (!rows.length) return { lockedBefore: (await lockedUntil(tx, key, now)) ?? now };
  const failures = rows[0].failures;
  if (failures < policy.loginLockoutThreshold) return { failures, lockedUntil: null, lockStarted: false };
  // 2^30 minutes is far beyond any cap; the exponent is bounded so the arithmetic stays finite.
  const doublings = Math.min(failures - policy.loginLockoutThreshold, 30);
  const minutes = Math.min(policy.loginLockoutMinutes * 2 ** doublings, policy.loginLockoutMaxMinutes);
  const until = new Date(now.getTime() + minutes * 60_000);
  await tx.update(LoginThrottle, { emailKey: key }, { lockedUntil: until });
  return { failures, lockedUntil: until, lockStarted: true };
}

/** A successful login: the account starts again with no failures. */
export async function clearFailedLogins(tx: EntityManager, key: string): Promise<void> {
  await tx.delete(LoginThrottle, { emailKey: key });
}

/** Drops rows whose failures are forgotten anyway, so guessed emails do not pile up. */
export async function forgetOldFailures(manager: EntityManager, now: Date, policy: LoginThrottlePolicy): Promise<void> {
  const forgetBefore = new Date(now.getTime() - policy.loginFailureWindowMinutes * 60_000);
  await manager
    .createQueryBuilder()
    .delete()
    .from(LoginThrottle)
    .where('last_failure_at <= :forgetBefore', { forgetBefore })
    .andWhere('(locked_until IS NULL OR locked_until <= :forgetBefore)', { forgetBefore })
    .execute();
}
