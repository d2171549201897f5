import type { ApiTokenView, CurrentUser, UserView } from '../../../shared/api/auth';
import type { ApiToken } from './api-token.entity';
import type { PasswordLoginMode } from '../../config';
import { mayUsePassword } from './auth.service';
import { normaliseEmail } from './login-throttle';
import type { User } from './user.entity';

/** The signed-in person with what they may do; `passwordLogin` decides whether they have a password to change. */
export function presentCurrentUser(
  user: User,
  passwordLogin: { mode: PasswordLoginMode; breakGlassEmails: string[] },
): CurrentUser {
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
      // where password login is off (or break-glass and they are not listed) there is none to change
      changePassword: mayUsePassword(passwordLogin, normaliseEmail(user.email), user.role),
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
