import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, useSession } from './helpers';

/** More domains than a column shows at first (COLUMN_PAGE_SIZE = 30). */
const EXTRA = 34;

describe('the portfolio board with many domains', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    const admin = await Api.as('admin@cairn.test');
    for (let i = 0; i < EXTRA; i++) {
      await admin.post('domains', { key: `BRD${String(i).padStart(2, '0')}`, name: `Board page ${i}` });
    }
    await admin.dispose();
    await useSession(browser.page, 'admin@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('each column shows its first page with its total, and "Show more" loads the rest', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    const specs = page.getByTestId('column-specs');
    await specs.getByTestId('column-more-specs').waitFor();
    const total = Number(await page.getByTestId('column-total-specs').textContent());
    expect(total).toBeGreaterThanOrEqual(EXTRA);
    const cards = specs.locator('[data-testid^="domain-card-"]');
    expect(await cards.count()).toBe(30);
    await expect(page.getByTestId('board-count').textContent()).resolves.toMatch(/ of \d+ domains/);

    await specs.getByTestId('column-more-specs').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="column-specs"] [data-testid^="domain-card-"]').length === n,
      total,
    );
    expect(await specs.getByTestId('column-more-specs').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it('a filter asks the server, so every column counts only its matches', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/?q=${encodeURIComponent('Board page 3')}`);
    // "Board page 3" and "Board page 30" to "Board page 33"
    await page.waitForFunction(
      () => document.querySelector('[data-testid="board-count"]')?.textContent === '5 of 5 domains',
    );
    expect(await page.getByTestId('column-total-specs').textContent()).toBe('5');
    expect(await page.getByTestId('column-more-specs').count()).toBe(0);
  });
});
