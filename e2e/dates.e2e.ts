import { BASE_URL, openBrowser } from './browser';
import { Api, useSession } from './helpers';

/** A due date is a calendar date: the same day west and east of UTC. */
describe('date-only values in every time zone', () => {
  let ticketKey: string;

  beforeAll(async () => {
    const admin = await Api.as('admin@cairn.test');
    const ticket = await admin.createTicket('RET', { kind: 'task', title: 'Due mid-December', phase: 'specs' });
    await admin.send('PATCH', `tickets/${ticket.key}`, { dueDate: '2026-12-15' }, { 'If-Match': '"1"' });
    ticketKey = ticket.key;
    await admin.dispose();
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('shows Dec 15, 2026 in %s', async (timezoneId) => {
    const browser = await openBrowser(undefined, { timezoneId });
    try {
      expect(await browser.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
      await useSession(browser.page, 'admin@cairn.test');
      await browser.page.goto(`${BASE_URL}/tickets/${ticketKey}`);
      await browser.page.getByText('Dec 15, 2026').waitFor();
    } finally {
      await browser.close();
    }
  });
});
