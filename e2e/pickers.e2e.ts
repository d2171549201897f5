import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, useSession } from './helpers';

/** More people than a picker lists at once (one page of 100). */
const PEOPLE = 101;
/** More artifacts in one domain than the artifact picker lists at once (100). */
const ARTIFACTS = 101;

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
    for (let i = 0; i < ARTIFACTS; i++) {
      await admin.post('domains/RET/artifacts', {
        type: 'dataset',
        name: `Picker table ${String(i).padStart(3, '0')}`,
      });
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

  it('an artifact beyond the first page is found by searching when reporting an oddity', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/RET?tab=weirdness`);
    await page.getByTestId('report-investigation').click();
    const report = page.getByTestId('report-investigation-dialog');
    await report.getByTestId('investigation-title').fill('Rows vanish from one table');
    await report.getByTestId('investigation-observed').fill('Picker table 088 lost a day of rows.');
    await report.getByTestId('investigation-artifact-search').fill('table 088');
    await page.waitForFunction(() => {
      const select = document.querySelector('[data-testid="investigation-artifact"]') as HTMLSelectElement | null;
      return select && [...select.options].some((o) => o.text === 'Picker table 088 (dataset)');
    });
    const value = await report
      .getByTestId('investigation-artifact')
      .evaluate(
        (select: HTMLSelectElement) => [...select.options].find((o) => o.text === 'Picker table 088 (dataset)')!.value,
      );
    await report.getByTestId('investigation-artifact').selectOption(value);
    await report.getByTestId('dialog-submit').click();
    await page.getByTestId('investigation-heading').waitFor();
    await page.getByText('Picker table 088').first().waitFor();
    expect(browser.errors).toEqual([]);
  });
});
