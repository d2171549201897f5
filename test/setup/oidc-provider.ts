import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A person the test provider knows; `login` is what they type at its login form. */
export interface ProviderAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the people who can sign in, by login; change them between tests */
  accounts: Map<string, ProviderAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, with its development login form
 * (any login the accounts map knows) and one confidential client for Cairn.
 */
export async function startTestProvider(
  redirectUri: string,
  options: { port?: number; clientSecret?: string } = {},
): Promise<TestProvider> {
  // Its start-up notices (development keys, in-memory adapter, Node version) are expected here.
  const quiet =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (!String(args[0]).startsWith('oidc-provider')) write(...args);
    };
  const { warn, info } = console;
  console.warn = quiet(warn);
  console.info = quiet(info);
  const { default: Provider } = await import('oidc-provider');
  const accounts = new Map<string, ProviderAccount>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'cairn';
  const clientSecret = options.clientSecret ?? 'a-test-client-secret-long-enough-for-hs256';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    async findAccount(_ctx, sub) {
      const account = [...accounts.values()].find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({ ...account, email_verified: account.email_verified ?? true }),
      };
    },
  });
  provider.on('server_error', (_ctx: unknown, error: unknown) => warn('test provider failed:', error));
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        console.warn = warn;
        console.info = info;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookies for one site: enough for the provider's interaction cookies. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(index + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Goes through the provider the way a browser would: from the authorization URL, through its
 * login (as the account of `login`) and consent forms, to the redirect back to `redirectUri`,
 * which it returns.
 */
export async function signInAtProvider(
  provider: TestProvider,
  authorizationUrl: URL,
  login: string,
  redirectUri: string,
): Promise<URL> {
  // The development login form takes the account id, which is the subject.
  const accountId = provider.accounts.get(login)?.sub ?? login;
  const jar = new CookieJar();
  let url = authorizationUrl;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      if (url.href.startsWith(redirectUri)) return url;
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (response.status !== 200 || !prompt)
      throw new Error(`provider answered ${response.status} at ${url.href}: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: accountId, password: 'any' } : {}) });
    const submitted = await fetch(url, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    jar.store(submitted);
    url = new URL(submitted.headers.get('location')!, url);
    if (url.href.startsWith(redirectUri)) return url;
  }
  throw new Error('the provider never redirected back');
}
