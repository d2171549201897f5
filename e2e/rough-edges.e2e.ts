import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, explainFailure, uniqueKey, useSession } from './helpers';

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

  it('a dialog opens on its first field, asks before Escape discards what was typed, and checks required fields', async () => {
    const { page } = browser;
    const key = uniqueKey('DLG');
    await dana.createDomain(key, `Dialogs ${key}`);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/domains/${key}/tickets`)) posts.push(r.url());
    });
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/domains/${key}?tab=tickets`);
      const dialog = page.getByTestId('ticket-dialog');

      // focus starts in the first field, not on ✕
      await page.getByTestId('new-ticket').click();
      await dialog.getByTestId('ticket-title').waitFor();
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
        'ticket-kind',
      );
      // nothing typed: Escape simply closes
      await page.keyboard.press('Escape');
      await dialog.getByTestId('ticket-title').waitFor({ state: 'detached' });

      // something typed: Escape asks, and "Keep editing" keeps it
      await page.getByTestId('new-ticket').click();
      await dialog.getByTestId('ticket-title').fill('Half-written');
      await page.keyboard.press('Escape');
      await dialog.getByTestId('dialog-discard').waitFor();
      await dialog.getByTestId('dialog-keep-editing').click();
      await expect(dialog.getByTestId('ticket-title').inputValue()).resolves.toBe('Half-written');
      await page.keyboard.press('Escape');
      await dialog.getByTestId('dialog-discard-confirm').click();
      await dialog.getByTestId('ticket-title').waitFor({ state: 'detached' });

      // a required field left empty is named beside it, and nothing is sent
      await page.getByTestId('new-ticket').click();
      await dialog.getByTestId('ticket-title').fill('   ');
      await dialog.getByTestId('dialog-submit').click();
      await expect(dialog.getByTestId('field-error').innerText()).resolves.toBe('Title is required.');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
        'ticket-title',
      );
      expect(posts).toEqual([]);
      // filled in, it goes
      await dialog.getByTestId('ticket-title').fill('Whole');
      await expect(dialog.getByTestId('field-error').count()).resolves.toBe(0);
      await dialog.getByTestId('dialog-submit').click();
      await dialog.getByTestId('ticket-title').waitFor({ state: 'detached' });
      expect(posts).toHaveLength(1);
      expect(browser.errors).toEqual([]);
    });
  });
});
