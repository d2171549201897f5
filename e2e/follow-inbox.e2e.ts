import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, useSession } from './helpers';

describe('following a domain and an artifact (a viewer)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'lee@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('follows EVT and one of its artifacts with the Follow button, and hears of a new caveat', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/domains/EVT`);
    const domainFollow = page.getByTestId('follow-button');
    await domainFollow.waitFor();
    if ((await domainFollow.getAttribute('data-following')) === 'true') {
      await domainFollow.click(); // an earlier run on this database followed it
      await page.locator('[data-testid="follow-button"][data-following="false"]').waitFor();
    }
    await domainFollow.click();
    await page.locator('[data-testid="follow-button"][data-following="true"]').waitFor();
    expect(await domainFollow.textContent()).toContain('Following');
    await page.reload();
    await page.locator('[data-testid="follow-button"][data-following="true"]').waitFor();

    const lee = await Api.as('lee@cairn.test');
    const artifacts = await lee.get<{ items: { id: string; name: string }[] }>('domains/EVT/artifacts');
    const artifact = artifacts.items[0];
    await page.goto(`${BASE_URL}/catalog/${artifact.id}`);
    const artifactFollow = page.getByTestId('follow-button');
    await artifactFollow.waitFor();
    if ((await artifactFollow.getAttribute('data-following')) === 'false') await artifactFollow.click();
    await page.locator('[data-testid="follow-button"][data-following="true"]').waitFor();
    const state = await lee.get<{ following: boolean }>(`artifacts/${artifact.id}/follow`);
    expect(state.following).toBe(true);
    await lee.dispose();

    const caveat = `Browser test caveat ${Date.now()}: counts test accounts.`;
    const admin = await Api.as('admin@cairn.test');
    await admin.post(`artifacts/${artifact.id}/caveats`, { text: caveat });
    await admin.dispose();

    await page.goto(`${BASE_URL}/inbox`);
    const entry = page.getByTestId('inbox-entry').filter({ hasText: caveat });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('has a new caveat');
    // it links to the artifact's page
    await entry.getByRole('link').click();
    await page.waitForURL(`${BASE_URL}/catalog/${artifact.id}`);
  });
});

describe('the inbox shows met requests as done', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a sign-off request of a new domain turns done once dana signs', async () => {
    const { page } = browser;
    const key = await domainAt('specs', 'F');
    await page.goto(`${BASE_URL}/inbox`);
    const entry = page.getByTestId('inbox-entry').filter({ hasText: `${key} · ` });
    await entry.waitFor();
    expect(await entry.getAttribute('data-resolved')).toBe('false');
    expect(await entry.textContent()).toContain('New');

    const dana = await Api.as('dana@cairn.test');
    await dana.signOff(key, 'ds_lead');
    await dana.dispose();

    await page.reload();
    const done = page.locator(`[data-testid="inbox-entry"][data-resolved="true"]`).filter({ hasText: `${key} · ` });
    await done.waitFor();
    expect(await done.getByTestId('inbox-entry-done').textContent()).toContain('you signed');
    expect(await done.textContent()).not.toContain('New');
    // done entries are not unread
    await page.goto(`${BASE_URL}/inbox?unread=true`);
    await page.getByTestId('inbox-list').or(page.getByText('Nothing unread.')).first().waitFor();
    expect(
      await page
        .getByTestId('inbox-entry')
        .filter({ hasText: `${key} · ` })
        .count(),
    ).toBe(0);
  });
});
