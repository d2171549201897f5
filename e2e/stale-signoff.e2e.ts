import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, uniqueKey, useSession } from './helpers';

describe('a sign-off made stale', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows as stale once a done ticket of the phase is reopened', async () => {
    const { page } = browser;
    const dana = await Api.as('dana@cairn.test');
    const key = uniqueKey('S');
    await dana.createDomain(key, `Stale sign-off ${key}`);
    const problem = await dana.createTicket(key, {
      kind: 'problem',
      title: 'Two churn numbers',
      phase: 'specs',
      status: 'done',
    });
    await dana.createTicket(key, { kind: 'stakeholder', title: 'Finance', phase: 'specs', status: 'done' });
    await dana.dispose();

    // dana approves the specs gate as its data science lead
    await page.goto(`${BASE_URL}/domains/${key}`);
    await page.getByTestId('signoff-form').waitFor();
    await page.getByTestId('signoff-comment').fill('Problem and stakeholder are recorded.');
    await page.getByTestId('signoff-approve').click();
    const signOff = page.getByTestId('signoff-ds_lead');
    await signOff.getByTestId('signoff-fresh').waitFor();
    await expect(signOff.getAttribute('data-state')).resolves.toBe('approve');
    await expect(page.getByTestId('gate-status').textContent()).resolves.toBe('Gate open');

    // the evidence changes: the problem statement is reopened from the ticket list
    await page.getByTestId('tab-tickets').click();
    await page.getByTestId(`ticket-status-${problem.key}`).selectOption('open');
    await page.waitForResponse((r) => r.url().includes(`/tickets/${problem.key}`) && r.request().method() === 'PATCH');

    await page.reload();
    await page.getByTestId('tab-gate').click();
    await signOff.getByTestId('signoff-stale').waitFor();
    await expect(signOff.getAttribute('data-state')).resolves.toBe('stale');
    await expect(signOff.textContent()).resolves.toContain(`${problem.key} reopened`);
    await expect(page.getByTestId('gate-status').textContent()).resolves.toBe('Gate blocked');
    // the signer is asked again
    await page.getByTestId('signoff-form').waitFor();
    expect(browser.errors).toEqual([]);
  });
});
