import { passwordPolicy } from '../../config';
import { Router, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import { PostgresRateLimitStore } from './rate-limit-store';
import { SESSION_COOKIE } from '../../../shared/api/auth';
import { actorOf, readCookie, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseUuid } from '../../http/params';
import { sendProblem } from '../../http/problem';
import { parseDto } from '../../http/validate';
import { login, logout } from './auth.service';
import { ChangePasswordDto, CreateTokenDto, CreateUserDto, LoginDto, UpdateUserDto, UserListQuery } from './users.dto';
import { presentCurrentUser, presentToken, presentUser } from './users.presenter';
import {
  changeOwnPassword,
  createToken,
  createUser,
  listTokens,
  listUsers,
  revokeToken,
  updateUser,
} from './users.service';

/** The session cookie of a login, by password or single sign-on. */
export function setSessionCookie(res: Response, deps: AppDeps, value: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies || res.req.secure,
    path: '/',
    expires,
  });
}

/** /auth: login, logout, me. Login is limited per client address here and per account in login(). */
export function authRouter(deps: AppDeps): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: deps.config.loginRateLimit,
    // counted in the database, so a client gets the same limit from any number of app processes
    store: new PostgresRateLimitStore(deps.dataSource, deps.now, 'login:'),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => sendProblem(res, 429, 'rate_limited', 'Too many login attempts; wait a minute.'),
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const body = parseDto(LoginDto, req.body);
    const result = await login(deps.dataSource, {
      email: body.email,
      password: body.password,
      previousSessionToken: readCookie(req, SESSION_COOKIE),
      requestId: req.id ? String(req.id) : null,
      ip: req.ip ?? null,
      ttlHours: deps.config.sessionTtlHours,
      now: deps.now(),
      throttle: deps.config,
      passwordLogin: passwordPolicy(deps.config),
    });
    setSessionCookie(res, deps, result.sessionToken, result.expiresAt);
    res.json({ user: presentCurrentUser(result.user, passwordPolicy(deps.config)) });
  });

  router.post('/logout', requireUser, async (req, res) => {
    await logout(deps.dataSource, actorOf(req), deps.now());
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.post('/password', requireUser, async (req, res) => {
    await changeOwnPassword(
      deps.dataSource,
      actorOf(req),
      parseDto(ChangePasswordDto, req.body),
      deps.now(),
      deps.config,
    );
    res.status(204).end();
  });

  router.get('/me', requireUser, (req, res) => {
    res.json({ user: presentCurrentUser(actorOf(req).user, passwordPolicy(deps.config)) });
  });
  return router;
}

/** /tokens: the caller's personal API tokens. */
export function tokensRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/', async (req, res) => {
    res.json((await listTokens(deps.dataSource, actorOf(req))).map(presentToken));
  });
  router.post('/', async (req, res) => {
    const { token, secret } = await createToken(
      deps.dataSource,
      actorOf(req),
      parseDto(CreateTokenDto, req.body),
      deps.now(),
    );
    res
      .status(201)
      .location(`/api/v1/tokens/${token.id}`)
      .json({ ...presentToken(token), token: secret });
  });
  router.delete('/:id', async (req, res) => {
    await revokeToken(deps.dataSource, actorOf(req), parseUuid(req.params.id), deps.now());
    res.status(204).end();
  });
  return router;
}

/** /users: everyone signed in may look people up; admins manage accounts. */
export function usersRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const page = await listUsers(deps.dataSource, parseDto(UserListQuery, req.query, 'query'));
    res.json({ ...page, items: page.items.map(presentUser) });
  });
  router.post('/', requireRole('admin'), async (req, res) => {
    const user = await createUser(deps.dataSource, actorOf(req), parseDto(CreateUserDto, req.body));
    res.status(201).location(`/api/v1/users/${user.id}`).json(presentUser(user));
  });
  router.patch('/:id', requireRole('admin'), async (req, res) => {
    const user = await updateUser(
      deps.dataSource,
      actorOf(req),
      parseUuid(req.params.id),
      parseDto(UpdateUserDto, req.body),
      deps.now(),
    );
    res.json(presentUser(user));
  });
  return router;
}
