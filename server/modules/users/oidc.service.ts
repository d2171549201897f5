import type { DataSource } from 'typeorm';
import type { SsoErrorCode } from '../../../shared/api/auth';
import type { GlobalRole } from '../../../shared/api/enums';
import type { OidcConfig, OidcRoleRule } from '../../config';
import { auditable, recordAudit } from '../audit/audit.service';
import { openSession } from './auth.service';
import { hashPassword, randomSecret } from './password';
import { UserIdentity } from './user-identity.entity';
import { User } from './user.entity';

/** A single sign-on the rules refuse; the router turns `code` into /login?error=<code>. */
export class SsoRefused extends Error {
  constructor(readonly code: SsoErrorCode) {
    super(`Single sign-on refused: ${code}`);
    this.name = 'SsoRefused';
  }
}

/** The claims of the ID token and the userinfo answer, merged. */
export type OidcClaims = Record<string, unknown> & { sub: string };

const ROLE_RANK: Record<GlobalRole, number> = { viewer: 1, member: 2, admin: 3 };

function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  // `realm_access.roles` (Keycloak) and other nested claims
  return name
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      claims,
    );
}

function ruleMatches(claims: Record<string, unknown>, rule: OidcRoleRule): boolean {
  const value = claimValue(claims, rule.claim);
  const values = Array.isArray(value) ? value : [value];
  return values.some(
    (item) =>
      (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') &&
      String(item) === rule.value,
  );
}

/**
 * The role the claims give: the most privileged rule that matches, else the default role.
 * `undefined` when no role map is configured (the role is then left as an admin set it).
 */
export function mappedRole(config: OidcConfig, claims: Record<string, unknown>): GlobalRole | null | undefined {
  if (config.roleMap.length === 0) return undefined;
  const matched = config.roleMap.filter((rule) => ruleMatches(claims, rule)).map((rule) => rule.role);
  if (matched.length === 0) return config.defaultRole;
  return matched.reduce((best, role) => (ROLE_RANK[role] > ROLE_RANK[best] ? role : best));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The email the provider vouches for, lower-cased; refused when missing or (by default) unverified. */
function verifiedEmail(config: OidcConfig, claims: OidcClaims): string {
  const email = text(claims.email) ?? (config.requireVerifiedEmail ? null : text(claims.preferred_username));
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new SsoRefused('email_missing');
  if (config.requireVerifiedEmail && claims.email_verified !== true) throw new SsoRefused('email_unverified');
  return email.toLowerCase();
}

function displayName(claims: OidcClaims, email: string): string {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (text(claims.name) ?? (given || email.split('@')[0])).slice(0, 200);
}

export interface OidcSignInInput {
  previousSessionToken?: string;
  requestId: string | null;
  ttlHours: number;
  now: Date;
}

/**
 * Signs in the person the provider vouched for: finds their account by the provider's subject,
 * else by verified email (and links it), else creates it just in time with the mapped role. Name
 * and role follow the claims on every login. Deactivated accounts and email domains outside
 * CAIRN_OIDC_ALLOWED_DOMAINS are refused. The session is opened as a password login opens it.
 */
export async function signInWithOidc(
  dataSource: DataSource,
  config: OidcConfig,
  claims: OidcClaims,
  input: OidcSignInInput,
): Promise<{ user: User; sessionToken: string; expiresAt: Date }> {
  const email = verifiedEmail(config, claims);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (config.allowedDomains && !config.allowedDomains.includes(domain)) throw new SsoRefused('domain_not_allowed');
  const role = mappedRole(config, claims);
  if (role === null) throw new SsoRefused('no_role');
  const name = displayName(claims, email);
  // Hashed outside the transaction (it takes a few hundred milliseconds): a password no one knows,
  // so an account made here opens with single sign-on only until an admin sets one.
  const known = await dataSource.getRepository(UserIdentity).existsBy({ issuer: config.issuer, subject: claims.sub });
  const unusablePassword = known ? null : await hashPassword(randomSecret());

  const outcome = await dataSource.transaction(async (tx) => {
    const identity = await tx.findOneBy(UserIdentity, { issuer: config.issuer, subject: claims.sub });
    let user = identity
      ? await tx.findOne(User, { where: { id: identity.userId }, lock: { mode: 'pessimistic_write' } })
      : await tx.findOne(User, { where: { email }, lock: { mode: 'pessimistic_write' } });
    if (!user) {
      // without a role map, a new account gets the default role; `none` admits only existing ones
      const newRole = role ?? config.defaultRole;
      if (!newRole) return { kind: 'refused' as const, code: 'no_role' as SsoErrorCode };
      user = await tx.save(
        tx.create(User, {
          email,
          name,
          role: newRole,
          passwordHash: unusablePassword ?? (await hashPassword(randomSecret())),
          active: true,
        }),
      );
      await recordAudit(tx, null, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { ...auditable(user), via: 'oidc', issuer: config.issuer },
        requestId: input.requestId,
      });
    }
    if (!user.active) {
      await recordAudit(tx, null, {
        action: 'auth.login_refused',
        entityType: 'user',
        entityId: user.id,
        after: { via: 'oidc', reason: 'deactivated' },
        requestId: input.requestId,
      });
      return { kind: 'refused' as const, code: 'deactivated' as SsoErrorCode };
    }
    if (identity)
      await tx.update(UserIdentity, { issuer: config.issuer, subject: claims.sub }, { lastLoginAt: input.now });
    else
      await tx.insert(UserIdentity, {
        issuer: config.issuer,
        subject: claims.sub,
        userId: user.id,
        lastLoginAt: input.now,
      });

    const changes: Partial<Pick<User, 'name' | 'role'>> = {};
    if (user.name !== name) changes.name = name;
    if (role && user.role !== role) changes.role = role;
    if (Object.keys(changes).length > 0) {
      const before = { name: user.name, role: user.role };
      await tx.update(User, { id: user.id }, changes);
      Object.assign(user, changes);
      await recordAudit(tx, null, {
        action: 'user.update',
        entityType: 'user',
        entityId: user.id,
        before: Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof typeof before]])),
        after: { ...changes, via: 'oidc' },
        requestId: input.requestId,
      });
    }
    const session = await openSession(tx, user, { ...input, via: 'oidc' });
    return { kind: 'ok' as const, user, ...session };
  });
  // Outside the transaction: the refusal's audit event must be kept, not rolled back with a throw.
  if (outcome.kind === 'refused') throw new SsoRefused(outcome.code);
  return { user: outcome.user, sessionToken: outcome.sessionToken, expiresAt: outcome.expiresAt };
}
