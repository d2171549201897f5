import { openBrowser, type Browser } from './browser';
import { signIn } from './helpers';

describe('signing in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a wrong password shows an error; the right one opens the portfolio board', async () => {
    const { page } = browser;
    await page.goto(`${process.env.E2E_BASE_URL}/`);
    await page.getByTestId('login-email').fill('dana@cairn.test');
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByText(/wrong/i).first().waitFor();
    await signIn(page, 'dana@cairn.test');
    await page
      .getByRole('heading', { name: /portfolio/i })
      .first()
      .waitFor();
    expect(browser.errors.filter((e) => !/401|Failed to load resource/.test(e))).toEqual([]);
  });
});
