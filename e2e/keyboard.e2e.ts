import type { Page } from 'playwright-core';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { useSession } from './helpers';

/** Waits until focus is on the page's main heading, and returns its text. */
async function headingFocused(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.closest('#main'));
  const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
  expect(text).toMatch(name);
  // and it is announced politely
  await page.waitForFunction(
    (heading) => document.querySelector('[data-testid="route-announcer"]')?.textContent === heading,
    text.trim(),
  );
}

/** Presses keys on the page with nothing focused that takes typing. */
async function pressKeys(page: Page, ...keys: string[]) {
  for (const key of keys) await page.keyboard.press(key);
}

describe('the keyboard', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'omar@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('on the board each card is one link: one tab stop, and a click anywhere on it opens the domain', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    const card = page.getByTestId('domain-card-RET');
    await card.waitFor();
    // one focusable element per card, and it is the link to the domain
    const focusables = await page.$$eval('[data-testid^="domain-card-"]', (cards) =>
      cards.map(
        (c) => c.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length,
      ),
    );
    expect(focusables.length).toBeGreaterThan(3);
    expect(focusables.every((n) => n === 1)).toBe(true);

    // Tab goes from one card's link to the next card's link, nothing in between
    const link = page.getByTestId('card-link-RET');
    await link.focus();
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    expect(next).toMatch(/^card-link-|^column-more-/);

    // a click on the card's bottom corner, far from the name, opens the domain
    const box = await card.boundingBox();
    if (!box) throw new Error('the card has no box');
    await page.mouse.click(box.x + box.width - 8, box.y + box.height - 8);
    await page.waitForURL(`${BASE_URL}/domains/RET`);
    await headingFocused(page, /Retention metrics/);
  });

  it('Enter on a focused card opens it; focus moves to the new page’s heading after each navigation', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    await page.getByTestId('card-link-GROW').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${BASE_URL}/domains/GROW`);
    await headingFocused(page, /Growth funnel/);
    // a tab of the same page is not a navigation: focus stays on the tab
    await page.getByTestId('tab-tickets').click();
    await page.waitForURL(/tab=tickets/);
    await page.getByTestId('new-ticket').waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('tab-tickets');
    // the main nav's links too
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await headingFocused(page, 'Catalog');
  });

  it('`?` lists the shortcuts; g b, g i, g r go to the board, the inbox and reviews; `/` opens the palette', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await pressKeys(page, 'Shift+?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    const listed = await dialog.locator('dt').allTextContents();
    expect(listed).toEqual(expect.arrayContaining(['Ctrl + K', '/', '?', 'g then b', 'g then i', 'g then r', 'c']));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await pressKeys(page, 'g', 'i');
    await page.waitForURL(`${BASE_URL}/inbox`);
    await headingFocused(page, 'Inbox');
    await pressKeys(page, 'g', 'r');
    await page.waitForURL(`${BASE_URL}/reviews`);
    await headingFocused(page, 'Reviews');
    await pressKeys(page, 'g', 'b');
    await page.waitForURL(`${BASE_URL}/`);
    await headingFocused(page, 'Portfolio');

    await pressKeys(page, '/');
    await page.getByTestId('command-palette').waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('combobox');
    await page.keyboard.press('Escape');
    await page.getByTestId('command-palette').waitFor({ state: 'detached' });
  });

  it('letters typed into a field stay in the field; `c` on a domain page opens its new-ticket dialog', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    const search = page.getByTestId('filter-q');
    await search.waitFor();
    await search.focus();
    await page.keyboard.type('g/i?c');
    await expect(search.inputValue()).resolves.toBe('g/i?c');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('command-palette').count()).resolves.toBe(0);
    await expect(page.getByTestId('shortcuts-dialog').isVisible()).resolves.toBe(false);

    await page.goto(`${BASE_URL}/domains/RET?tab=tickets`);
    await page.getByRole('heading', { level: 1, name: /Retention metrics/ }).waitFor();
    await page.locator('body').press('c');
    const dialog = page.getByTestId('ticket-dialog');
    await dialog.getByRole('heading', { name: 'New ticket' }).waitFor();
    // focus starts in the first field, and the phase is the domain's current one
    await expect(
      page.evaluate(() => ['SELECT', 'INPUT'].includes(document.activeElement?.tagName ?? '')),
    ).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
