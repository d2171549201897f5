import type { Page } from 'playwright-core';
import type { Page as ApiPage } from '../shared/api/common';
import type { DomainConfidenceView } from '../shared/api/confidence';
import type { DomainSummary } from '../shared/api/domains';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, explainFailure, useSession } from './helpers';

type Measured = Extract<DomainConfidenceView, { status: 'measured' }>;

/** Opens the oddity chart's table fallback and reads it: header row first, then each row. */
async function revealTable(page: Page): Promise<string[][]> {
  const fallback = page.getByTestId('oddity-table');
  await fallback.getByText('Show the numbers as a table').click();
  const table = fallback.locator('table');
  await table.waitFor({ state: 'visible' });
  return table.evaluate((el) =>
    [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
  );
}

/** What the page says "≈ N weeks" for: whole weeks from now, at least one. */
const weeksText = (weeksFromNow: number) => {
  const weeks = Math.max(1, Math.round(weeksFromNow));
  return `≈ ${weeks} ${weeks === 1 ? 'week' : 'weeks'} to confidence`;
};

/** Two significant digits, as the chart prints a weighted count. */
const twoDigits = (value: number) => (value >= 10 ? Math.round(value) : Number(value.toPrecision(2)));

describe('measured confidence in the browser', () => {
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

  it('the chart of a demo domain shows its markers, the target and the forecast, and its table the API weeks', async () => {
    const { page } = browser;
    await explainFailure({ dana: browser }, async () => {
      // RET: in confidence, with a forecast "about N weeks" ahead
      const view = await dana.get<DomainConfidenceView>('domains/RET/confidence');
      expect(view.status).toBe('measured');
      const ret = view as Measured;
      expect(ret.forecast.status).toBe('ok');
      if (ret.forecast.status !== 'ok') return;

      await page.goto(`${BASE_URL}/domains/RET?tab=weirdness`);
      const chart = page.getByTestId('oddity-chart');
      await chart.locator('svg[role="img"]').waitFor();
      // one marker per phase change since hand-off, the hand-off first
      const kinds = await chart
        .getByTestId('confidence-marker')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      expect(kinds).toEqual(ret.markers.map((m) => m.kind));
      expect(kinds[0]).toBe('handoff');
      await expect(chart.getByTestId('confidence-markers').textContent()).resolves.toContain('Hand-off');
      // the target line at the gate's target, the forecast's week and its range
      await expect(chart.getByTestId('confidence-target').getAttribute('data-value')).resolves.toBe(
        String(ret.options.target),
      );
      await expect(chart.getByTestId('confidence-band').count()).resolves.toBe(1);
      await expect(chart.getByTestId('confidence-forecast-line').count()).resolves.toBe(1);
      const forecast = (await chart.getByTestId('confidence-forecast').textContent()) ?? '';
      expect(forecast).toContain(ret.forecast.reached ? 'At target (fitted)' : weeksText(ret.forecast.weeksFromNow));
      expect(forecast).toContain(ret.forecast.week.replace(/^\d{4}-/, ''));
      // the fitted curve and the open-at-week-end line are drawn
      await expect(chart.locator('polyline[data-series="fitted"]').count()).resolves.toBe(1);
      await expect(chart.locator('polyline[data-series="open"]').count()).resolves.toBe(1);

      // the table: one row per week of the API's series (then the weeks ahead), with its numbers
      const [header, ...rows] = await revealTable(page);
      expect(header).toEqual([
        'Week',
        'New',
        'By people',
        'By monitors',
        'Weighted',
        'Fitted',
        'Open at end',
        'Phase change',
      ]);
      const observed = rows.filter((r) => !r[0].includes('(ahead)'));
      expect(observed.map((r) => r[0].replace(/ \(partial\)$/, ''))).toEqual(ret.weeks.map((w) => w.week));
      expect(observed.map((r) => Number(r[1]))).toEqual(ret.weeks.map((w) => w.count));
      // people's and monitors' oddities add up to the week's new ones
      expect(observed.map((r) => Number(r[2]) + Number(r[3]))).toEqual(ret.weeks.map((w) => w.count));
      expect(observed.map((r) => Number(r[4]))).toEqual(ret.weeks.map((w) => twoDigits(w.weighted)));
      if (ret.fit.status === 'ok') {
        const fitted = ret.fit.expectedWeekly;
        expect(observed.map((r) => Number(r[5]))).toEqual(fitted.map(twoDigits));
      }
      const handoffRow = observed.find((r) => r[0].startsWith(ret.markers[0].week));
      expect(handoffRow?.[7]).toContain('Hand-off');
      expect(browser.errors).toEqual([]);
    });
  });

  it('a domain with too few oddities says "Not enough data" and the server\'s reason, with no date', async () => {
    const { page } = browser;
    await explainFailure({ dana: browser }, async () => {
      const sup = (await dana.get<DomainConfidenceView>('domains/SUP/confidence')) as Measured;
      expect(sup.forecast.status).toBe('insufficient');
      if (sup.forecast.status !== 'insufficient') return;
      await page.goto(`${BASE_URL}/domains/SUP?tab=weirdness`);
      const text = (await page.getByTestId('confidence-forecast').textContent()) ?? '';
      expect(text).toBe(`Not enough data: ${sup.forecast.reason}`);
      await expect(page.getByTestId('confidence-band').count()).resolves.toBe(0);
      // before hand-off: nothing measured, and the server says why
      const mkt = await dana.get<DomainConfidenceView>('domains/MKT/confidence');
      expect(mkt.status).toBe('not_started');
      if (mkt.status !== 'not_started') return;
      await page.goto(`${BASE_URL}/domains/MKT?tab=weirdness`);
      await expect(page.getByTestId('confidence-not-started').textContent()).resolves.toBe(
        `Not enough data: ${mkt.reason}`,
      );
      expect(browser.errors).toEqual([]);
    });
  });

  it('cards show the rate and the forecast, sparklines on one scale with their numbers, and what blocks', async () => {
    const { page } = browser;
    await explainFailure({ dana: browser }, async () => {
      const cards = (await dana.get<ApiPage<DomainSummary>>('domains?limit=100&sort=name')).items;
      const byKey = new Map(cards.map((c) => [c.key, c]));
      const danaId = await dana.userId('dana@cairn.test');
      await page.goto(`${BASE_URL}/`);
      await page.getByTestId('domain-card-RET').waitFor();

      // RET: the rate with its bound, and "≈ N weeks to confidence"
      const ret = byKey.get('RET')!;
      const retCard = page.getByTestId('domain-card-RET');
      expect(ret.confidence?.forecast.status).toBe('ok');
      if (ret.confidence?.forecast.status !== 'ok') return;
      await expect(retCard.getByTestId('card-forecast').textContent()).resolves.toBe(
        ret.confidence.forecast.reached ? 'At target (fitted)' : weeksText(ret.confidence.forecast.weeksFromNow),
      );
      const rate = (await retCard.getByTestId('card-rate').textContent()) ?? '';
      expect(rate).toContain(`${twoDigits(ret.confidence.rate!)}/wk, ≤ ${twoDigits(ret.confidence.upper!)} at 90%`);
      // SUP: too few oddities for a forecast
      const sup = byKey.get('SUP')!.confidence!.forecast;
      expect(sup.status).toBe('insufficient');
      await expect(page.getByTestId('domain-card-SUP').getByTestId('card-forecast').textContent()).resolves.toBe(
        `Not enough data${sup.status === 'insufficient' ? `: ${sup.reason}` : ''}`,
      );

      // every card's sparkline on the board's one scale, with the API's weekly numbers
      const shown = await page.locator('[data-testid^="domain-card-"]').evaluateAll((els) =>
        els.map((el) => ({
          key: (el.getAttribute('data-testid') ?? '').replace('domain-card-', ''),
          values: [...el.querySelectorAll('[data-testid="card-sparkline-values"] span')].map((s) =>
            Number(s.textContent),
          ),
          scale: el.querySelector('.domain-card-scale')?.textContent ?? '',
        })),
      );
      const top = Math.max(1, ...shown.flatMap((c) => c.values));
      for (const card of shown) {
        expect(card.scale).toBe(` (scale 0–${top})`);
        if (byKey.has(card.key)) expect(card.values).toEqual(byKey.get(card.key)!.oddity);
      }

      // badges name what blocks and who is waited on, no more "Gate blocked" on every card
      for (const card of cards.filter((c) => ['RET', 'GROW', 'SUP', 'PRICE', 'ONB', 'MKT'].includes(c.key))) {
        const el = page.getByTestId(`domain-card-${card.key}`);
        const waitsOnDana = card.blockers.some((b) => b.waitingOn.some((u) => u.id === danaId));
        await expect(el.getByTestId('badge-waiting-on-you').count()).resolves.toBe(waitsOnDana ? 1 : 0);
        await expect(el.getByTestId('badge-recycled').count()).resolves.toBe(card.recycled ? 1 : 0);
        await expect(el.getByTestId('badge-stale').count()).resolves.toBe(
          card.blockers.some((b) => b.code === 'signoff_stale') ? 1 : 0,
        );
        const missing = card.blockers.filter((b) => b.code === 'signoff_missing' || b.code === 'role_unfilled').length;
        if (missing) {
          await expect(el.getByTestId('badge-signoffs-missing').textContent()).resolves.toBe(
            `${missing} sign-off${missing === 1 ? '' : 's'} missing`,
          );
        }
        if (card.held) {
          await expect(el.getByTestId('badge-held').textContent()).resolves.toBe(`On hold: ${card.holdReason}`);
        }
        if (card.gateStatus === 'blocked') await expect(el.getByTestId('badge-gate').count()).resolves.toBe(0);
      }
      expect(browser.errors).toEqual([]);
    });
  });

  it('fits a phone: the board and the chart with its table open do not scroll sideways', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await useSession(phone.page, 'dana@cairn.test');
      await explainFailure({ phone }, async () => {
        const width = (within: string) =>
          phone.page.evaluate(
            (selector) => ({
              page: document.documentElement.scrollWidth,
              // the widest box (the chart and the table scroll inside their own box)
              widest: Math.max(
                ...[...document.querySelectorAll(`${selector} *`)]
                  .filter((el) => !el.closest('.confidence-scroll, .table-scroll, .visually-hidden'))
                  .map((el) => el.getBoundingClientRect().right),
              ),
            }),
            within,
          );
        await phone.page.goto(`${BASE_URL}/`);
        await phone.page.getByTestId('domain-card-BILL').getByTestId('card-forecast').waitFor();
        const board = await width('main');
        expect(board.page).toBeLessThanOrEqual(390);
        expect(board.widest).toBeLessThanOrEqual(390);

        await phone.page.goto(`${BASE_URL}/domains/RET?tab=weirdness`);
        await phone.page.getByTestId('confidence-forecast').waitFor();
        await revealTable(phone.page);
        const chart = await width('[data-testid="oddity-chart"]');
        expect(chart.page).toBeLessThanOrEqual(390);
        expect(chart.widest).toBeLessThanOrEqual(390);
        const boxes = await phone.page.evaluate(() =>
          [...document.querySelectorAll('.confidence-scroll, [data-testid="oddity-table"] .table-scroll')].map(
            (el) => el.getBoundingClientRect().right,
          ),
        );
        expect(boxes).toHaveLength(2);
        for (const right of boxes) expect(right).toBeLessThanOrEqual(390);
        expect(phone.errors).toEqual([]);
      });
    } finally {
      await phone.close();
    }
  });
});
