import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, useSession } from './helpers';

describe('the admin screens speak in words', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
    await useSession(browser.page, 'admin@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('Thresholds are grouped by gate, each criterion in words beside the numbers it reads', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/admin/thresholds`);
    const specs = page.getByTestId('thresholds-gate-specs');
    await specs.waitFor();
    await expect(specs.locator('legend').textContent()).resolves.toBe('Gathering specs → Scoping');
    const problems = specs.getByTestId('threshold-criterion-problem_statements_recorded');
    await expect(problems.textContent()).resolves.toContain('Problem statements recorded');
    await problems.getByTestId('threshold-minProblemStatements').waitFor();
    // the measured-confidence numbers are settable, under the gate that reads them
    const weirdness = page.getByTestId('thresholds-gate-weirdness');
    await weirdness.getByTestId('threshold-targetOddityRate').waitFor();
    await weirdness.getByTestId('threshold-minObservedWeeks').waitFor();
    await page.getByTestId('thresholds-lifecycle').getByTestId('threshold-stallDays').waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('Severity weights are set beside the thresholds, and saved', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/admin/thresholds`);
    const form = page.getByTestId('severity-weights-form');
    const high = form.getByTestId('weight-high');
    await high.waitFor();
    const before = await high.inputValue();
    await high.fill('2.5');
    await form.getByTestId('save-weights').click();
    await form.getByRole('status').waitFor();
    await page.reload();
    await expect(page.getByTestId('weight-high').inputValue()).resolves.toBe('2.5');
    // put it back: other tests read the demo's measured rates
    await page.getByTestId('weight-high').fill(before);
    await page.getByTestId('save-weights').click();
    await page.getByTestId('severity-weights-form').getByRole('status').waitFor();
  });

  it('an investigation is dismissed as a duplicate of another by its number', async () => {
    const { page } = browser;
    const key = await domainAt('handoff', 'DUP');
    const admin = await Api.as('admin@cairn.test');
    const first = await admin.post<{ id: number }>(`domains/${key}/investigations`, {
      title: 'Signups double on Mondays',
      observed: 'Twice the usual signups every Monday',
    });
    const again = await admin.post<{ id: number }>(`domains/${key}/investigations`, {
      title: 'Monday signups look doubled',
      observed: 'Same as the other report',
    });
    await page.goto(`${BASE_URL}/investigations/${again.id}`);
    await page.getByTestId('transition-dismissed').click();
    const dialog = page.getByTestId('transition-dialog');
    await dialog.getByTestId('transition-reason').fill('Reported twice');
    await dialog.getByTestId('transition-duplicate-of').fill('not a number');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.getByText('Write the number of the investigation it duplicates').waitFor();
    await dialog.getByTestId('transition-duplicate-of').fill(`#${first.id}`);
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = await admin.send<{ status: string; duplicateOf: number | null }>('GET', `investigations/${again.id}`);
    await admin.dispose();
    expect(saved).toMatchObject({ status: 'dismissed', duplicateOf: first.id });
  });

  it('Root causes show their whole label in the input', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/admin/root-causes`);
    await page.getByTestId('root-causes-table').waitFor();
    const cut = await page
      .getByTestId('root-causes-table')
      .locator('input')
      .evaluateAll((inputs) =>
        (inputs as HTMLInputElement[]).filter((i) => i.scrollWidth > i.clientWidth).map((i) => i.value),
      );
    expect(cut).toEqual([]);
  });

  it('Audit says what happened in words and links the actor and what the event names', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/admin/audit?entityType=ticket`);
    const table = page.getByTestId('audit-table');
    await table.getByTestId('audit-summary').first().waitFor();
    const summary = table.getByTestId('audit-summary').first();
    await expect(summary.textContent()).resolves.toMatch(/(created|moved|edited) [A-Z]+-\d+/);
    const href = await summary.getAttribute('href');
    expect(href).toMatch(/^\/tickets\/[A-Z]+-\d+$/);
    const actor = table.getByTestId('audit-actor').first();
    await expect(actor.getAttribute('href')).resolves.toMatch(/^\/admin\/audit\?actor=/);
    await summary.click();
    await page.waitForURL(`${BASE_URL}${href}`);
    expect(browser.errors).toEqual([]);
  });
});
