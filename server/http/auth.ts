import type { Request, RequestHandler } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/api/auth';
import type { GlobalRole } from '../../shared/api/enums';
import { userForSession, userForToken } from '../modules/users/auth.service';
import { csrfRequired, forbidden, unauthenticated } from './app-error';
import type { AppDeps } from './deps';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Identifies the caller from `Authorization: Bearer` or the session cookie. Cookie-authenticated
 * mutations must carry the custom CSRF header, which a cross-site form cannot send.
 */
export function authenticate(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    const requestId = req.id ? String(req.id) : null;
    const authorization = req.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const found = match ? await userForToken(deps.dataSource, match[1], deps.now()) : null;
      if (!found) throw unauthenticated('The API token is invalid, expired or revoked.');
      req.actor = { user: found.user, requestId, via: 'token', tokenId: found.tokenId };
      return next();
    }
    const token = readCookie(req, SESSION_COOKIE);
    if (token) {
      const found = await userForSession(deps.dataSource, token, deps.now());
      if (found) {
        if (!SAFE_METHODS.has(req.method) && !req.headers[CSRF_HEADER]) {
          throw csrfRequired(CSRF_HEADER);
        }
        req.actor = { user: found.user, requestId, via: 'session', sessionIdHash: found.idHash };
      }
    }
    next();
  };
}

/** 401 unless signed in. */
export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.actor) throw unauthenticated();
  next();
};

/** 401 unless signed in, 403 unless the global role is one of `roles`. */
export function requireRole(...roles: GlobalRole[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) throw unauthenticated();
    if (!roles.includes(req.actor.user.role)) throw forbidden(`Needs the ${roles.join(' or ')} role.`);
    next();
  };
}

/** The signed-in actor; use after requireUser. */
export function actorOf(req: Request) {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
