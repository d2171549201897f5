import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config';

/** The problems loadConfig reports for an environment, or [] when it is accepted. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: path.resolve('./data'),
      adminEmail: null,
      adminPassword: null,
      demoData: true,
      sessionTtlHours: 168,
      secureCookies: false,
      trustProxy: false,
      logLevel: 'info',
      dbPoolSize: 10,
      loginRateLimit: 20,
      metricsToken: null,
      webhookAllowPrivate: false,
    });
  });

  it('treats an empty variable as unset (compose passes `${X:-}`)', () => {
    expect(loadConfig({ PORT: '', CAIRN_SECURE_COOKIES: '', CAIRN_ADMIN_EMAIL: '' })).toMatchObject({
      port: 3000,
      secureCookies: false,
      adminEmail: null,
    });
  });

  it('reads well-formed values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://cairn@db:5432/cairn',
      CAIRN_SECURE_COOKIES: 'TRUE',
      CAIRN_TRUST_PROXY: 'yes',
      CAIRN_DEMO_DATA: 'off',
      CAIRN_DB_POOL_SIZE: ' 25 ',
      LOG_LEVEL: 'debug',
      CAIRN_METRICS_TOKEN: 'a-long-enough-metrics-token',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://cairn@db:5432/cairn',
      secureCookies: true,
      trustProxy: true,
      demoData: false,
      dbPoolSize: 25,
      logLevel: 'debug',
      metricsToken: 'a-long-enough-metrics-token',
    });
  });

  it('is silent in tests unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '3000abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['CAIRN_DB_POOL_SIZE', '-1'],
    ['CAIRN_DB_POOL_SIZE', '0'],
    ['CAIRN_DB_POOL_SIZE', '2.5'],
    ['CAIRN_SESSION_TTL_HOURS', 'week'],
    ['CAIRN_LOGIN_RATE_LIMIT', '0'],
    ['CAIRN_LOGIN_LOCKOUT_THRESHOLD', '0'],
    ['CAIRN_SECURE_COOKIES', 'ture'],
    ['CAIRN_TRUST_PROXY', '2'],
    ['CAIRN_DEMO_DATA', 'maybe'],
    ['CAIRN_WEBHOOK_ALLOW_PRIVATE', 'nope'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://db/cairn'],
    ['DATABASE_URL', 'not a url'],
    ['CAIRN_METRICS_TOKEN', 'short'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', CAIRN_DB_POOL_SIZE: '-1', CAIRN_SECURE_COOKIES: 'ture' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CAIRN_DB_POOL_SIZE',
      'CAIRN_SECURE_COOKIES',
      'PORT',
    ]);
  });

  it('never echoes a secret in the message', () => {
    const [problem] = problemsOf({ CAIRN_METRICS_TOKEN: 'hunter2' });
    expect(problem).not.toContain('hunter2');
    const [urlProblem] = problemsOf({ DATABASE_URL: 'mysql://root:s3cret@db/cairn' });
    expect(urlProblem).not.toContain('s3cret');
  });

  it('wants the admin email and password together', () => {
    expect(problemsOf({ CAIRN_ADMIN_EMAIL: 'admin@example.test' })).toEqual([
      expect.stringMatching(/^CAIRN_ADMIN_PASSWORD: /),
    ]);
    expect(problemsOf({ CAIRN_ADMIN_PASSWORD: 'a long passphrase' })).toEqual([
      expect.stringMatching(/^CAIRN_ADMIN_EMAIL: /),
    ]);
  });

  it('leaves email off without SMTP settings, and reads a URL or the host and its parts', () => {
    expect(loadConfig({})).toMatchObject({ smtp: null, mailFrom: null, publicUrl: null, mailDigestHourUtc: 7 });
    const mail = { CAIRN_MAIL_FROM: 'Cairn <cairn@example.test>', CAIRN_PUBLIC_URL: 'https://cairn.example.test/' };
    expect(loadConfig({ ...mail, CAIRN_SMTP_URL: 'smtps://u:p@mail.example.test:465' })).toMatchObject({
      smtp: { url: 'smtps://u:p@mail.example.test:465' },
      mailFrom: 'Cairn <cairn@example.test>',
      publicUrl: 'https://cairn.example.test',
    });
    expect(
      loadConfig({
        ...mail,
        CAIRN_SMTP_HOST: 'mail.example.test',
        CAIRN_SMTP_USER: 'cairn',
        CAIRN_SMTP_PASS: 'secret',
        CAIRN_SMTP_SECURE: 'true',
        CAIRN_MAIL_DIGEST_HOUR: '18',
      }),
    ).toMatchObject({
      smtp: { host: 'mail.example.test', port: 587, secure: true, user: 'cairn', pass: 'secret' },
      mailDigestHourUtc: 18,
    });
  });

  it('wants a sender and a public URL with SMTP, and refuses bad SMTP settings without echoing them', () => {
    expect(
      problemsOf({ CAIRN_SMTP_HOST: 'mail.example.test' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['CAIRN_MAIL_FROM', 'CAIRN_PUBLIC_URL']);
    const mail = { CAIRN_MAIL_FROM: 'cairn@example.test', CAIRN_PUBLIC_URL: 'https://cairn.example.test' };
    expect(problemsOf({ ...mail, CAIRN_SMTP_URL: 'http://u:hunter2@mail.example.test' })).toEqual([
      'CAIRN_SMTP_URL: must be an smtp:// or smtps:// URL',
    ]);
    expect(problemsOf({ ...mail, CAIRN_SMTP_URL: 'smtp://a', CAIRN_SMTP_HOST: 'b' })).toEqual([
      expect.stringMatching(/^CAIRN_SMTP_HOST: /),
    ]);
    expect(problemsOf({ ...mail, CAIRN_SMTP_HOST: 'b', CAIRN_SMTP_USER: 'u' })).toEqual([
      expect.stringMatching(/^CAIRN_SMTP_PASS: /),
    ]);
    expect(problemsOf({ CAIRN_MAIL_DIGEST_HOUR: '24' })).toEqual([expect.stringMatching(/^CAIRN_MAIL_DIGEST_HOUR: /)]);
    expect(problemsOf({ CAIRN_PUBLIC_URL: 'cairn.example.test' })).toEqual([
      expect.stringMatching(/^CAIRN_PUBLIC_URL: /),
    ]);
  });

  it('says what is wrong in the error message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      /Invalid configuration[\s\S]*PORT: must be a whole number from 0 to 65535, got "abc"/,
    );
  });
});

describe('loadConfig: single sign-on and password login', () => {
  const OIDC = {
    CAIRN_PUBLIC_URL: 'https://cairn.example.com/',
    CAIRN_OIDC_ISSUER: 'https://acme.okta.com',
    CAIRN_OIDC_CLIENT_ID: 'cairn',
    CAIRN_OIDC_CLIENT_SECRET: 'a client secret',
    CAIRN_OIDC_ALLOWED_DOMAINS: 'acme.com, Acme.co.uk',
  };

  it('is off by default, with password login on', () => {
    expect(loadConfig({})).toMatchObject({ oidc: null, passwordLogin: 'on', breakGlassEmails: [], publicUrl: null });
  });

  it('reads the provider, the callback URL, the domains and the role map', () => {
    const config = loadConfig({
      ...OIDC,
      CAIRN_OIDC_ROLE_MAP:
        'groups:data-science=member, groups:leadership=viewer,https://acme.com/roles:cairn:admin=admin',
      CAIRN_OIDC_PROVIDER_NAME: 'Okta',
      CAIRN_PASSWORD_LOGIN: 'break-glass',
      CAIRN_BREAK_GLASS_EMAILS: 'Root@Acme.com',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://acme.okta.com',
      clientId: 'cairn',
      clientSecret: 'a client secret',
      redirectUrl: 'https://cairn.example.com/api/v1/auth/oidc/callback',
      providerName: 'Okta',
      scopes: 'openid email profile',
      allowedDomains: ['acme.com', 'acme.co.uk'],
      roleMap: [
        { claim: 'groups', value: 'data-science', role: 'member' },
        { claim: 'groups', value: 'leadership', role: 'viewer' },
        { claim: 'https://acme.com/roles:cairn', value: 'admin', role: 'admin' },
      ],
      defaultRole: 'viewer',
      requireVerifiedEmail: true,
      allowInsecureRequests: false,
    });
    expect(config).toMatchObject({ passwordLogin: 'break-glass', breakGlassEmails: ['root@acme.com'] });
  });

  it('allows plain http only for an issuer on loopback', () => {
    expect(loadConfig({ ...OIDC, CAIRN_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.allowInsecureRequests).toBe(true);
    expect(problemsOf({ ...OIDC, CAIRN_OIDC_ISSUER: 'http://idp.acme.com' })).toEqual([
      expect.stringMatching(/^CAIRN_OIDC_ISSUER: must be an https:\/\/ URL/),
    ]);
  });

  it.each([
    ['CAIRN_OIDC_ROLE_MAP', 'groups=member'],
    ['CAIRN_OIDC_ROLE_MAP', 'groups:data-science=owner'],
    ['CAIRN_OIDC_DEFAULT_ROLE', 'owner'],
    ['CAIRN_OIDC_ALLOWED_DOMAINS', 'not a domain'],
    ['CAIRN_OIDC_SCOPES', 'email profile'],
    ['CAIRN_PASSWORD_LOGIN', 'sometimes'],
    ['CAIRN_PUBLIC_URL', 'cairn.example.com'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(problemsOf({ ...OIDC, [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  it('wants the provider variables and the public URL together', () => {
    const problems = problemsOf({ CAIRN_OIDC_ISSUER: 'https://acme.okta.com' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CAIRN_OIDC_ALLOWED_DOMAINS',
      'CAIRN_OIDC_CLIENT_ID',
      'CAIRN_OIDC_CLIENT_SECRET',
      'CAIRN_PUBLIC_URL',
    ]);
  });

  it('refuses to turn password login off when no one could sign in otherwise', () => {
    expect(problemsOf({ CAIRN_PASSWORD_LOGIN: 'off' })).toEqual([expect.stringMatching(/^CAIRN_PASSWORD_LOGIN: /)]);
    expect(problemsOf({ ...OIDC, CAIRN_PASSWORD_LOGIN: 'break-glass' })).toEqual([
      expect.stringMatching(/^CAIRN_BREAK_GLASS_EMAILS: /),
    ]);
  });

  it('never echoes the client secret', () => {
    const problems = problemsOf({ ...OIDC, CAIRN_OIDC_ISSUER: 'nope', CAIRN_OIDC_CLIENT_SECRET: 'hunter2-secret' });
    expect(problems.join('\n')).not.toContain('hunter2-secret');
  });
});
