import { BASE_URL, openBrowser, type Browser } from './browser';
import { Api, signIn } from './helpers';
import { NOTIFICATION_KINDS } from '../shared/api/inbox';

interface PreferencesView {
  preferences: { kind: string; channel: string; chosen: boolean }[];
  email: { enabled: boolean };
}

/** A person chooses, per kind of event, how notifications reach them; the choice is kept. */
describe('notification preferences page', () => {
  let browser: Browser;
  const email = 'nora.notify@cairn.test';
  const password = 'quiet harbour bell rope';

  beforeAll(async () => {
    const admin = await Api.as('admin@cairn.test');
    await admin.post('users', { email, name: 'Nora Notify', password, role: 'member' });
    await admin.dispose();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows the defaults and that email is off, saves a change, and shows it again after a reload', async () => {
    const { page } = browser;
    await signIn(page, email, password);
    // reached from the inbox (the settings page links it too)
    await page.goto(`${BASE_URL}/inbox`);
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await page.waitForURL(`${BASE_URL}/settings/notifications`);
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    // the demo runs without SMTP: the page says so
    await page.getByTestId('email-status').getByText('Email is off on this Cairn').waitFor();

    const table = page.getByTestId('notification-preferences');
    // a header row, then one row per kind of news
    expect(await table.getByRole('row').count()).toBe(1 + NOTIFICATION_KINDS.length);
    expect(await page.getByLabel('Sign-off requested: Email now').isChecked()).toBe(true);
    expect(await page.getByLabel('Assigned to you: Daily digest').isChecked()).toBe(true);
    expect(await page.getByTestId('save-notification-preferences').getAttribute('aria-disabled')).toBe('true');

    await page.getByLabel('Assigned to you: Email now').check();
    await page.getByLabel('You were mentioned: None').check();
    await page.getByTestId('save-notification-preferences').click();
    await page.getByTestId('preferences-saved').getByText('Preferences saved.').waitFor();
    expect(await page.getByTestId('save-notification-preferences').getAttribute('aria-disabled')).toBe('true');

    await page.reload();
    await page.getByTestId('preference-assigned').waitFor();
    expect(await page.getByTestId('preference-assigned').getAttribute('data-channel')).toBe('email_now');
    expect(await page.getByTestId('preference-mentioned').getAttribute('data-channel')).toBe('none');
    expect(await page.getByLabel('You were mentioned: None').isChecked()).toBe(true);
    expect(await page.getByLabel('Domain at risk: Email now').isChecked()).toBe(true);

    // what the page shows is what the server stored
    const cookies = await page.context().cookies(BASE_URL);
    const response = await page.request.get(`${BASE_URL}/api/v1/me/notification-preferences`, {
      headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    const stored = (await response.json()) as PreferencesView;
    expect(stored.email.enabled).toBe(false);
    expect(stored.preferences.filter((p) => p.chosen).map((p) => [p.kind, p.channel])).toEqual([
      ['assigned', 'email_now'],
      ['mentioned', 'none'],
    ]);
  });
});
