import { Router, type Response } from 'express';
import type { AuthProvidersResponse, SsoErrorCode } from '../../../shared/api/auth';
import { SESSION_COOKIE } from '../../../shared/api/auth';
import { readCookie } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { notFound } from '../../http/app-error';
import { setSessionCookie } from './auth.router';
import {
  beginAuthorization,
  completeAuthorization,
  FLOW_COOKIE,
  FLOW_TTL_MS,
  openFlow,
  safeReturnTo,
  sealFlow,
} from './oidc-client';
import { signInWithOidc, SsoRefused } from './oidc.service';

/** The flow cookie goes only to the OIDC routes. */
const FLOW_PATH = '/api/v1/auth/oidc';

/**
 * /auth/providers and the single sign-on routes. The browser navigates to these (they are not
 * fetched), so every failure is a redirect to the login page with an error code it explains in
 * words, never a problem document or a stack.
 */
export function oidcRouter(deps: AppDeps): Router {
  const router = Router();
  const { config } = deps;

  router.get('/providers', (_req, res) => {
    const body: AuthProvidersResponse = {
      password: config.passwordLogin,
      oidc: config.oidc ? { name: config.oidc.providerName, startUrl: `${FLOW_PATH}/start` } : null,
    };
    res.json(body);
  });

  function redirect(res: Response, location: string): void {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, location);
  }
  const fail = (res: Response, code: SsoErrorCode) => redirect(res, `/login?error=${code}`);

  router.get('/oidc/start', async (req, res) => {
    const oidc = config.oidc;
    if (!oidc) throw notFound('Single sign-on');
    try {
      const { url, flow } = await beginAuthorization(oidc, safeReturnTo(req.query.returnTo), deps.now());
      res.cookie(FLOW_COOKIE, sealFlow(oidc, flow), {
        httpOnly: true,
        // Lax: the provider sends the browser back with a top-level GET, which carries it
        sameSite: 'lax',
        secure: config.secureCookies || req.secure,
        path: FLOW_PATH,
        maxAge: FLOW_TTL_MS,
      });
      redirect(res, url.href);
    } catch (error) {
      if (error instanceof SsoRefused) return fail(res, error.code);
      req.log?.error({ err: error }, 'single sign-on could not start');
      fail(res, 'sso_failed');
    }
  });

  router.get('/oidc/callback', async (req, res) => {
    const oidc = config.oidc;
    if (!oidc) throw notFound('Single sign-on');
    // One try per flow: the cookie goes whatever the outcome.
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    try {
      const flow = openFlow(oidc, readCookie(req, FLOW_COOKIE), deps.now());
      if (!flow) throw new SsoRefused('sso_expired');
      const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      const claims = await completeAuthorization(oidc, query, flow);
      const result = await signInWithOidc(deps.dataSource, oidc, claims, {
        previousSessionToken: readCookie(req, SESSION_COOKIE),
        requestId: req.id ? String(req.id) : null,
        ttlHours: config.sessionTtlHours,
        now: deps.now(),
      });
      setSessionCookie(res, deps, result.sessionToken, result.expiresAt);
      // The fragment tells the client that a session now exists (see features/auth/api.ts).
      redirect(res, `${flow.returnTo}#signed-in`);
    } catch (error) {
      if (error instanceof SsoRefused) {
        req.log?.info({ code: error.code }, 'single sign-on refused');
        return fail(res, error.code);
      }
      req.log?.error({ err: error }, 'single sign-on failed');
      fail(res, 'sso_failed');
    }
  });
  return router;
}
