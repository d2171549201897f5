import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactView } from '../shared/api/tickets';
import { openBrowser, BASE_URL, type Browser } from './browser';
import { Api, domainAt, useSession } from './helpers';

const DAY_MS = 86_400_000;

/** 120 days of a weekly rhythm ending yesterday, the last day three times too high (a duplicated load). */
function writeSeries(dir: string): void {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const lines = ['ts,value'];
  for (let i = 120; i >= 1; i--) {
    const t = today - i * DAY_MS;
    const weekday = new Date(t).getUTCDay();
    const value = i === 1 ? 3000 : 1000 + (weekday === 0 || weekday === 6 ? -120 : 0) + Math.round(Math.sin(i) * 8);
    lines.push(`${new Date(t).toISOString().slice(0, 10)},${value}`);
  }
  fs.writeFileSync(path.join(dir, 'signups.csv'), `${lines.join('\n')}\n`);
}

describe('monitors, as an admin', () => {
  let browser: Browser;
  let dir = '';
  let metricUrl = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-monitor-'));
    writeSeries(dir);
    const key = await domainAt('weirdness', 'MON');
    const dana = await Api.as('dana@cairn.test');
    const artifacts = await dana.get<{ items: ArtifactView[] }>(`domains/${key}/artifacts?type=metric`);
    metricUrl = `${BASE_URL}/catalog/${artifacts.items[0].id}`;
    await dana.dispose();
    browser = await openBrowser();
    await useSession(browser.page, 'admin@cairn.test');
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds data sources: tests the connection, and never shows a password back', async () => {
    const { page } = browser;
    await page.goto(`${BASE_URL}/admin/sources`);
    await page.getByRole('heading', { name: 'Data sources', level: 2 }).waitFor();
    const form = page.getByTestId('add-source-form');
    await form.getByTestId('source-name').fill('Local warehouse');
    await form.getByTestId('source-host').fill('127.0.0.1');
    await form.getByTestId('source-database').fill('postgres');
    await form.getByTestId('source-user').fill('postgres');
    await form.getByTestId('source-password').fill('e2e-secret-password');
    await form.getByTestId('add-source').click();
    const pgRow = page.getByTestId('source').filter({ hasText: 'Local warehouse' });
    await pgRow.waitFor();
    await expect(pgRow.textContent()).resolves.toContain('password stored (encrypted)');
    await expect(page.content()).resolves.not.toContain('e2e-secret-password');

    await form.getByTestId('source-kind').selectOption('duckdb');
    await form.getByTestId('source-name').fill('E2E files');
    await form.getByTestId('source-path').fill(dir);
    await form.getByTestId('add-source').click();
    const fileRow = page.getByTestId('source').filter({ hasText: 'E2E files' });
    await fileRow.waitFor();
    await fileRow.getByTestId('test-source').click();
    await expect(fileRow.getByTestId('source-test-result').textContent()).resolves.toMatch(/^Connected/);
  });

  it('configures a monitor on a metric, runs it, and plots the anomaly it reports', async () => {
    const { page } = browser;
    await page.goto(metricUrl);
    const panel = page.getByTestId('monitor-panel');
    await panel.waitFor();
    await panel.getByText('Add a monitor').click();
    await panel.getByTestId('monitor-name').fill('Signups per day');
    await panel.getByTestId('monitor-source').selectOption({ label: 'E2E files' });
    await panel.getByTestId('monitor-sql').fill('select ts, value from signups order by ts');
    await panel.getByLabel('Seasonality').selectOption('weekly');
    await panel.getByLabel('Minimum change').fill('0.1');
    await panel.getByTestId('create-monitor').click();
    const monitor = panel.getByTestId('monitor');
    await monitor.waitFor();
    await monitor.getByTestId('run-monitor').click();
    // queued as a job; the panel looks again until the run is done
    await monitor.getByTestId('monitor-anomalies').waitFor({ timeout: 60_000 });
    await expect(monitor.getByTestId('monitor-anomalies').textContent()).resolves.not.toBe('0');
    await monitor.getByTestId('monitor-chart').waitFor();
    await expect(monitor.getByTestId('anomaly-point').count()).resolves.toBeGreaterThan(0);
    await expect(monitor.getByTestId('monitor-suppressed').textContent()).resolves.toBe('0');
    // the table fallback holds the same numbers
    await monitor.getByTestId('monitor-table').getByText('Show the numbers as a table').click();
    await expect(monitor.getByTestId('monitor-table').textContent()).resolves.toContain('anomaly');

    // the investigation it opened, reported by Cairn monitor
    await monitor.getByTestId('monitor-investigation').click();
    await page.waitForURL(/\/investigations\/\d+$/);
    await page.getByText('Cairn monitor').first().waitFor();
    await expect(page.content()).resolves.toContain('outside the expected band');
  });
});
