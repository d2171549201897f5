import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, explainFailure, uniqueKey, useSession } from './helpers';

/** The rough edges of issue #17 item 2, each as a user meets it. */
describe('rough edges', () => {
  let browser: Browser;
  let dana: Api;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'dana@cairn.test');
    dana = await Api.as('dana@cairn.test');
  });
  afterAll(async () => {
    await dana.dispose();
    await browser.close();
  });
  beforeEach(() => {
    browser.errors.length = 0;
  });

  it('past decisions name an open investigation once-hashed, linked to it', async () => {
    const { page } = browser;
    const key = await domainAt('handoff', 'EV');
    const investigation = await dana.post<{ id: number }>(`domains/${key}/investigations`, {
      title: 'Sessions double on Sundays',
      observed: 'Twice as many sessions every Sunday.',
      severity: 'high',
    });
    await dana.signOff(key, 'ds_lead');
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/reviews`);
      const decision = page
        .getByTestId('past-decisions')
        .locator('li', { hasText: `Browser test ${key}` })
        .first();
      await decision.getByTestId('evidence').locator('summary').click();
      const link = decision.getByRole('link', { name: `#${investigation.id}`, exact: true });
      await expect(link.getAttribute('href')).resolves.toBe(`/investigations/${investigation.id}`);
      await expect(decision.getByTestId('evidence').innerText()).resolves.not.toContain('##');
    });
  });

  it('a dialog opens on its first field, asks before Escape discards what was typed, and checks required fields', async () => {
    const { page } = browser;
    const key = uniqueKey('DLG');
    await dana.createDomain(key, `Dialogs ${key}`);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/domains/${key}/tickets`)) posts.push(r.url());
    });
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/domains/${key}?tab=tickets`);
      const dialog = page.getByTestId('ticket-dialog');

      // focus starts in the first field, not on ✕
      await page.getByTestId('new-ticket').click();
      await dialog.getByTestId('ticket-title').waitFor();
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
        'ticket-kind',
      );
      // nothing typed: Escape simply closes
      await page.keyboard.press('Escape');
      await dialog.getByTestId('ticket-title').waitFor({ state: 'detached' });

      // something typed: Escape asks, and "Keep editing" keeps it
      await page.getByTestId('new-ticket').click();
      await dialog.getByTestId('ticket-title').fill('Half-written');
      await page.keyboard.press('Escape');
      await dialog.getByTestId('dialog-discard').waitFor();
      await dialog.getByTestId('dialog-keep-editing').click();
      await expect(dialog.getByTestId('ticket-title').inputValue()).resolves.toBe('Half-written');
      await page.keyboard.press('Escape');
      await dialog.getByTestId('dialog-discard-confirm').click();
      await dialog.getByTestId('ticket-title').waitFor({ state: 'detached' });

      // a required field left empty is named beside it, and nothing is sent
      await page.getByTestId('new-ticket').click();
      await dialog.getByTestId('ticket-title').fill('   ');
      await dialog.getByTestId('dialog-submit').click();
      await expect(dialog.getByTestId('field-error').innerText()).resolves.toBe('Title is required.');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
        'ticket-title',
      );
      expect(posts).toEqual([]);
      // filled in, it goes
      await dialog.getByTestId('ticket-title').fill('Whole');
      await expect(dialog.getByTestId('field-error').count()).resolves.toBe(0);
      await dialog.getByTestId('dialog-submit').click();
      await dialog.getByTestId('ticket-title').waitFor({ state: 'detached' });
      expect(posts).toHaveLength(1);
      expect(browser.errors).toEqual([]);
    });
  });

  it('the artifacts tab shows the orange caveats box only where there are caveats', async () => {
    const { page } = browser;
    const key = await domainAt('scoping', 'CAV');
    const plain = await dana.post<{ id: string }>(`domains/${key}/artifacts`, { type: 'dataset', name: 'events_raw' });
    const caveated = await dana.post<{ id: string }>(`domains/${key}/artifacts`, {
      type: 'dataset',
      name: 'events_daily',
    });
    await dana.post(`artifacts/${caveated.id}/caveats`, { text: 'Bot traffic is not filtered before March.' });
    const background = (id: string) =>
      page
        .getByTestId(`artifact-${id}`)
        .getByTestId('caveats')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/domains/${key}?tab=artifacts`);
      await page.getByTestId(`artifact-${caveated.id}`).getByTestId('caveat').waitFor();
      await expect(page.getByTestId(`artifact-${plain.id}`).getByTestId('caveats').innerText()).resolves.toContain(
        'No caveats recorded',
      );
      await expect(background(plain.id)).resolves.toBe('rgba(0, 0, 0, 0)');
      await expect(background(caveated.id)).resolves.not.toBe('rgba(0, 0, 0, 0)');

      // adding an empty caveat says what is missing instead of asking the server
      await page.getByTestId(`artifact-${plain.id}`).getByTestId('add-caveat').click();
      await page.getByTestId(`artifact-${plain.id}`).getByTestId('caveat-submit').click();
      await expect(page.getByTestId(`artifact-${plain.id}`).getByTestId('field-error').innerText()).resolves.toBe(
        'Caveat is required.',
      );
      expect(browser.errors).toEqual([]);
    });
  });

  it('a page load logs no warning about a missing HydrateFallback', async () => {
    const { page } = browser;
    const logged: string[] = [];
    const listen = (message: { text: () => string }) => logged.push(message.text());
    page.on('console', listen);
    try {
      for (const path of ['/', '/domains/RET', '/my-work']) {
        await page.goto(`${BASE_URL}${path}`);
        await page.locator('#main h1').first().waitFor();
      }
      expect(logged.filter((text) => text.includes('HydrateFallback'))).toEqual([]);
    } finally {
      page.off('console', listen);
    }
  });

  describe('when the API fails', () => {
    afterEach(async () => {
      await browser.page.unrouteAll();
    });

    it('one message says so, however many panels could not load, with one way to try again', async () => {
      const { page } = browser;
      await page.goto(`${BASE_URL}/`);
      await page.getByTestId('portfolio-board').waitFor();
      // from now on every call but the session check fails as if the server were down
      await page.route(
        (url) => url.pathname.startsWith('/api/v1/') && url.pathname !== '/api/v1/auth/me',
        (route) => route.abort('connectionrefused'),
      );
      await page.reload();
      await page.getByTestId('error-state').first().waitFor();
      await page.getByTestId('loading').first().waitFor({ state: 'detached' });
      await expect(page.getByTestId('error-state').count()).resolves.toBe(1);
      const error = page.getByTestId('error-state');
      await expect(error.innerText()).resolves.toContain('The server could not be reached');
      await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(1);

      // back up: the one "Try again" reloads every panel
      await page.unrouteAll();
      await error.getByRole('button', { name: 'Try again' }).click();
      await page.getByTestId('portfolio-board').waitFor();
      await page.getByTestId('loading').first().waitFor({ state: 'detached' });
      await expect(page.getByTestId('error-state').count()).resolves.toBe(0);
      await expect(page.getByTestId('error-state-repeat').count()).resolves.toBe(0);
    });

    it('a page that does not exist offers no "Try again"', async () => {
      const { page } = browser;
      await page.goto(`${BASE_URL}/domains/NOPE`);
      const error = page.getByTestId('error-state');
      await error.waitFor();
      await expect(error.innerText()).resolves.toContain('There is no domain NOPE');
      await expect(error.getByRole('button').count()).resolves.toBe(0);
      await page.goto(`${BASE_URL}/tickets/RET-99999`);
      await page.getByTestId('error-state').waitFor();
      await expect(page.getByTestId('error-state').getByRole('button').count()).resolves.toBe(0);
    });
  });

  it('markdown renders tables and task lists', async () => {
    const { page } = browser;
    const key = uniqueKey('MD');
    await dana.createDomain(key, `Markdown ${key}`);
    const ticket = await dana.createTicket(key, { kind: 'task', title: 'Tables', phase: 'specs' });
    await dana.post(`tickets/${ticket.key}/comments`, {
      body: ['| Metric | Owner |', '| --- | --- |', '| WAU | Dana |', '', '- [x] counted', '- [ ] checked'].join('\n'),
    });
    await explainFailure({ dana: browser }, async () => {
      await page.goto(`${BASE_URL}/tickets/${ticket.key}`);
      const table = page.locator('.markdown table');
      await table.waitFor();
      await expect(table.locator('th').allInnerTexts()).resolves.toEqual(['Metric', 'Owner']);
      await expect(table.locator('td').allInnerTexts()).resolves.toEqual(['WAU', 'Dana']);
      const boxes = page.locator('.markdown li input[type="checkbox"]');
      await expect(boxes.count()).resolves.toBe(2);
      await expect(boxes.first().isChecked()).resolves.toBe(true);
      await expect(boxes.nth(1).isChecked()).resolves.toBe(false);
    });
  });

  it('an admin form names its empty required fields and sends nothing', async () => {
    const admin = await openBrowser();
    try {
      await useSession(admin.page, 'admin@cairn.test');
      const posts: string[] = [];
      admin.page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/root-causes')) posts.push(r.url());
      });
      await explainFailure({ admin }, async () => {
        await admin.page.goto(`${BASE_URL}/admin/root-causes`);
        const form = admin.page.getByTestId('add-root-cause-form');
        await form.getByTestId('root-cause-label').fill('Vendor outage');
        await form.getByTestId('add-root-cause').click();
        await expect(form.getByTestId('field-error').allInnerTexts()).resolves.toEqual(['Key is required.']);
        expect(posts).toEqual([]);
        await form.getByTestId('root-cause-key').fill('vendor_outage_e2e');
        await expect(form.getByTestId('field-error').count()).resolves.toBe(0);
      });
    } finally {
      await admin.close();
    }
  });
});
