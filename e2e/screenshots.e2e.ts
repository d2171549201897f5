import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { useSession } from './helpers';

/**
 * The README's screenshots, taken from the demo data at 1280×900 (and one at phone width, 390×844),
 * light and dark. Only with E2E_SCREENSHOTS=1, so that an ordinary run (and CI) never rewrites the
 * committed PNGs. dana's theme is "system": the emulated colour scheme picks the theme.
 */
const enabled = process.env.E2E_SCREENSHOTS === '1';
const OUT = path.join(__dirname, '..', 'docs', 'screenshots');

(enabled ? describe : describe.skip)('README screenshots', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ width: 1280, height: 900 });
    await browser.page.emulateMedia({ colorScheme: 'light' });
    await useSession(browser.page, 'dana@cairn.test');
    fs.mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
  });

  async function settle() {
    const { page } = browser;
    await page.getByTestId('loading').first().waitFor({ state: 'detached' });
    await page.evaluate(() => document.fonts.ready);
    // move focus and pointer out of the picture
    await page.mouse.move(0, 899);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  it('saves the portfolio board', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    await page.getByTestId('domain-card-RET').waitFor();
    await settle();
    await page.screenshot({ path: path.join(OUT, 'board.png') });
  });

  it('saves a domain page', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/RET`);
    await page.getByTestId('criteria-table').waitFor();
    await settle();
    await page.screenshot({ path: path.join(OUT, 'domain.png') });
  });

  it('saves the domain page in the dark theme', async () => {
    const { page } = browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.goto(`${BASE_URL}/domains/RET`);
      await page.getByTestId('criteria-table').waitFor();
      await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
      await settle();
      await page.screenshot({ path: path.join(OUT, 'domain-dark.png') });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('saves the portfolio board at phone width', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await phone.page.emulateMedia({ colorScheme: 'light' });
      await useSession(phone.page, 'dana@cairn.test');
      await phone.page.goto(`${BASE_URL}/`);
      await phone.page.getByTestId('domain-card-RET').waitFor();
      await phone.page.getByTestId('loading').first().waitFor({ state: 'detached' });
      await phone.page.evaluate(() => document.fonts.ready);
      await phone.page.screenshot({ path: path.join(OUT, 'board-phone.png') });
    } finally {
      await phone.close();
    }
  });
});
