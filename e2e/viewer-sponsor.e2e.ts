import { openBrowser, BASE_URL, type Browser } from './browser';
import { approveGate, enabledButtons, useSession } from './helpers';

/**
 * Leadership signs as sponsor and edits nothing: lee is a global viewer who holds GROW's sponsor
 * role, and the demo's admin requires the sponsor at GROW's re-scope. The client shows exactly
 * what the server's `can` flags allow.
 */
describe('a viewer who holds a domain role', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'lee@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('signs the gate as sponsor and has no other mutating control', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/GROW`);
    await page.getByTestId('criteria-table').waitFor();
    await page.getByTestId('gate-addition-sponsor').waitFor();
    await page.getByTestId('signoff-form').waitFor();
    for (const id of ['advance', 'recycle', 'hold', 'resume', 'edit-domain']) {
      await expect(page.getByTestId(id).count()).resolves.toBe(0);
    }
    const pressable = (await enabledButtons(page)).filter((name) =>
      /new|create|advance|recycle|hold|resume|edit|waive|delete|remove/i.test(name),
    );
    expect(pressable).toEqual([]);
    await page.getByTestId('signoff-comment').fill('The new scope is what the board needs.');
    await approveGate(page);
    const sponsor = page.getByTestId('signoff-sponsor');
    await sponsor.getByTestId('signoff-fresh').waitFor();
    await expect(sponsor.getAttribute('data-state')).resolves.toBe('approve');
    await expect(sponsor.textContent()).resolves.toContain('Lee Leadership');
    // elsewhere lee still changes nothing
    await page.getByTestId('tab-tickets').click();
    await page.waitForURL(/tab=tickets/);
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('new-ticket').count()).resolves.toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
