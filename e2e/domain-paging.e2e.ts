import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, useSession } from './helpers';

/** More tickets than a phase shows at first (TICKET_PAGE_SIZE = 25). */
const TICKETS = 28;
/** More investigations than the weirdness log shows at first (PAGE_SIZE = 50). */
const INVESTIGATIONS = 53;

const rowsOf = (phase: string) => `[data-testid="tickets-phase-${phase}"] [data-testid^="ticket-row-"]`;

describe('a domain page with more tickets and investigations than one page', () => {
  let browser: Browser;
  let key: string;
  let titles: string[];

  beforeAll(async () => {
    browser = await openBrowser();
    // handoff: weirdness can be reported, and the domain already has two specs tickets
    key = await domainAt('handoff', 'P');
    const dana = await Api.as('dana@cairn.test');
    titles = [];
    for (let i = 1; i <= TICKETS; i++) {
      const title = `Scoping question ${String(i).padStart(2, '0')}`;
      titles.push(title);
      await dana.createTicket(key, { kind: 'task', title, phase: 'scoping' });
    }
    for (let i = 1; i <= INVESTIGATIONS; i++) {
      await dana.post(`domains/${key}/investigations`, { title: `Odd count ${i}`, observed: 'Counts differ.' });
    }
    await dana.dispose();
    await useSession(browser.page, 'dana@cairn.test');
  }, 120_000);
  afterAll(async () => {
    await browser.close();
  });

  it('a phase shows its first page, newest first, with its total, and "Show more" loads the rest', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/${key}?tab=tickets`);
    const scoping = page.getByTestId('tickets-phase-scoping');
    await scoping.getByTestId('tickets-phase-scoping-more').waitFor();
    expect(await scoping.getByTestId('tickets-phase-scoping-total').textContent()).toBe(`${TICKETS} tickets`);
    const rows = page.locator(rowsOf('scoping'));
    expect(await rows.count()).toBe(25);
    expect(await rows.first().textContent()).toContain(titles[TICKETS - 1]);
    expect(await scoping.getByTestId('tickets-phase-scoping-more').textContent()).toBe(
      `Show more (${TICKETS - 25} left)`,
    );
    // a small phase shows whole, without a button
    expect(await page.getByTestId('tickets-phase-specs-total').textContent()).toBe('2 tickets');
    expect(await page.getByTestId('tickets-phase-specs-more').count()).toBe(0);

    await scoping.getByTestId('tickets-phase-scoping-more').click();
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 28, rowsOf('scoping'));
    expect(await rows.last().textContent()).toContain(titles[0]);
    expect(await scoping.getByTestId('tickets-phase-scoping-more').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it('a ticket created or changed on the page shows in its phase at once', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/${key}?tab=tickets`);
    await page.getByTestId('tickets-phase-scoping-more').waitFor();
    await page.getByTestId('new-ticket').click();
    const dialog = page.getByTestId('ticket-dialog');
    await dialog.getByTestId('ticket-kind').selectOption('task');
    await dialog.getByTestId('ticket-phase').selectOption('scoping');
    await dialog.getByTestId('ticket-title').fill('Created past the first page');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="tickets-phase-scoping-total"]')?.textContent === '29 tickets',
    );
    const first = page.locator(rowsOf('scoping')).first();
    expect(await first.textContent()).toContain('Created past the first page');

    const ticketKey = (await first.getAttribute('data-testid'))!.replace('ticket-row-', '');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/tickets/${ticketKey}`) && r.request().method() === 'PATCH',
    );
    await page.getByTestId(`ticket-status-${ticketKey}`).selectOption('done');
    expect((await saved).ok()).toBe(true);
    await page.goto(`${BASE_URL}/domains/${key}?tab=tickets&status=done`);
    await page.getByTestId(`ticket-row-${ticketKey}`).waitFor();
    expect(await page.getByTestId('tickets-phase-scoping-total').textContent()).toBe('1 ticket');
    expect(browser.errors).toEqual([]);
  });

  it('the weirdness log shows its first page with its total, and "Show more" loads the rest', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/${key}?tab=weirdness`);
    await page.getByTestId('investigations-more').waitFor();
    expect(await page.getByTestId('investigations-total').textContent()).toBe(String(INVESTIGATIONS));
    const rows = page.locator('[data-testid="investigation-table"] tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await page.getByTestId('investigations-more').textContent()).toBe(`Show more (${INVESTIGATIONS - 50} left)`);
    await page.getByTestId('investigations-more').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="investigation-table"] tbody tr').length === n,
      INVESTIGATIONS,
    );
    expect(await page.getByTestId('investigations-more').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
