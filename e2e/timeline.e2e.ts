import { openBrowser, BASE_URL, type Browser } from './browser';
import { useSession } from './helpers';

describe("a domain's timeline", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows newest first, filters by kind, and links each entry to what it names', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/GROW?tab=timeline`);
    const timeline = page.getByTestId('timeline');
    await timeline.locator('li').first().waitFor();
    await expect(page.getByTestId('timeline-count').textContent()).resolves.toContain('newest first');
    // GROW's recycle is one click away: the gates-and-phases filter, no "load more"
    await page.getByTestId('timeline-kind-lifecycle').click();
    await timeline.locator('li[data-action="domain.recycle"]').first().waitFor();
    const times = await timeline.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());

    await page.getByTestId('timeline-kind-tickets').click();
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid="timeline"] li')];
      return items.length > 0 && items.every((li) => li.getAttribute('data-kind') === 'tickets');
    });
    await expect(page.getByTestId('timeline-kind-tickets').getAttribute('aria-pressed')).resolves.toBe('true');
    const first = timeline.locator('li a').first();
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/tickets\/GROW-\d+$/);
    await first.click();
    await page.waitForURL(`${BASE_URL}${href}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(browser.errors).toEqual([]);
  });
});
