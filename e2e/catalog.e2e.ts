import type { CatalogEntryView } from '../shared/api/catalog';
import type { InvestigationView } from '../shared/api/investigations';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, useSession } from './helpers';

describe('the catalog, as a member', () => {
  let browser: Browser;
  let artifactUrl = '';

  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'omar@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('finds an artifact by a search and opens its page at an address to paste', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await page.getByTestId('catalog-filter-q').fill('weekly active');
    await page.waitForURL(/[?&]q=weekly\+active/);
    const entry = page.getByRole('article', { name: 'Weekly active retention' });
    await entry.waitFor();
    // the search narrowed the list to what matches (other browser tests add "Weekly active users" metrics too)
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('[data-testid="catalog-list"] article')].map(
        (a) => a.textContent ?? '',
      );
      // full-text search matches word stems: "Activation rate" is a match
      return names.length > 0 && names.every((name) => /week|activ/i.test(name));
    });
    await expect(entry.getByTestId('trust-badge').textContent()).resolves.toMatch(/In progress|Certified|At risk/);
    await entry.getByRole('link', { name: 'Weekly active retention' }).click();
    await page.waitForURL(/\/catalog\/[0-9a-f-]{36}$/);
    artifactUrl = page.url();
    await page.getByRole('heading', { name: 'Weekly active retention', level: 1 }).waitFor();
    // the page gathers who to ask and the caveats, and survives a reload (the address is the page)
    await page.reload();
    await page.getByRole('heading', { name: 'Weekly active retention', level: 1 }).waitFor();
    await expect(page.getByTestId('catalog-leads').textContent()).resolves.toContain(
      'Dana Scientist (Data science lead)',
    );
    await page.getByTestId('catalog-caveats').waitFor();
    await expect(
      page
        .getByTestId('badge-artifact')
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).resolves.toBeGreaterThan(0);
  });

  it('reports weirdness: it becomes a reported investigation linked to the artifact', async () => {
    const { page } = browser;
    await page.goto(artifactUrl);
    await page.getByTestId('report-weirdness').click();
    const dialog = page.getByTestId('report-dialog');
    await dialog.getByTestId('report-title').fill('Retention jumped on the growth dashboard');
    await dialog.getByTestId('report-observed').fill('Weekly active retention shows 71% for last week.');
    await dialog.getByTestId('report-expected').fill('Around 40%, as every week before.');
    await dialog.getByTestId('report-link').fill('https://bi.example.test/dashboards/growth');
    await dialog.getByTestId('dialog-submit').click();
    const receipt = page.getByTestId('report-receipt');
    await receipt.waitFor();
    const link = receipt.getByRole('link', { name: /Open investigation #\d+/ });
    const id = Number(/#(\d+)/.exec((await link.textContent()) ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    // RET's ds_lead sees it: the investigation, linked to the artifact, and the inbox entry
    const lead = await Api.as('dana@cairn.test');
    try {
      const investigation = await lead.get<InvestigationView>(`investigations/${id}`);
      expect(investigation).toMatchObject({ status: 'reported', title: 'Retention jumped on the growth dashboard' });
      expect(investigation.artifactId).toBe(artifactUrl.split('/').pop());
      const inbox = await lead.get<{ items: { kind: string; entityId: string }[] }>('inbox?limit=20');
      expect(inbox.items).toContainEqual(
        expect.objectContaining({ kind: 'investigation_reported', entityId: String(id) }),
      );
    } finally {
      await lead.dispose();
    }
    await link.click();
    await page.waitForURL(new RegExp(`/investigations/${id}$`));
  });

  it('renders the badge <img> on a plain HTML page without a session', async () => {
    const api = await Api.as('omar@cairn.test');
    const id = artifactUrl.split('/').pop();
    const entry = await api.get<CatalogEntryView>(`catalog/${id}`);
    await api.dispose();
    const other = await openBrowser();
    try {
      const { page } = other;
      await page.setContent(
        `<!doctype html><html><body><h1>Growth dashboard</h1><img id="badge" alt="trust" src="${BASE_URL}${entry.badges.artifact.svgUrl}"></body></html>`,
      );
      await page.waitForFunction(() => {
        const img = document.getElementById('badge') as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      });
      const width = await page.locator('#badge').evaluate((img: HTMLImageElement) => img.naturalWidth);
      expect(width).toBeGreaterThan(100);
      // a wrong token shows nothing (a 404), whatever the artifact
      await page.setContent(
        `<!doctype html><html><body><img id="badge" alt="trust" src="${BASE_URL}/api/v1/badges/artifacts/${id}.svg?token=wrong"></body></html>`,
      );
      await page.waitForFunction(() => (document.getElementById('badge') as HTMLImageElement).complete);
      await expect(page.locator('#badge').evaluate((img: HTMLImageElement) => img.naturalWidth)).resolves.toBe(0);
    } finally {
      await other.close();
    }
  });
});
