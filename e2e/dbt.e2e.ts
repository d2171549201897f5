import path from 'node:path';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { domainAt, useSession } from './helpers';

/** A lead sets the domain's dbt selector, uploads a manifest, reviews the plan and applies it. */
describe('Sync from dbt, as a domain lead', () => {
  let browser: Browser;
  let key = '';

  beforeAll(async () => {
    key = await domainAt('scoping', 'DBT');
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('edits the selector, previews the plan, applies it; synced artifacts show their source and dbt-owned fields are read-only', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/${key}`);
    await page.getByTestId('edit-dbt-selector').click();
    const selector = page.getByTestId('dbt-selector-dialog');
    await selector.waitFor();
    await page.getByTestId('dbt-selector-groups').fill('retention');
    await page.getByTestId('dbt-selector-tags').fill('retention');
    await selector.getByRole('button', { name: 'Save selector' }).click();
    await selector.waitFor({ state: 'detached' });

    await page.goto(`${BASE_URL}/domains/${key}?tab=artifacts`);
    await page.getByTestId('dbt-sync').click();
    const dialog = page.getByTestId('dbt-sync-dialog');
    await dialog.waitFor();
    await page
      .getByTestId('dbt-manifest-file')
      .setInputFiles(path.join(__dirname, '..', 'test', 'fixtures', 'dbt', 'v12', 'manifest.json'));
    await expect(page.getByTestId('dbt-plan-summary').textContent()).resolves.toContain(
      '11 to create, 0 changed, 0 unchanged, 0 to deprecate',
    );
    await expect(page.getByTestId('dbt-plan').textContent()).resolves.toContain('+ dataset fct_retention');
    await page.getByTestId('dbt-apply').click();
    await expect(page.getByTestId('dbt-sync-done').textContent()).resolves.toContain('11 artifacts created');
    await page.getByTestId('dbt-sync-done').getByRole('button', { name: 'Close', exact: true }).click();

    const card = page.getByRole('article', { name: 'fct_retention' });
    await card.waitFor();
    await expect(card.getByTestId('artifact-dbt-source').textContent()).resolves.toContain(
      'From dbt: model (table) model.jaffle_shop.fct_retention',
    );
    await card.getByTestId('edit-artifact').click();
    await page.getByTestId('artifact-dbt-note').waitFor();
    await expect(page.getByTestId('artifact-name').getAttribute('readonly')).resolves.not.toBeNull();
    await expect(page.getByTestId('artifact-detail-location').getAttribute('readonly')).resolves.not.toBeNull();
  });
});
