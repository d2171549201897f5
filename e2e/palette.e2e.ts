import type { Page } from 'playwright-core';
import type { Page as ListPage } from '../shared/api/common';
import type { TicketView } from '../shared/api/tickets';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, useSession } from './helpers';

/** Presses ArrowDown until the palette's highlighted option is `testId`; fails after every option was tried. */
async function highlight(page: Page, testId: string): Promise<void> {
  const input = page.getByTestId('palette-input');
  await page.getByTestId(testId).waitFor();
  for (let i = 0; i < 40; i++) {
    const activeId = await input.getAttribute('aria-activedescendant');
    const active = activeId ? page.locator(`[id="${activeId}"]`) : null;
    if (active && (await active.getAttribute('data-testid')) === testId) {
      await expect(active.getAttribute('aria-selected')).resolves.toBe('true');
      await expect(active.getAttribute('role')).resolves.toBe('option');
      return;
    }
    await input.press('ArrowDown');
  }
  throw new Error(`${testId} never became the highlighted option`);
}

/** The element that has focus, as "tag: text". */
const focused = (page: Page) =>
  page.evaluate(
    () => `${document.activeElement?.tagName.toLowerCase()}: ${document.activeElement?.textContent?.trim()}`,
  );

describe('the command palette', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'omar@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('Ctrl+K opens a combobox that finds an artifact as one types; Enter opens its page', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    const input = palette.getByRole('combobox');
    // focus is in the box, which controls the listbox of options
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const listId = await input.getAttribute('aria-controls');
    await expect(page.locator(`[id="${listId}"]`).getAttribute('role')).resolves.toBe('listbox');

    await input.pressSequentially('weekly activ', { delay: 20 });
    const option = palette.getByRole('option', { name: /Artifact\s*Weekly active retention/ });
    await option.waitFor();
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    const testId = await option.getAttribute('data-testid');
    await highlight(page, testId ?? '');
    await input.press('Enter');
    await page.waitForURL(/\/catalog\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Weekly active retention', level: 1 }).waitFor();
    await expect(palette.isVisible()).resolves.toBe(false);
  });

  it('opens a ticket by its key: `/` opens the palette, RET-… is the exact first match', async () => {
    const { page } = browser;
    const api = await Api.as('omar@cairn.test');
    const tickets = await api.send<ListPage<TicketView>>('GET', '/domains/RET/tickets?limit=3&sort=number');
    const ticket = tickets.items[tickets.items.length - 1];
    await page.goto(`${BASE_URL}/weirdness`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('body').press('/');
    const input = page.getByTestId('palette-input');
    await input.waitFor();
    await input.fill(ticket.key.toLowerCase());
    const exact = page.getByTestId(`palette-result-ticket-${ticket.key}`);
    await exact.waitFor();
    // the exact key is the first option, and highlighted
    await expect(page.getByRole('option').first().getAttribute('data-testid')).resolves.toBe(
      `palette-result-ticket-${ticket.key}`,
    );
    await highlight(page, `palette-result-ticket-${ticket.key}`);
    await input.press('Enter');
    await page.waitForURL(new RegExp(`/tickets/${ticket.key}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(ticket.key) }).waitFor();
    // focus moved to the new page's heading
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  });

  it('runs actions: go to the inbox; new ticket asks for the domain, then opens the ticket dialog', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/catalog`);
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('palette-input');
    await input.fill('inbox');
    await highlight(page, 'palette-action-go-i');
    await input.press('Enter');
    await page.waitForURL(`${BASE_URL}/inbox`);

    await page.keyboard.press('Control+k');
    await input.fill('new tick');
    await highlight(page, 'palette-action-new-ticket');
    await input.press('Enter');
    // no domain page is open: the palette asks which domain
    await page.getByTestId('command-palette').getByText('New ticket: which domain?').waitFor();
    await expect(input.inputValue()).resolves.toBe('');
    await input.fill('retention');
    await highlight(page, 'palette-result-domain-RET');
    await input.press('Enter');
    const dialog = page.getByTestId('ticket-dialog');
    await dialog.getByRole('heading', { name: 'New ticket' }).waitFor();
    await expect(focused(page)).resolves.toMatch(/^select|^input/);
    await dialog.getByTestId('ticket-title').fill('Check the palette made this');
    await dialog.getByTestId('dialog-submit').click();
    await page.waitForURL(/\/tickets\/RET-\d+$/);
    await page.getByRole('heading', { level: 1, name: /Check the palette made this/ }).waitFor();
  });

  it('report weirdness runs in the open domain: its report dialog, or a concern ticket before hand-off', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/RET`);
    await page.getByRole('heading', { level: 1, name: /Retention metrics/ }).waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('palette-input');
    await input.fill('report weird');
    await highlight(page, 'palette-action-report-weirdness');
    await input.press('Enter');
    const report = page.getByTestId('report-investigation-dialog');
    await report.getByRole('heading', { name: 'Report weirdness' }).waitFor();
    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'detached' });

    const api = await Api.as('omar@cairn.test');
    const early = await api.send<ListPage<{ key: string }>>('GET', '/domains?stage=specs&limit=1');
    const key =
      early.items[0]?.key ??
      (await api.send<ListPage<{ key: string }>>('GET', '/domains?stage=scoping&limit=1')).items[0].key;
    await page.goto(`${BASE_URL}/domains/${key}`);
    await page.getByTestId('domain-title').waitFor();
    await page.keyboard.press('Control+k');
    await input.fill('report weird');
    await highlight(page, 'palette-action-report-weirdness');
    await input.press('Enter');
    const ticket = page.getByTestId('ticket-dialog');
    await ticket.getByRole('heading', { name: 'New ticket' }).waitFor();
    await expect(ticket.getByTestId('ticket-kind').inputValue()).resolves.toBe('concern');
    await page.keyboard.press('Escape');
    await ticket.waitFor({ state: 'detached' });
  });

  it('a viewer finds things but is offered no action that changes anything', async () => {
    const viewer = await openBrowser();
    try {
      await useSession(viewer.page, 'lee@cairn.test');
      const { page } = viewer;
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
      await page.keyboard.press('Control+k');
      const input = page.getByTestId('palette-input');
      await input.waitFor();
      await page.getByTestId('palette-action-go-b').waitFor();
      await expect(page.getByTestId('palette-action-new-ticket').count()).resolves.toBe(0);
      await expect(page.getByTestId('palette-action-report-weirdness').count()).resolves.toBe(0);
      await input.fill('billing');
      await page.getByTestId('palette-result-domain-BILL').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('command-palette').waitFor({ state: 'detached' });
    } finally {
      await viewer.close();
    }
  });
});
