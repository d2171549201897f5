import type { Page } from 'playwright-core';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, explainFailure, useSession } from './helpers';

const PHONE = { width: 390, height: 844 };

/** What a page looks like at phone width: how wide the document is, and anything wider than the screen. */
async function measure(page: Page) {
  return page.evaluate((viewport) => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > viewport + 0.5 && !el.closest('.table-wrap, .scroll-x');
      })
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, PHONE.width);
}

/** The smallest rendered size, in CSS pixels, of the text in the page's SVG charts (0 when there is none). */
async function smallestChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = [...document.querySelectorAll('svg[viewBox] text')].map((text) => {
      const svg = text.closest('svg') as SVGSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return parseFloat(getComputedStyle(text).fontSize) * scale;
    });
    return sizes.length ? Math.min(...sizes) : 0;
  });
}

async function settle(page: Page) {
  await page.locator('#main h1').first().waitFor();
  await page.getByTestId('loading').first().waitFor({ state: 'detached' });
  // the header's unread counts arrive with their own requests
  await page.waitForLoadState('networkidle');
}

describe('at phone width (390 px)', () => {
  let browser: Browser;
  let routes: string[];
  beforeAll(async () => {
    const api = await Api.as('admin@cairn.test');
    const tickets = await api.get<{ items: { key: string }[] }>('domains/RET/tickets');
    const investigations = await api.get<{ items: { id: number }[] }>('investigations');
    await api.dispose();
    routes = [
      '/',
      '/domains/RET',
      '/domains/RET?tab=tickets',
      '/domains/RET?tab=artifacts',
      '/domains/RET?tab=weirdness',
      '/domains/RET?tab=timeline',
      '/domains/RET?tab=members',
      '/domains/EVT',
      `/tickets/${tickets.items[0].key}`,
      `/investigations/${investigations.items[0].id}`,
      '/weirdness',
      '/reviews',
      '/inbox',
      '/my-work',
      '/insights',
      '/admin/users',
      '/admin/thresholds',
      '/admin/root-causes',
      '/admin/audit',
      '/admin/webhooks',
      '/settings',
    ];
    browser = await openBrowser(PHONE);
    await useSession(browser.page, 'admin@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('every page fits the screen: no sideways scrolling', async () => {
    const { page } = browser;
    const tooWide: Record<string, unknown> = {};
    await explainFailure({ admin: browser }, async () => {
      for (const route of routes) {
        await page.goto(`${BASE_URL}${route}`);
        await settle(page);
        const { scrollWidth, wide } = await measure(page);
        if (scrollWidth > PHONE.width) tooWide[route] = { scrollWidth, wide };
      }
      expect(tooWide).toEqual({});
    });
  });

  // dana has unread notifications and gates waiting for her sign-off: counts beside Reviews and Inbox
  it.each(['admin@cairn.test', 'dana@cairn.test'])('the header shows every link of %s, none cut', async (email) => {
    const person = await openBrowser(PHONE);
    try {
      await useSession(person.page, email);
      const { page } = person;
      await explainFailure({ [email]: person }, async () => {
        await page.goto(`${BASE_URL}/`);
        await settle(page);
        const links = await page
          .getByRole('navigation', { name: 'Main' })
          .locator('a')
          .evaluateAll(
            (as, width) =>
              as.map((a) => {
                const box = a.getBoundingClientRect();
                return {
                  name: (a.textContent ?? '').trim(),
                  fits: box.left >= 0 && box.right <= width && a.scrollWidth <= a.clientWidth,
                };
              }),
            PHONE.width,
          );
        expect(links.map((l) => l.name)).toEqual(
          expect.arrayContaining(['Portfolio', 'My work', expect.stringContaining('Inbox')]),
        );
        expect(links.filter((l) => !l.fits)).toEqual([]);
        const { scrollWidth } = await measure(page);
        expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
      });
    } finally {
      await person.close();
    }
  });

  it.each(['/insights', '/domains/RET?tab=weirdness'])('chart text on %s is at least 11 px', async (route) => {
    const { page } = browser;
    await page.goto(`${BASE_URL}${route}`);
    await settle(page);
    await page.locator('svg[viewBox] text').first().waitFor();
    expect(await smallestChartText(page)).toBeGreaterThanOrEqual(11);
  });
});
