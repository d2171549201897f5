import type { Page } from 'playwright-core';
import type { InsightsView } from '../shared/api/insights';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, enabledButtons, explainFailure, useSession } from './helpers';

type Table = string[][];

/** Opens a chart's table fallback and reads it as the user sees it: header row first, then each row. */
async function revealTable(page: Page, testId: string): Promise<Table> {
  const fallback = page.getByTestId(testId);
  await fallback.getByText('Show the numbers as a table').click();
  const table = fallback.locator('table');
  await table.waitFor({ state: 'visible' });
  return table.evaluate((el) =>
    [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
  );
}

const STAGE_LABELS = [
  'Gathering specs',
  'Scoping',
  'Product hand-off',
  'Exploring weirdness',
  'Confidence',
  'Certified',
];
const STAGES = ['specs', 'scoping', 'handoff', 'weirdness', 'confidence', 'certified'] as const;
const days = (value: number | null) => (value === null ? '—' : String(value));

describe('the insights page, as a viewer', () => {
  let browser: Browser;
  let lee: Api;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'lee@cairn.test');
    lee = await Api.as('lee@cairn.test');
  });
  afterAll(async () => {
    await lee.dispose();
    await browser.close();
  });

  it('shows the summary, each chart and each table with the demo portfolio', async () => {
    const { page } = browser;
    await explainFailure({ lee: browser }, async () => {
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
      await page.waitForURL(/\/insights$/);
      await page.getByTestId('summary-certified').waitFor();
      const view = await lee.get<InsightsView>('insights');

      // The summary strip: the board's own counts (other browser tests may have added domains).
      const total = async (query: string) => (await lee.get<{ total: number }>(`domains?limit=1${query}`)).total;
      const board = {
        certified: await total('&stage=certified'),
        'in-progress': (await total('')) - (await total('&stage=certified')),
        stalled: await total('&stalled=true'),
        'at-risk': await total('&atRisk=true'),
      };
      const strip: Record<string, number> = {};
      for (const key of Object.keys(board)) {
        strip[key] = Number(await page.getByTestId(`summary-${key}`).locator('.summary-value').textContent());
      }
      expect(strip).toEqual(board);
      // the demo: EVT and BILL certified, EVT at risk, ONB stalled in specs
      expect(strip.certified).toBeGreaterThanOrEqual(2);
      expect(strip['at-risk']).toBeGreaterThanOrEqual(1);
      expect(strip.stalled).toBeGreaterThanOrEqual(1);

      // Every chart is drawn: six stage bands, two bars per phase, one line.
      for (const id of [
        'chart-cumulative-flow',
        'chart-time-in-phase',
        'chart-certified-per-month',
        'chart-oddity-rate',
      ]) {
        await expect(page.getByTestId(id).locator('svg[role="img"]').isVisible()).resolves.toBe(true);
      }
      await expect(page.getByTestId('chart-cumulative-flow').locator('polygon').count()).resolves.toBe(6);
      await expect(page.getByTestId('chart-time-in-phase').locator('rect[width]:not([rx])').count()).resolves.toBe(10);

      // Cumulative flow: one row per week since the first domain, the last one today's portfolio.
      const flow = await revealTable(page, 'table-cumulative-flow');
      expect(flow[0]).toEqual(['Week', ...STAGE_LABELS, 'Total']);
      expect(flow.slice(1)).toEqual(
        view.cumulativeFlow.map((w) => [
          w.week,
          ...STAGES.map((s) => String(w.stages[s])),
          String(STAGES.reduce((n, s) => n + w.stages[s], 0)),
        ]),
      );
      const today = flow[flow.length - 1];
      expect(Number(today[7])).toBe(board.certified + board['in-progress']);
      expect(Number(today[6])).toBe(board.certified);
      expect(flow.length - 1).toBeGreaterThan(20); // the demo's story spans months

      // Time in phase: BILL went through all five phases, so each has a completed stay.
      const phases = await revealTable(page, 'table-time-in-phase');
      expect(phases).toEqual([
        ['Phase', 'Completed stays', 'Median (days)', '90th percentile (days)'],
        ...view.timeInPhase.map((p, i) => [STAGE_LABELS[i], String(p.stays), days(p.medianDays), days(p.p90Days)]),
      ]);
      // every phase has finished stays to time (the browser tests' own domains may pass a phase in seconds)
      for (const row of phases.slice(1)) expect(Number(row[1])).toBeGreaterThan(0);

      // Certifications per month: EVT's and BILL's at least.
      const months = await revealTable(page, 'table-certified-per-month');
      expect(months).toEqual([
        ['Month', 'Certified'],
        ...view.certifiedPerMonth.map((m) => [m.month, String(m.certified)]),
      ]);
      expect(months.slice(1).reduce((n, row) => n + Number(row[1]), 0)).toBeGreaterThanOrEqual(2);

      // Oddity rate: every investigation of the weirdness log is in one week, duplicates left out.
      const oddity = await revealTable(page, 'table-oddity-rate');
      expect(oddity).toEqual([
        ['Week', 'New investigations'],
        ...view.oddityRate.map((w) => [w.week, String(w.newInvestigations)]),
      ]);
      const log = await lee.get<{ total: number }>('investigations?limit=1');
      const dismissed = await lee.get<{ items: { duplicateOf: number | null }[] }>(
        'investigations?status=dismissed&limit=100',
      );
      const duplicates = dismissed.items.filter((i) => i.duplicateOf !== null).length;
      expect(oddity.slice(1).reduce((n, row) => n + Number(row[1]), 0)).toBe(log.total - duplicates);
      // Billing's rise after hand-off: some past week saw several new oddities
      expect(Math.max(...oddity.slice(1, -1).map((row) => Number(row[1])))).toBeGreaterThanOrEqual(3);
      // the forecast per domain: Retention about N weeks out, Support without enough data to say
      const forecasts = page.getByTestId('insights-forecasts');
      await expect(forecasts.getByTestId('forecast-RET').textContent()).resolves.toMatch(/≈ \d+ weeks? to confidence/);
      await expect(forecasts.getByTestId('forecast-SUP').textContent()).resolves.toContain('Not enough data');
      // a page to read: nothing on it changes anything
      expect(await enabledButtons(page)).toEqual([]);
      expect(browser.errors).toEqual([]);
    });
  });

  it('fits a phone: no sideways scrolling, charts as wide as the screen', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await useSession(phone.page, 'lee@cairn.test');
      await explainFailure({ phone }, async () => {
        await phone.page.goto(`${BASE_URL}/insights`);
        await phone.page.getByTestId('chart-oddity-rate').waitFor();
        await phone.page.getByTestId('table-cumulative-flow').getByText('Show the numbers as a table').click();
        const layout = await phone.page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          charts: [...document.querySelectorAll('svg.chart-svg')].map((svg) => svg.getBoundingClientRect().width),
        }));
        expect(layout.scrollWidth).toBeLessThanOrEqual(390);
        expect(layout.charts).toHaveLength(4);
        for (const width of layout.charts) expect(width).toBeLessThanOrEqual(390);
        expect(phone.errors).toEqual([]);
      });
    } finally {
      await phone.close();
    }
  });
});
