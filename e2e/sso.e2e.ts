import { startTestProvider, type TestProvider } from '../test/setup/oidc-provider';
import { BASE_URL, openBrowser, type Browser } from './browser';

/**
 * Single sign-on in the browser, through a real OpenID Connect provider (oidc-provider, started
 * here on the port e2e/run.mjs configured the server with) and its own login and consent forms.
 */
describe('single sign-on', () => {
  let provider: TestProvider;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startTestProvider(`${BASE_URL}/api/v1/auth/oidc/callback`, {
      port: Number(process.env.E2E_OIDC_PORT),
      clientSecret: process.env.CAIRN_OIDC_CLIENT_SECRET,
    });
    provider.accounts.set('casey', {
      sub: 'casey-0001',
      email: 'casey.sso@cairn.test',
      name: 'Casey Single',
      groups: ['data-science'],
    });
    provider.accounts.set('outsider', { sub: 'outsider-0001', email: 'out@elsewhere.test', name: 'Out Sider' });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
  });

  /** Presses "Sign in with …" and goes through the provider's forms as `sub`. */
  async function signInAtProvider(sub: string) {
    const { page } = browser;
    await page.getByTestId('login-sso').click();
    await page.locator('input[name="login"]').fill(sub);
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    // the provider asks for consent once per account
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('creates the account on first sign-in, with the role its group maps to, and returns to the page asked for', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/catalog`);
    await page.getByTestId('login-sso').getByText('Sign in with Cairn Test ID').waitFor();
    await signInAtProvider('casey-0001');
    await page.getByTestId('current-user').getByText('Casey Single').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('Member');
    expect(new URL(page.url()).pathname).toBe('/catalog');
    expect(new URL(page.url()).hash).toBe('');
    // the session holds across a reload
    await page.reload();
    await page.getByTestId('current-user').getByText('Casey Single').waitFor();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-sso').waitFor();
  });

  it('explains a refusal on the login page, in words', async () => {
    const { page } = browser;
    // forget Casey's session at the provider, as another person's browser would
    await browser.context.clearCookies();
    await page.goto(`${BASE_URL}/`);
    await signInAtProvider('outsider-0001');
    await page
      .getByTestId('sso-error')
      .getByText('Accounts with this email domain may not sign in to Cairn.')
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // still a login page, not a stack or a JSON dump, and a clean one (the provider's own pages
    // ask for fonts and icons this offline machine lacks, so errors are counted from here)
    await page.getByTestId('login-email').waitFor();
    browser.errors.length = 0;
    await page.reload();
    await page.getByTestId('sso-error').getByText('email domain').waitFor();
    expect(browser.errors.filter((e) => !/401/.test(e))).toEqual([]);
  });
});
