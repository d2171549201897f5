import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, useSession } from './helpers';

/** More people than a picker lists at once (one page of 100). */
const PEOPLE = 101;

describe('pickers over long lists', () => {
  let browser: Browser;
  let lead: { id: string; name: string };

  beforeAll(async () => {
    browser = await openBrowser();
    const admin = await Api.as('admin@cairn.test');
    for (let i = 0; i < PEOPLE; i++) {
      const user = await admin.post<{ id: string; name: string }>('users', {
        email: `picker-${i}@example.test`,
        name: `Picker Person ${String(i).padStart(3, '0')}`,
        password: `a long passphrase number ${i} for lists`,
        role: 'member',
      });
      if (i === 77) lead = user;
    }
    await admin.dispose();
    await useSession(browser.page, 'admin@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a person beyond the first page is found by searching, and the choice filters the board', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    const search = page.getByTestId('filter-lead-search');
    await search.waitFor();
    await search.fill('Person 077');
    await page.waitForFunction(
      () => {
        const select = document.querySelector('[data-testid="filter-lead"]') as HTMLSelectElement | null;
        return select && [...select.options].some((o) => o.text === 'Picker Person 077');
      },
      undefined,
      { timeout: 10_000 },
    );
    await page.getByTestId('filter-lead').selectOption(lead.id);
    await page.waitForURL((url) => url.searchParams.get('lead') === lead.id);
    expect(browser.errors).toEqual([]);
  });
});
