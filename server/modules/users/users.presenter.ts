import type { ApiTokenView, CurrentUser, UserView } from '../../../shared/api/auth';
import type { ApiToken } from './api-token.entity';
import type { User } from './user.entity';

export function presentCurrentUser(user: User): CurrentUser {
  const admin = user.role === 'admin';
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    timeZone: user.timeZone,
    theme: user.theme,
    can: {
      manageUsers: admin,
      manageSettings: admin,
      createDomain: admin || user.role === 'member',
      readAudit: admin,
      contribute: admin || user.role === 'member',
      // every account has a password today; an account that signs in elsewhere only (SSO) will not
      changePassword: true,
    },
  };
}

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentToken(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
