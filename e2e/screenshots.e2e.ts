import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { useSession } from './helpers';

/**
 * The README's screenshots, taken from the demo data at 1280×900. Only with E2E_SCREENSHOTS=1, so
 * that an ordinary run (and CI) never rewrites the committed PNGs.
 */
const enabled = process.env.E2E_SCREENSHOTS === '1';
const OUT = path.join(__dirname, '..', 'docs', 'screenshots');

(enabled ? describe : describe.skip)('README screenshots', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ width: 1280, height: 900 });
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
});
