import request from 'supertest';
import { SESSION_COOKIE } from '../../shared/api/auth';
import { loadConfig } from '../../server/config';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Session } from '../../server/modules/users/session.entity';
import { UserIdentity } from '../../server/modules/users/user-identity.entity';
import { User } from '../../server/modules/users/user.entity';
import { authAs, loginCookie, makeUser, TEST_PASSWORD } from '../factories/users';
import { signInAtProvider, startTestProvider, type TestProvider } from '../setup/oidc-provider';
import { useTestApp } from '../setup/test-app';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider) on loopback: the whole
 * authorization code flow with PKCE, state and nonce, through the provider's login form.
 */

const ctx = useTestApp();
const PUBLIC_URL = 'http://cairn.test';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
let provider: TestProvider;

function configure(extra: Record<string, string> = {}) {
  const config = loadConfig({
    CAIRN_PUBLIC_URL: PUBLIC_URL,
    CAIRN_OIDC_ISSUER: provider.issuer,
    CAIRN_OIDC_CLIENT_ID: provider.clientId,
    CAIRN_OIDC_CLIENT_SECRET: provider.clientSecret,
    CAIRN_OIDC_ALLOWED_DOMAINS: 'acme.test',
    CAIRN_OIDC_PROVIDER_NAME: 'Acme ID',
    CAIRN_OIDC_SCOPES: 'openid email profile groups',
    CAIRN_OIDC_ROLE_MAP: 'groups:data-science=member,groups:leadership=viewer,groups:cairn-admins=admin',
    CAIRN_OIDC_DEFAULT_ROLE: 'none',
    ...extra,
  });
  Object.assign(ctx.deps.config, {
    publicUrl: config.publicUrl,
    oidc: config.oidc,
    passwordLogin: config.passwordLogin,
    breakGlassEmails: config.breakGlassEmails,
  });
}

beforeAll(async () => {
  provider = await startTestProvider(REDIRECT_URI);
});
afterAll(async () => {
  await provider?.close();
});
beforeEach(() => {
  configure();
  provider.accounts.clear();
  provider.accounts.set('sam', {
    sub: 'sub-sam',
    email: 'Sam@acme.test',
    name: 'Sam Okafor',
    groups: ['data-science'],
  });
});

function cookieOf(res: request.Response, name: string): string | undefined {
  const line = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0];
}

interface Tampering {
  /** changes the authorization request before the browser follows it to the provider */
  request?: (url: URL) => void;
  /** changes the provider's answer before the browser brings it back to Cairn */
  response?: (url: URL) => void;
  /** the session cookie the browser already has */
  session?: string;
}

/** Signs `login` in through the provider; returns Cairn's answer to the callback. */
async function signInWithSso(login: string, tampering: Tampering = {}) {
  const start = await request(ctx.app)
    .get('/api/v1/auth/oidc/start')
    .query({ returnTo: '/domains/ABC?tab=gates' })
    .expect(303);
  const flowCookie = cookieOf(start, 'cairn_oidc');
  expect(flowCookie).toBeDefined();
  const authorization = new URL(start.headers.location);
  tampering.request?.(authorization);
  const answer = await signInAtProvider(provider, authorization, login, REDIRECT_URI);
  tampering.response?.(answer);
  const cookies = [flowCookie!, ...(tampering.session ? [tampering.session] : [])];
  return request(ctx.app).get(`${answer.pathname}${answer.search}`).set('Cookie', cookies).expect(303);
}

const userByEmail = (email: string) => ctx.dataSource.getRepository(User).findOneBy({ email });
const actions = async (entityId: string) =>
  (await ctx.dataSource.getRepository(AuditEvent).find({ where: { entityId }, order: { id: 'ASC' } })).map(
    (e) => e.action,
  );

describe('GET /auth/providers', () => {
  it('tells the login page what to offer', async () => {
    const res = await request(ctx.app).get('/api/v1/auth/providers').expect(200);
    expect(res.body).toEqual({ password: 'on', oidc: { name: 'Acme ID', startUrl: '/api/v1/auth/oidc/start' } });
    // a stale credential does not turn the public answer into a 401
    await request(ctx.app).get('/api/v1/auth/providers').set('Authorization', 'Bearer stale').expect(200);
  });

  it('offers no single sign-on when it is not configured', async () => {
    ctx.deps.config.oidc = null;
    const res = await request(ctx.app).get('/api/v1/auth/providers').expect(200);
    expect(res.body).toEqual({ password: 'on', oidc: null });
    await request(ctx.app).get('/api/v1/auth/oidc/start').expect(404);
  });
});

describe('single sign-on with OpenID Connect', () => {
  it('asks for the code with PKCE (S256), a state and a nonce', async () => {
    const start = await request(ctx.app).get('/api/v1/auth/oidc/start').expect(303);
    const url = new URL(start.headers.location);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile groups',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge'])
      expect(url.searchParams.get(name)!.length).toBeGreaterThanOrEqual(43);
    // The flow cookie is sealed: neither the state nor the PKCE verifier can be read from it.
    const flow = cookieOf(start, 'cairn_oidc')!;
    expect(decodeURIComponent(flow)).not.toContain(url.searchParams.get('state'));
    expect(start.headers['set-cookie'][0]).toMatch(/HttpOnly/i);
  });

  it('creates the account just in time with the mapped role and opens a session', async () => {
    const res = await signInWithSso('sam');
    expect(res.headers.location).toBe('/domains/ABC?tab=gates#signed-in');
    const session = cookieOf(res, SESSION_COOKIE)!;
    expect(session).toBeDefined();
    const me = await request(ctx.app).get('/api/v1/auth/me').set('Cookie', session).expect(200);
    expect(me.body.user).toMatchObject({ email: 'sam@acme.test', name: 'Sam Okafor', role: 'member' });

    const user = (await userByEmail('sam@acme.test'))!;
    expect(
      await ctx.dataSource.getRepository(UserIdentity).findOneBy({ issuer: provider.issuer, subject: 'sub-sam' }),
    ).toMatchObject({
      userId: user.id,
    });
    expect(await actions(user.id)).toEqual(['user.create', 'auth.login']);
    // The account has a password no one knows: password login does not open it.
    await request(ctx.app)
      .post('/api/v1/auth/login')
      .set('x-cairn-csrf', '1')
      .send({ email: 'sam@acme.test', password: TEST_PASSWORD })
      .expect(401);
  });

  it('updates the name and the role from the claims on a later login', async () => {
    await signInWithSso('sam');
    provider.accounts.set('sam', {
      sub: 'sub-sam',
      email: 'sam@acme.test',
      name: 'Sam O.',
      groups: ['leadership', 'cairn-admins'],
    });
    const res = await signInWithSso('sam');
    expect(res.headers.location).toMatch(/#signed-in$/);
    const user = (await userByEmail('sam@acme.test'))!;
    // the most privileged matching rule wins
    expect(user).toMatchObject({ name: 'Sam O.', role: 'admin' });
    expect(await ctx.dataSource.getRepository(User).countBy({ email: 'sam@acme.test' })).toBe(1);
    const update = await ctx.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ entityId: user.id, action: 'user.update' });
    expect(update.before).toEqual({ name: 'Sam Okafor', role: 'member' });
    expect(update.after).toEqual({ name: 'Sam O.', role: 'admin', via: 'oidc' });

    provider.accounts.set('sam', { sub: 'sub-sam', email: 'sam@acme.test', name: 'Sam O.', groups: ['leadership'] });
    await signInWithSso('sam');
    expect((await userByEmail('sam@acme.test'))!.role).toBe('viewer');
  });

  it('links an existing account with the same verified email, and rotates its session', async () => {
    const existing = await makeUser(ctx.dataSource, { email: 'sam@acme.test', name: 'Sam', role: 'viewer' });
    const planted = await loginCookie(ctx, existing);
    const res = await signInWithSso('sam', { session: planted });
    const session = cookieOf(res, SESSION_COOKIE)!;
    expect(session).not.toBe(planted);
    await request(ctx.app).get('/api/v1/auth/me').set('Cookie', planted).expect(401);
    const me = await request(ctx.app).get('/api/v1/auth/me').set('Cookie', session).expect(200);
    expect(me.body.user).toMatchObject({ id: existing.id, role: 'member' });
    expect(await ctx.dataSource.getRepository(Session).countBy({ userId: existing.id })).toBe(1);
    const [login] = await ctx.dataSource.getRepository(AuditEvent).find({
      where: { entityId: existing.id, action: 'auth.login' },
      order: { id: 'DESC' },
    });
    expect(login.after).toEqual({ via: 'oidc' });
  });

  it('refuses an email the provider has not verified', async () => {
    await makeUser(ctx.dataSource, { email: 'sam@acme.test' });
    provider.accounts.set('sam', {
      sub: 'sub-sam',
      email: 'sam@acme.test',
      email_verified: false,
      groups: ['data-science'],
    });
    const res = await signInWithSso('sam');
    expect(res.headers.location).toBe('/login?error=email_unverified');
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
    expect(await ctx.dataSource.getRepository(UserIdentity).count()).toBe(0);
  });

  it('refuses an email domain that is not allowed', async () => {
    provider.accounts.set('eve', { sub: 'sub-eve', email: 'eve@elsewhere.test', groups: ['cairn-admins'] });
    const res = await signInWithSso('eve');
    expect(res.headers.location).toBe('/login?error=domain_not_allowed');
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
    expect(await userByEmail('eve@elsewhere.test')).toBeNull();
  });

  it('refuses someone no role rule matches when there is no default role', async () => {
    provider.accounts.set('kim', { sub: 'sub-kim', email: 'kim@acme.test', groups: ['finance'] });
    expect((await signInWithSso('kim')).headers.location).toBe('/login?error=no_role');
    configure({ CAIRN_OIDC_DEFAULT_ROLE: 'viewer' });
    await signInWithSso('kim');
    expect((await userByEmail('kim@acme.test'))!.role).toBe('viewer');
  });

  it('without a role map, gives new accounts the default role and leaves roles to Cairn admins', async () => {
    configure({ CAIRN_OIDC_ROLE_MAP: '', CAIRN_OIDC_DEFAULT_ROLE: 'member' });
    const admin = await makeUser(ctx.dataSource, { email: 'ada@acme.test', role: 'admin' });
    provider.accounts.set('ada', { sub: 'sub-ada', email: 'ada@acme.test', name: 'Ada', groups: [] });
    await signInWithSso('ada');
    expect((await ctx.dataSource.getRepository(User).findOneByOrFail({ id: admin.id })).role).toBe('admin');
    await signInWithSso('sam');
    expect((await userByEmail('sam@acme.test'))!.role).toBe('member');
    // `none`: only people who already have an account come in
    configure({ CAIRN_OIDC_ROLE_MAP: '', CAIRN_OIDC_DEFAULT_ROLE: 'none' });
    provider.accounts.set('kim', { sub: 'sub-kim', email: 'kim@acme.test' });
    expect((await signInWithSso('kim')).headers.location).toBe('/login?error=no_role');
    expect(await userByEmail('kim@acme.test')).toBeNull();
    expect((await signInWithSso('ada')).headers.location).toMatch(/#signed-in$/);
  });

  it('refuses a deactivated user and records it', async () => {
    const user = await makeUser(ctx.dataSource, { email: 'sam@acme.test', active: false });
    const res = await signInWithSso('sam');
    expect(res.headers.location).toBe('/login?error=deactivated');
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
    expect(await ctx.dataSource.getRepository(Session).countBy({ userId: user.id })).toBe(0);
    expect(await actions(user.id)).toEqual(['auth.login_refused']);
  });

  it('refuses a tampered state', async () => {
    const res = await signInWithSso('sam', { response: (url) => url.searchParams.set('state', 'forged-state-value') });
    expect(res.headers.location).toBe('/login?error=state_mismatch');
    expect(cookieOf(res, SESSION_COOKIE)).toBeUndefined();
    expect(await userByEmail('sam@acme.test')).toBeNull();
  });

  it('refuses an ID token with another nonce', async () => {
    // The provider signs the nonce it was sent; the state still matches this browser's flow.
    const res = await signInWithSso('sam', {
      request: (url) => url.searchParams.set('nonce', 'a-nonce-this-browser-never-made'),
    });
    expect(res.headers.location).toBe('/login?error=nonce_mismatch');
    expect(await userByEmail('sam@acme.test')).toBeNull();
  });

  it('refuses a code obtained with another PKCE challenge', async () => {
    const res = await signInWithSso('sam', {
      request: (url) => url.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'),
    });
    expect(res.headers.location).toBe('/login?error=token_rejected');
    expect(await userByEmail('sam@acme.test')).toBeNull();
  });

  it('refuses a callback without this browser’s flow cookie, or with an altered one', async () => {
    const start = await request(ctx.app).get('/api/v1/auth/oidc/start').expect(303);
    const answer = await signInAtProvider(provider, new URL(start.headers.location), 'sam', REDIRECT_URI);
    const path = `${answer.pathname}${answer.search}`;
    expect((await request(ctx.app).get(path).expect(303)).headers.location).toBe('/login?error=sso_expired');
    const flow = cookieOf(start, 'cairn_oidc')!;
    const altered = `${flow.slice(0, -4)}${flow.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await request(ctx.app).get(path).set('Cookie', altered).expect(303)).headers.location).toBe(
      '/login?error=sso_expired',
    );
    expect(await userByEmail('sam@acme.test')).toBeNull();
  });

  it('sends the provider’s refusal back to the login page', async () => {
    const start = await request(ctx.app).get('/api/v1/auth/oidc/start').expect(303);
    const state = new URL(start.headers.location).searchParams.get('state')!;
    const res = await request(ctx.app)
      .get('/api/v1/auth/oidc/callback')
      .query({ error: 'access_denied', state })
      .set('Cookie', cookieOf(start, 'cairn_oidc')!)
      .expect(303);
    expect(res.headers.location).toBe('/login?error=provider_error');
  });

  it('says the provider is unavailable when it cannot be reached', async () => {
    configure({ CAIRN_OIDC_ISSUER: 'http://127.0.0.1:9' });
    const res = await request(ctx.app).get('/api/v1/auth/oidc/start').expect(303);
    expect(res.headers.location).toBe('/login?error=sso_unavailable');
  });

  it('only returns to paths of this site', async () => {
    for (const returnTo of ['https://evil.test/', '//evil.test/x', '/\\evil.test']) {
      const start = await request(ctx.app).get('/api/v1/auth/oidc/start').query({ returnTo }).expect(303);
      const answer = await signInAtProvider(provider, new URL(start.headers.location), 'sam', REDIRECT_URI);
      const res = await request(ctx.app)
        .get(`${answer.pathname}${answer.search}`)
        .set('Cookie', cookieOf(start, 'cairn_oidc')!);
      expect(res.headers.location).toBe('/#signed-in');
    }
  });
});

describe('password login turned off', () => {
  const passwordLogin = (email: string) =>
    request(ctx.app).post('/api/v1/auth/login').set('x-cairn-csrf', '1').send({ email, password: TEST_PASSWORD });

  it('refuses everyone when off, with a problem that says why', async () => {
    configure({ CAIRN_PASSWORD_LOGIN: 'off' });
    const admin = await makeUser(ctx.dataSource, { role: 'admin' });
    const res = await passwordLogin(admin.email).expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'password_login_disabled',
      detail: expect.stringMatching(/single sign-on/),
    });
    expect((await request(ctx.app).get('/api/v1/auth/providers')).body.password).toBe('off');
    // single sign-on still works
    expect((await signInWithSso('sam')).headers.location).toMatch(/#signed-in$/);
  });

  it('lets only the break-glass admins in when break-glass', async () => {
    const admin = await makeUser(ctx.dataSource, { role: 'admin', email: 'root@acme.test' });
    const member = await makeUser(ctx.dataSource, { role: 'member', email: 'listed-member@acme.test' });
    const other = await makeUser(ctx.dataSource, { role: 'admin' });
    configure({
      CAIRN_PASSWORD_LOGIN: 'break-glass',
      CAIRN_BREAK_GLASS_EMAILS: 'ROOT@acme.test, listed-member@acme.test',
    });
    await passwordLogin(admin.email).expect(200);
    await passwordLogin(other.email).expect(403);
    // on the list but not an admin
    await passwordLogin(member.email).expect(403);
    expect((await request(ctx.app).get('/api/v1/auth/providers')).body.password).toBe('break-glass');
    // only the break-glass admin has a password to change (the settings page shows it to them alone)
    const me = async (user: typeof admin) =>
      (await request(ctx.app).get('/api/v1/auth/me').set(await authAs(ctx, user)).expect(200)).body.user.can;
    expect((await me(admin)).changePassword).toBe(true);
    expect((await me(other)).changePassword).toBe(false);
  });

  it('lets everyone in when on', async () => {
    const member = await makeUser(ctx.dataSource);
    await passwordLogin(member.email).expect(200);
  });
});
