import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, uniqueKey, useSession } from './helpers';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';

describe('a script payload', () => {
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    browser = await openBrowser();
    const dana = await Api.as('dana@cairn.test');
    key = uniqueKey('X');
    await dana.createDomain(key, `Payloads ${key}`);
    await dana.dispose();
    await useSession(browser.page, 'dana@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  async function expectNotRun() {
    const { page } = browser;
    await page.waitForTimeout(300); // an onerror fires once the broken image fails to load
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    // nothing from the payload became an element
    await expect(page.locator('#main img[src="x"], #main script').count()).resolves.toBe(0);
  }

  it('in a ticket title is shown as text, never run', async () => {
    const { page } = browser;
    const title = `Title ${IMG} ${SCRIPT}`;
    await page.goto(`${BASE_URL}/domains/${key}?tab=tickets`);
    await page.getByTestId('new-ticket').click();
    const dialog = page.getByTestId('ticket-dialog');
    await dialog.getByTestId('ticket-title').fill(title);
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // the domain's ticket list shows the title as text
    const row = page.locator('[data-testid^="ticket-row-"]', { hasText: 'Title' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(title);
    await expectNotRun();

    // so does the ticket page, also after a reload from the server's copy
    await row.getByRole('link').first().click();
    await page.getByTestId('ticket-heading').waitFor();
    await expect(page.getByTestId('ticket-heading').textContent()).resolves.toContain(title);
    await expectNotRun();
    await page.reload();
    await page.getByTestId('ticket-heading').waitFor();
    await expect(page.getByTestId('ticket-heading').textContent()).resolves.toContain(title);
    await expectNotRun();
    expect(browser.errors).toEqual([]);
  });

  it('in a comment is shown as text, never run', async () => {
    const { page } = browser;
    const dana = await Api.as('dana@cairn.test');
    const ticket = await dana.createTicket(key, { kind: 'task', title: 'A ticket to comment on', phase: 'specs' });
    await dana.dispose();

    await page.goto(`${BASE_URL}/tickets/${ticket.key}`);
    const comment = `Comment ${IMG} and ${SCRIPT} end`;
    await page.getByTestId('comment-body').fill(comment);
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('comment').last().getByText('end', { exact: false }).waitFor();
    await expectNotRun();

    await page.reload();
    await page.getByTestId('comment').last().waitFor();
    await expectNotRun();
    expect(browser.errors).toEqual([]);
    // the payload is visible as typed, not silently dropped
    await expect(page.getByTestId('comment').last().textContent()).resolves.toContain(`${IMG} and ${SCRIPT}`);
  });
});
