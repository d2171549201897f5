import { openBrowser, type Browser } from './browser';
import { Api, signIn } from './helpers';

/** A person changes their own password on their settings page; a weak one is refused beside its field. */
describe('changing your own password', () => {
  let browser: Browser;
  const email = 'pat.password@cairn.test';
  const first = 'tidal marsh heron count';
  const second = 'lighthouse keeper winter log';

  beforeAll(async () => {
    const admin = await Api.as('admin@cairn.test');
    await admin.post('users', { email, name: 'Pat Password', password: first, role: 'member' });
    await admin.dispose();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('refuses a wrong current password and a weak new one, then changes it and keeps this session', async () => {
    const { page } = browser;
    await signIn(page, email, first);
    await page.getByTestId('settings-link').click();
    await page.getByTestId('change-password-open').click();
    const dialog = page.getByTestId('change-password');
    await dialog.getByLabel('Current password').fill('not my password at all');
    await dialog.getByLabel('New password').fill(second);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('currentPassword is wrong').waitFor();

    await dialog.getByLabel('Current password').fill(first);
    await dialog.getByLabel('New password').fill('password1234');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText(/too easy to guess/).waitFor();

    await dialog.getByLabel('New password').fill(second);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('password-notice').getByText('Your password is changed').waitFor();
    expect(await dialog.count()).toBe(0);
    // still signed in here
    await page.reload();
    await page.getByTestId('current-user').getByText('Pat Password').waitFor();

    await page.getByTestId('logout').click();
    await signIn(page, email, second);
    await page.getByTestId('current-user').getByText('Pat Password').waitFor();
  });
});
