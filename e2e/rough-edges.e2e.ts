import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, explainFailure, useSession } from './helpers';

/** The rough edges of issue #17 item 2, each as a user meets it. */
describe('rough edges', () => {
  let browser: Browser;
  let dana: Api;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
    dana = await Api.as('dana@cairn.test');
  });
  afterAll(async () => {
    await dana.dispose();
    await browser.close();
  });
  beforeEach(() => {
    browser.errors.length = 0;
  });

  it('past decisions name an open investigation once-hashed, linked to it', async () => {
    const { page } = browser;
    const key = await domainAt('handoff', 'EV');
    const investigation = await dana.post<{ id: number }>(`domains/${key}/investigations`, {
      title: 'Sessions double on Sundays',
      observed: 'Twice as many sessions every Sunday.',
      severity: 'high',
    });
    await dana.signOff(key, 'ds_lead');
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/reviews`);
      const decision = page
        .getByTestId('past-decisions')
        .locator('li', { hasText: `Browser test ${key}` })
        .first();
      await decision.getByTestId('evidence').locator('summary').click();
      const link = decision.getByRole('link', { name: `#${investigation.id}`, exact: true });
      await expect(link.getAttribute('href')).resolves.toBe(`/investigations/${investigation.id}`);
      await expect(decision.getByTestId('evidence').innerText()).resolves.not.toContain('##');
    });
  });
});
