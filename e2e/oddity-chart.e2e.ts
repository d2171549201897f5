import type { Page } from 'playwright-core';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { domainAt, explainFailure, optionValue, useSession } from './helpers';

interface ChartState {
  total: number;
  legend: string[];
  /** the latest week's value of each series, from the chart's data table */
  thisWeek: Record<string, number>;
  summary: string;
}

/** Reads the oddity-rate chart of the domain page's weirdness tab as the user sees it. */
async function readChart(page: Page): Promise<ChartState> {
  const chart = page.getByTestId('oddity-chart');
  await chart.waitFor();
  return chart.evaluate((el) => {
    const headers = [...el.querySelectorAll('table thead th')].map((th) => th.textContent ?? '');
    const rows = [...el.querySelectorAll('table tbody tr')];
    const last = rows[rows.length - 1];
    const cells = last ? [...last.querySelectorAll('th, td')].map((c) => c.textContent ?? '') : [];
    const thisWeek: Record<string, number> = {};
    headers.forEach((name, i) => {
      if (i > 0) thisWeek[name] = Number(cells[i]);
    });
    return {
      total: Number(el.getAttribute('data-total')),
      legend: [...el.querySelectorAll('.chart-legend li')].map((li) => li.textContent ?? ''),
      thisWeek,
      summary: el.querySelector('p')?.textContent ?? '',
    };
  });
}

describe('the oddity-rate chart', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'priya@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  // a longer timeout: the setup walks a domain through several gates over the API
  it('changes when an investigation is reported and when it is resolved', async () => {
    const { page } = browser;
    const key = await domainAt('handoff', 'O');
    await explainFailure({ priya: browser }, async () => {
      await page.goto(`${BASE_URL}/domains/${key}?tab=weirdness`);
      const before = await readChart(page);
      expect(before.legend).toEqual(['All new', 'Critical', 'High', 'Resolved']);
      expect(before.total).toBe(0);
      expect(before.thisWeek).toEqual({ 'All new': 0, Critical: 0, High: 0, Resolved: 0 });

      // priya reports an oddity of high severity
      await page.getByTestId('report-investigation').click();
      const report = page.getByTestId('report-investigation-dialog');
      await report.getByTestId('investigation-title').fill('Retention jumps on the 1st of each month');
      await report
        .getByTestId('investigation-observed')
        .fill('Weekly retention is 8 points higher in the first week of every month.');
      await report.getByTestId('investigation-expected').fill('A smooth curve.');
      await report.getByTestId('investigation-severity').selectOption('high');
      await report.getByTestId('dialog-submit').click();
      await page.getByTestId('investigation-heading').waitFor();
      const investigationUrl = page.url();

      await page
        .getByRole('link', { name: /^Browser test/ })
        .first()
        .click();
      await page.waitForURL(/tab=weirdness/);
      const reported = await readChart(page);
      expect(reported.total).toBe(1);
      expect(reported.thisWeek).toEqual({ 'All new': 1, Critical: 0, High: 1, Resolved: 0 });
      expect(reported.summary).toContain('1 new, 0 resolved, 1 open');

      // it is triaged, then resolved with a root cause
      await page.goto(investigationUrl);
      await page.getByTestId('transition-triaged').click();
      const triage = page.getByTestId('transition-dialog');
      await triage
        .getByTestId('transition-investigator')
        .selectOption(await optionValue(page, 'transition-investigator', 'Dana Scientist'));
      await triage.getByTestId('dialog-submit').click();
      await page.getByTestId('investigation-status').filter({ hasText: 'Triaged' }).waitFor();
      await page.getByTestId('transition-resolved').click();
      const resolve = page.getByTestId('transition-dialog');
      await resolve.getByTestId('transition-root-cause').selectOption('data_bug');
      await resolve
        .getByTestId('transition-resolution')
        .fill('A monthly backfill double-counted returning users; the job is fixed.');
      await resolve.getByTestId('dialog-submit').click();
      await page.getByTestId('investigation-status').filter({ hasText: 'Resolved' }).waitFor();

      await page.goto(`${BASE_URL}/domains/${key}?tab=weirdness`);
      const resolved = await readChart(page);
      expect(resolved.total).toBe(1);
      expect(resolved.thisWeek).toEqual({ 'All new': 1, Critical: 0, High: 1, Resolved: 1 });
      expect(resolved.summary).toContain('1 new, 1 resolved, 0 open');
      expect(browser.errors).toEqual([]);
    });
  }, 180_000);
});
