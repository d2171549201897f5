import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, approveGate, domainAt, explainFailure, uniqueKey, useSession } from './helpers';

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
    await approveGate(page);
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

  // a longer timeout: the setup walks a domain through several gates over the API
  it('shows as stale once a high investigation is reported in the weirdness phase', async () => {
    const { page } = browser;
    const key = await domainAt('weirdness', 'W');
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/domains/${key}`);
      await page.getByTestId('signoff-comment').fill('Nothing odd is open.');
      await approveGate(page);
      const signOff = page.getByTestId('signoff-ds_lead');
      await signOff.getByTestId('signoff-fresh').waitFor();

      // the evidence changes: a high-severity oddity is logged
      await page.getByTestId('tab-weirdness').click();
      await page.getByTestId('report-investigation').click();
      const report = page.getByTestId('report-investigation-dialog');
      await report.getByTestId('investigation-title').fill('Signups double on Mondays');
      await report
        .getByTestId('investigation-observed')
        .fill('Every Monday since the 3rd, signups are twice the weekday mean.');
      await report.getByTestId('investigation-severity').selectOption('high');
      await report.getByTestId('dialog-submit').click();
      await page.getByTestId('investigation-heading').waitFor();

      await page.goto(`${BASE_URL}/domains/${key}`);
      await signOff.getByTestId('signoff-stale').waitFor();
      await expect(signOff.getAttribute('data-state')).resolves.toBe('stale');
      await expect(signOff.textContent()).resolves.toContain('Signups double on Mondays');
      await expect(page.getByTestId('gate-status').textContent()).resolves.toBe('Gate blocked');
      expect(browser.errors).toEqual([]);
    });
  }, 180_000);
});
