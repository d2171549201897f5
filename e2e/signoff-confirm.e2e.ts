import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, uniqueKey, useSession } from './helpers';

describe('a sign-off asks before approving a failing gate, and can be withdrawn', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('confirms when criteria are not met, then withdraws the approval', async () => {
    const { page } = browser;
    const dana = await Api.as('dana@cairn.test');
    const key = uniqueKey('C');
    // a fresh specs domain: no problem statement, no stakeholder, so two criteria fail
    await dana.createDomain(key, `Confirm sign-off ${key}`);
    await dana.dispose();

    await page.goto(`${BASE_URL}/domains/${key}`);
    await page.getByTestId('signoff-form').waitFor();
    await page.getByTestId('signoff-approve').click();
    const confirm = page.getByTestId('signoff-confirm');
    await confirm.waitFor();
    const failing = await confirm.getByTestId('signoff-failing-criteria').locator('li').allTextContents();
    expect(failing.length).toBeGreaterThanOrEqual(2);
    // cancelling records nothing
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('signoff-ds_lead').getAttribute('data-state')).resolves.toBe('missing');

    await page.getByTestId('signoff-approve').click();
    await confirm.getByTestId('dialog-submit').click();
    const mine = page.getByTestId('signoff-ds_lead');
    await mine.getByTestId('signoff-fresh').waitFor();
    await expect(mine.getAttribute('data-state')).resolves.toBe('approve');

    await mine.getByTestId('signoff-withdraw').click();
    const withdraw = page.getByTestId('signoff-withdraw-dialog');
    await withdraw.getByTestId('signoff-withdraw-reason').fill('Signed before the stakeholders were in');
    await withdraw.getByTestId('dialog-submit').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="signoff-ds_lead"]')?.getAttribute('data-state') === 'missing',
    );
    await expect(mine.getByTestId('signoff-withdraw').count()).resolves.toBe(0);

    // the withdrawn decision stays in the past decisions
    await page.goto(`${BASE_URL}/reviews`);
    await page.getByTestId('decision-withdrawn').first().waitFor();
    expect(browser.errors).toEqual([]);
  });
});
