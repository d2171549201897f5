import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { explainFailure, useSession } from './helpers';

const AXE_SOURCE = fs.readFileSync(path.join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface Screen {
  name: string;
  path: string;
  /** something on the screen that says it has loaded its data */
  ready: (page: Page) => Promise<unknown>;
}

const heading = (name: string) => (page: Page) => page.getByRole('heading', { level: 1, name }).waitFor();

const SIGNED_IN_SCREENS: Screen[] = [
  { name: 'portfolio board', path: '/', ready: (page) => page.getByTestId('portfolio-board').waitFor() },
  { name: 'domain page (gate)', path: '/domains/RET', ready: (page) => page.getByTestId('criteria-table').waitFor() },
  {
    name: 'domain page (weirdness)',
    path: '/domains/RET?tab=weirdness',
    ready: (page) => page.getByTestId('investigation-table').waitFor(),
  },
  { name: 'weirdness log', path: '/weirdness', ready: (page) => page.getByTestId('investigation-table').waitFor() },
  { name: 'insights', path: '/insights', ready: (page) => page.getByTestId('chart-oddity-rate').waitFor() },
  { name: 'reviews', path: '/reviews', ready: heading('Reviews') },
  { name: 'my work', path: '/my-work', ready: heading('My work') },
  { name: 'admin users', path: '/admin/users', ready: (page) => page.getByTestId('users-table').waitFor() },
  { name: 'domain page (tickets)', path: '/domains/RET?tab=tickets', ready: heading('Retention metrics') },
  { name: 'domain page (artifacts)', path: '/domains/RET?tab=artifacts', ready: heading('Retention metrics') },
  { name: 'domain page (timeline)', path: '/domains/RET?tab=timeline', ready: heading('Retention metrics') },
  { name: 'domain page (members)', path: '/domains/RET?tab=members', ready: heading('Retention metrics') },
  { name: 'catalog', path: '/catalog', ready: heading('Catalog') },
  { name: 'inbox', path: '/inbox', ready: heading('Inbox') },
  { name: 'admin thresholds', path: '/admin/thresholds', ready: heading('Admin') },
  { name: 'admin audit', path: '/admin/audit', ready: heading('Admin') },
  { name: 'admin webhooks', path: '/admin/webhooks', ready: heading('Admin') },
  { name: 'settings', path: '/settings', ready: heading('Your settings') },
];

/**
 * Both themes: the demo admin's theme is "system", so the emulated colour scheme picks it (and the
 * test checks the page really is drawn in it).
 */
const THEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Loads a screen, waits until its data is shown and nothing is loading any more. */
async function visit(page: Page, screen: Screen) {
  await page.goto(`${BASE_URL}${screen.path}`);
  await screen.ready(page);
  await page.getByTestId('loading').first().waitFor({ state: 'detached' });
}

/**
 * axe-core's serious and critical violations on the current page. axe is evaluated through the
 * DevTools protocol rather than added as a <script> tag: the app's Content-Security-Policy
 * (script-src 'self') rightly blocks inline scripts, and that block would log a console error.
 */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  });
}

describe.each(THEMES)('main screens in the %s theme', (theme) => {
  let browser: Browser;
  /** API calls that failed on the current screen: a console error names no address, this does. */
  const failedCalls: string[] = [];
  beforeAll(async () => {
    browser = await openBrowser();
    await browser.page.emulateMedia({ colorScheme: theme });
    browser.page.on('response', (response) => {
      if (response.status() >= 400)
        failedCalls.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
  });
  afterAll(async () => {
    await browser.close();
  });

  const drawnTheme = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-theme'));

  it('the login page has no serious accessibility violation and no console error', async () => {
    const { page } = browser;
    await explainFailure({ anonymous: browser }, async () => {
      await visit(page, { name: 'login', path: '/', ready: (p) => p.getByTestId('login-email').waitFor() });
      expect(await drawnTheme(page)).toBe(theme);
      expect({ screen: 'login', violations: await seriousViolations(page) }).toEqual({
        screen: 'login',
        violations: [],
      });
      expect({ screen: 'login', errors: browser.errors, failedCalls }).toEqual({
        screen: 'login',
        errors: [],
        failedCalls: [],
      });
    });
  });

  describe('signed in as an admin', () => {
    beforeAll(async () => {
      await useSession(browser.page, 'admin@cairn.test');
    });

    it.each(SIGNED_IN_SCREENS.map((s) => [s.name, s] as const))(
      '%s has no serious accessibility violation and no console error',
      async (name, screen) => {
        const { page } = browser;
        browser.errors.length = 0;
        failedCalls.length = 0;
        await explainFailure({ admin: browser }, async () => {
          await visit(page, screen);
          expect({ screen: name, theme: await drawnTheme(page) }).toEqual({ screen: name, theme });
          expect({ screen: name, violations: await seriousViolations(page) }).toEqual({ screen: name, violations: [] });
          expect({ screen: name, errors: browser.errors, failedCalls }).toEqual({
            screen: name,
            errors: [],
            failedCalls: [],
          });
        });
      },
    );

    it('the command palette with results and the shortcuts dialog have no serious accessibility violation', async () => {
      const { page } = browser;
      browser.errors.length = 0;
      await explainFailure({ admin: browser }, async () => {
        await visit(page, SIGNED_IN_SCREENS[0]);
        await page.keyboard.press('Control+k');
        await page.getByTestId('palette-input').fill('retention');
        await page.getByTestId('palette-result-domain-RET').waitFor();
        expect({ screen: 'palette', violations: await seriousViolations(page) }).toEqual({
          screen: 'palette',
          violations: [],
        });
        await page.keyboard.press('Escape');
        await page.getByTestId('command-palette').waitFor({ state: 'detached' });
        await page.keyboard.press('Shift+?');
        await page.getByTestId('shortcuts-dialog').getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
        expect({ screen: 'shortcuts', violations: await seriousViolations(page) }).toEqual({
          screen: 'shortcuts',
          violations: [],
        });
        await page.keyboard.press('Escape');
        expect(browser.errors).toEqual([]);
      });
    });
  });
});
