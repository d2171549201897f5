import type { Page } from 'playwright-core';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { domainAt, explainFailure, optionValue, useSession } from './helpers';

interface ChartState {
  total: number;
  legend: string[];
  /** the current week's row of the chart's data table (the last one not ahead of now) */
  thisWeek: Record<string, string>;
  summary: string;
}

/** Reads the oddity chart of the domain page's weirdness tab as the user sees it. */
async function readChart(page: Page): Promise<ChartState> {
  const chart = page.getByTestId('oddity-chart');
  await chart.waitFor();
  await chart.locator('[data-testid="oddity-table"]').waitFor();
  return chart.evaluate((el) => {
    const headers = [...el.querySelectorAll('table thead th')].map((th) => th.textContent ?? '');
    const rows = [...el.querySelectorAll('table tbody tr')].filter(
      (tr) => !(tr.querySelector('th')?.textContent ?? '').includes('(ahead)'),
    );
    const last = rows[rows.length - 1];
    const cells = last ? [...last.querySelectorAll('th, td')].map((c) => c.textContent ?? '') : [];
    const thisWeek: Record<string, string> = {};
    headers.forEach((name, i) => {
      if (['New', 'By people', 'By monitors', 'Weighted', 'Fitted', 'Open at end'].includes(name))
        thisWeek[name] = cells[i];
    });
    return {
      total: Number(el.getAttribute('data-total')),
      legend: [...el.querySelectorAll('.chart-legend li')].map((li) => li.textContent ?? ''),
      thisWeek,
      summary: [...el.querySelectorAll('p')].map((p) => p.textContent ?? '').join(' '),
    };
  });
}

describe('the oddity chart', () => {
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
      // a domain that just reached hand-off: measured from today, too few oddities for a fit
      expect(before.legend).toEqual([
        'Weighted new oddities',
        'Found by monitors (count; the rest people found)',
        'Fitted (Goel–Okumoto)',
        'Open at week end',
        'Target',
        'Phase change',
      ]);
      expect(before.total).toBe(0);
      expect(before.thisWeek).toEqual({
        New: '0',
        'By people': '0',
        'By monitors': '0',
        Weighted: '0',
        Fitted: '—',
        'Open at end': '0',
      });
      await expect(page.getByTestId('confidence-forecast').textContent()).resolves.toMatch(/^Not enough data: /);

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
      // high severity weighs 2
      expect(reported.thisWeek).toEqual({
        New: '1',
        'By people': '1',
        'By monitors': '0',
        Weighted: '2',
        Fitted: '—',
        'Open at end': '1',
      });
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
      expect(resolved.thisWeek).toEqual({
        New: '1',
        'By people': '1',
        'By monitors': '0',
        Weighted: '2',
        Fitted: '—',
        'Open at end': '0',
      });
      expect(resolved.summary).toContain('1 new, 1 resolved, 0 open');
      expect(browser.errors).toEqual([]);
    });
  }, 180_000);
});
