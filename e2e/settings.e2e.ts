import type { Page } from 'playwright-core';
import { BASE_URL, openBrowser, type Browser } from './browser';
import { Api, explainFailure, signIn } from './helpers';

/**
 * A person's own settings page: the time zone every date is shown in, API tokens shown once and
 * revoked, and the theme, applied at once and before the first paint of the next load.
 */
describe('your settings', () => {
  const password = 'quiet harbour seven lanterns';
  let admin: Api;
  let investigation: { id: number; reportedAt: string };

  async function newPerson(name: string): Promise<string> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@cairn.test`;
    await admin.post('users', { email, name, password, role: 'member' });
    return email;
  }

  /** "Dec 4, 2026, 08:30 PM" as the app writes it, from the browser's own Intl. */
  function formattedIn(page: Page, iso: string, timeZone: string): Promise<string> {
    return page.evaluate(
      ([at, zone]) =>
        new Intl.DateTimeFormat('en', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZone: zone,
        }).format(new Date(at)),
      [iso, timeZone] as const,
    );
  }

  beforeAll(async () => {
    admin = await Api.as('admin@cairn.test');
    const list = await admin.get<{ items: { id: number; reportedAt: string }[] }>('investigations');
    investigation = list.items[0];
  });
  afterAll(async () => {
    await admin.dispose();
  });

  describe('time zone', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await openBrowser(undefined, { timezoneId: 'UTC' });
    });
    afterAll(async () => {
      await browser.close();
    });

    it('every date and time follows the zone chosen on the settings page, after a reload too', async () => {
      const { page } = browser;
      const email = await newPerson('Tess Timezone');
      await explainFailure({ tess: browser }, async () => {
        await signIn(page, email, password);
        const inUtc = await formattedIn(page, investigation.reportedAt, 'UTC');
        const inKiritimati = await formattedIn(page, investigation.reportedAt, 'Pacific/Kiritimati');
        expect(inKiritimati).not.toBe(inUtc);

        await page.goto(`${BASE_URL}/investigations/${investigation.id}`);
        await page.getByText(inUtc, { exact: true }).waitFor();

        await page.getByTestId('settings-link').click();
        await page.getByRole('heading', { level: 1, name: 'Your settings' }).waitFor();
        // nothing chosen yet: the browser's zone
        expect(await page.getByTestId('profile-time-zone').inputValue()).toBe('');
        await page.getByTestId('profile-time-zone').selectOption('Pacific/Kiritimati');
        await page.getByTestId('profile-save').click();
        await page.getByTestId('profile-saved').waitFor();
        await page.getByTestId('profile-now').getByText('Pacific/Kiritimati').waitFor();

        await page.goto(`${BASE_URL}/investigations/${investigation.id}`);
        await page.getByText(inKiritimati, { exact: true }).waitFor();
        expect(await page.getByText(inUtc, { exact: true }).count()).toBe(0);

        // saved on the server: a reload (and any other browser) shows the same zone
        await page.reload();
        await page.getByText(inKiritimati, { exact: true }).waitFor();
        const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
        expect(me.user.timeZone).toBe('Pacific/Kiritimati');
      });
    });
  });

  describe('API tokens', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await openBrowser();
    });
    afterAll(async () => {
      await browser.close();
    });

    it('creates a token shown once, lists its last use, and revokes it', async () => {
      const { page } = browser;
      const email = await newPerson('Toby Token');
      await explainFailure({ toby: browser }, async () => {
        await signIn(page, email, password);
        await page.goto(`${BASE_URL}/settings`);
        await page.getByText('You have no API tokens.').waitFor();
        await page.getByTestId('token-create').click();
        await page.getByText('Token name is required').waitFor();
        await page.getByTestId('token-name').fill('nightly export');
        await page.getByTestId('token-expiry').selectOption('30');
        await page.getByTestId('token-create').click();
        const secret = (await page.getByTestId('token-secret-value').textContent())?.trim() ?? '';
        expect(secret).toMatch(/^cairn_/);

        const row = page.getByTestId('token-row-nightly export');
        await row.getByText('Active').waitFor();
        expect(await row.textContent()).toContain('Never'); // not used yet

        const bearer = { Authorization: `Bearer ${secret}` };
        const me = await fetch(`${BASE_URL}/api/v1/auth/me`, { headers: bearer });
        expect(me.status).toBe(200);
        expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);

        // shown once: gone when dismissed, and nowhere after a reload
        await page.getByTestId('token-secret-dismiss').click();
        expect(await page.getByTestId('token-secret').count()).toBe(0);
        for (let attempt = 0; attempt < 20; attempt++) {
          await page.reload();
          await row.getByText('Active').waitFor();
          if (!(await row.textContent())?.includes('Never')) break;
          await page.waitForTimeout(250);
        }
        expect(await page.content()).not.toContain(secret);
        await row.getByText('just now').waitFor();

        await row.getByRole('button', { name: 'Revoke nightly export' }).click();
        const dialog = page.getByTestId('revoke-token-dialog');
        await dialog.getByRole('button', { name: 'Revoke token' }).click();
        await row.getByText('Revoked').waitFor();
        expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
        expect((await fetch(`${BASE_URL}/api/v1/auth/me`, { headers: bearer })).status).toBe(401);
      });
    });
  });

  describe('theme', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await openBrowser();
    });
    afterAll(async () => {
      await browser.close();
    });

    const drawnTheme = (page: Page) =>
      page.evaluate(() => ({
        theme: document.documentElement.getAttribute('data-theme'),
        background: getComputedStyle(document.body).backgroundColor,
      }));

    it('dark applies at once, and on the next load before the app has even started', async () => {
      const { page } = browser;
      const email = await newPerson('Dara Dark');
      await explainFailure({ dara: browser }, async () => {
        await signIn(page, email, password);
        await page.goto(`${BASE_URL}/settings`);
        await page.getByTestId('theme-choice').waitFor();
        expect(await page.getByTestId('theme-system').isChecked()).toBe(true);
        const light = await drawnTheme(page);
        expect(light.theme).toBe('light'); // headless Chromium prefers light

        const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
        await page.getByTestId('theme-dark').check();
        expect(await drawnTheme(page)).toEqual({ theme: 'dark', background: 'rgb(15, 20, 26)' });
        expect((await saved).status()).toBe(200);

        // Hold the app's bundle back: the page must already be dark while it downloads.
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
          await held;
          await route.continue();
        });
        await page.reload({ waitUntil: 'commit' });
        await page.waitForFunction(() => document.body !== null);
        expect(await drawnTheme(page)).toEqual({ theme: 'dark', background: 'rgb(15, 20, 26)' });
        expect(await page.getByTestId('theme-choice').count()).toBe(0); // the app has not rendered yet
        release();
        await page.getByTestId('theme-dark').waitFor();
        expect(await page.getByTestId('theme-dark').isChecked()).toBe(true);
        await page.unroute(/\/assets\/index-[^/]+\.js$/);
      });
    });

    it('the theme is the person’s: another browser gets it from the server; system follows the OS', async () => {
      const email = await newPerson('Sol System');
      const other = await openBrowser();
      try {
        const { page } = other;
        await explainFailure({ sol: other }, async () => {
          await signIn(page, email, password);
          await page.evaluate(() =>
            fetch('/api/v1/me', {
              method: 'PATCH',
              headers: { 'content-type': 'application/json', 'x-cairn-csrf': '1' },
              body: JSON.stringify({ theme: 'dark' }),
            }),
          );
          // a fresh browser profile: nothing remembered locally, the server's choice applies
          const fresh = await openBrowser();
          try {
            await signIn(fresh.page, email, password);
            await fresh.page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
          } finally {
            await fresh.close();
          }

          await page.goto(`${BASE_URL}/settings`);
          await page.getByTestId('theme-system').check();
          await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'light');
          await page.emulateMedia({ colorScheme: 'dark' });
          await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
          await page.emulateMedia({ colorScheme: 'light' });
          await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'light');
        });
      } finally {
        await other.close();
      }
    });
  });
});
