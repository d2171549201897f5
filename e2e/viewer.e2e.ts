import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, enabledButtons, useSession } from './helpers';

/** Names of controls that would change something; a viewer must never be able to press one. */
const MUTATING =
  /new|create|advance|recycle|hold|resume|sign|approve|reject|edit|waive|comment|report|add|remove|save|delete|transition|triage|resolve|dismiss|reopen/i;

describe('a viewer', () => {
  let browser: Browser;
  let ticketKey: string;

  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'lee@cairn.test');
    const lee = await Api.as('lee@cairn.test');
    const tickets = await lee.get<{ items: { key: string }[] }>('domains/RET/tickets');
    ticketKey = tickets.items[0].key;
    await lee.dispose();
  });
  afterAll(async () => {
    await browser.close();
  });

  async function expectNoMutatingControl(where: string) {
    const { page } = browser;
    const pressable = (await enabledButtons(page)).filter((name) => MUTATING.test(name));
    expect({ where, pressable }).toEqual({ where, pressable: [] });
    // form controls that edit data (status, assignee, member roles) are absent or disabled
    const editable = await page
      .locator('#main')
      .evaluate((main) =>
        [...main.querySelectorAll('select, textarea, input')]
          .filter((el) => !(el as HTMLInputElement).disabled && !el.closest('[role="search"]'))
          .map((el) => el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? el.outerHTML.slice(0, 80)),
      );
    expect({ where, editable }).toEqual({ where, editable: [] });
  }

  it('sees no mutating control on the board', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    await page.getByTestId('portfolio-board').waitFor();
    await page.getByTestId('domain-card-RET').waitFor();
    await expect(page.getByTestId('new-domain').count()).resolves.toBe(0);
    await expectNoMutatingControl('board');
  });

  it('sees no mutating control on any tab of a domain page', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/RET`);
    await page.getByTestId('criteria-table').waitFor();
    for (const id of ['advance', 'recycle', 'hold', 'resume', 'signoff-form', 'edit-domain']) {
      await expect(page.getByTestId(id).count()).resolves.toBe(0);
    }
    await expectNoMutatingControl('domain gate');

    const tabs: [string, string][] = [
      ['tickets', 'ticket-filter-q'],
      ['artifacts', 'artifacts-title'],
      ['weirdness', 'oddity-chart'],
      ['members', 'members-table'],
      ['timeline', 'tab-timeline'],
    ];
    for (const [tab, ready] of tabs) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForURL(new RegExp(`tab=${tab}`));
      if (ready === 'artifacts-title') await page.getByRole('heading', { name: 'Artifacts' }).waitFor();
      else await page.getByTestId(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      for (const id of ['new-ticket', 'new-artifact', 'report-investigation', 'add-member-form', 'add-caveat']) {
        await expect(page.getByTestId(id).count()).resolves.toBe(0);
      }
      await expectNoMutatingControl(`domain ${tab}`);
    }
  });

  it('sees no mutating control on a ticket page', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/tickets/${ticketKey}`);
    await page.getByTestId('ticket-heading').waitFor();
    await page.getByRole('heading', { name: /^Comments/ }).waitFor();
    await page.waitForLoadState('networkidle');
    for (const id of ['edit-ticket', 'comment-body', 'comment-submit', `ticket-status-${ticketKey}`]) {
      await expect(page.getByTestId(id).count()).resolves.toBe(0);
    }
    await expectNoMutatingControl('ticket');
  });
});
