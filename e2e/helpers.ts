import { request, type APIRequestContext, type Page } from 'playwright-core';
import type { DomainRole, Phase } from '../shared/api/enums';
import { BASE_URL, DEMO_PASSWORD } from './browser';

/** Signs in through the login page and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('navigation').first().waitFor();
}

const SESSION_COOKIE = 'cairn_session';
const sessions = new Map<string, string>();

/**
 * A session token for a demo user, logged in through the API once per test file. Logins are
 * rate-limited per address (20 a minute by default), so a 429 waits and tries again.
 */
export async function sessionToken(email: string): Promise<string> {
  const cached = sessions.get(email);
  if (cached) return cached;
  for (let attempt = 0; attempt < 6; attempt++) {
    const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      continue;
    }
    if (!response.ok) throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new Error(`login of ${email} set no session cookie`);
    const token = decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1).split(';')[0]);
    sessions.set(email, token);
    return token;
  }
  throw new Error(`login of ${email} kept being rate-limited`);
}

/**
 * Signs a browser in as a demo user without the login form: the session cookie, plus the
 * client's "this browser signed in" hint in localStorage (without it the client shows the login
 * page straight away instead of asking /auth/me).
 */
export async function useSession(page: Page, email: string): Promise<void> {
  const token = await sessionToken(email);
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL, httpOnly: true, sameSite: 'Lax' }]);
  await page.goto(`${BASE_URL}/api/v1/health`);
  await page.evaluate(() => window.localStorage.setItem('cairn.signedIn', '1'));
}

/** A thin JSON client of /api/v1 as one demo user, for test setup only. */
export class Api {
  private constructor(private readonly context: APIRequestContext) {}

  static async as(email: string): Promise<Api> {
    const token = await sessionToken(email);
    const context = await request.newContext({
      baseURL: `${BASE_URL}/api/v1/`,
      extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'x-cairn-csrf': '1' },
    });
    return new Api(context);
  }

  async send<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const response = await this.context.fetch(path.replace(/^\//, ''), { method, data: body, headers });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body ?? {});
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }

  async userId(email: string): Promise<string> {
    const users = await this.get<{ items: { id: string; email: string }[] }>(`users?q=${encodeURIComponent(email)}`);
    const user = users.items.find((u) => u.email === email);
    if (!user) throw new Error(`no user ${email}`);
    return user.id;
  }

  async createDomain(key: string, name: string): Promise<void> {
    await this.post('domains', { key, name, description: `Created by a browser test (${name}).` });
  }

  async setRoles(key: string, email: string, roles: DomainRole[]): Promise<void> {
    await this.send('PUT', `domains/${key}/members/${await this.userId(email)}`, { roles });
  }

  async createTicket(
    key: string,
    ticket: { kind: string; title: string; phase: Phase; status?: string; priority?: string },
  ): Promise<{ key: string }> {
    return this.post(`domains/${key}/tickets`, ticket);
  }

  async signOff(key: string, role: DomainRole): Promise<void> {
    await this.post(`domains/${key}/signoffs`, { decision: 'approve', role, comment: 'Checked by the browser test.' });
  }

  async advance(key: string): Promise<void> {
    await this.post(`domains/${key}/advance`);
  }
}

/** A domain key no other test (or earlier run on the same database) uses: 2–10 capital letters. */
export function uniqueKey(prefix: string): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let key = prefix.toUpperCase();
  while (key.length < 10) key += letters[Math.floor(Math.random() * letters.length)];
  return key;
}

/**
 * Setup through the API: dana creates a domain (so she is its ds_lead), priya is its product_lead,
 * and the domain is walked forward, gate by gate, until it reaches `stage`.
 */
export async function domainAt(stage: 'specs' | 'scoping' | 'handoff' | 'weirdness', prefix = 'E'): Promise<string> {
  const dana = await Api.as('dana@cairn.test');
  const priya = await Api.as('priya@cairn.test');
  const key = uniqueKey(prefix);
  await dana.createDomain(key, `Browser test ${key}`);
  await dana.setRoles(key, 'priya@cairn.test', ['product_lead']);
  const order = ['specs', 'scoping', 'handoff', 'weirdness'];
  const pass = async (signers: [Api, DomainRole][]) => {
    for (const [api, role] of signers) await api.signOff(key, role);
    await dana.advance(key);
  };
  if (order.indexOf(stage) >= 1) {
    await dana.createTicket(key, {
      kind: 'problem',
      title: 'Churn is counted three ways',
      phase: 'specs',
      status: 'done',
    });
    await dana.createTicket(key, {
      kind: 'stakeholder',
      title: 'Finance owns the revenue view',
      phase: 'specs',
      status: 'done',
    });
    await pass([[dana, 'ds_lead']]);
  }
  if (order.indexOf(stage) >= 2) {
    await dana.post(`domains/${key}/artifacts`, { type: 'metric', name: 'Weekly active users', status: 'ready' });
    await dana.post(`domains/${key}/artifacts`, { type: 'dataset', name: 'events_daily', status: 'ready' });
    await dana.post(`domains/${key}/artifacts`, { type: 'analysis', name: 'Cohort retention', status: 'ready' });
    await dana.post(`domains/${key}/artifacts`, { type: 'analysis', name: 'Seasonality check', status: 'ready' });
    await pass([
      [dana, 'ds_lead'],
      [priya, 'product_lead'],
    ]);
  }
  if (order.indexOf(stage) >= 3) {
    await dana.createTicket(key, {
      kind: 'session',
      title: 'Pairing on the new dataset',
      phase: 'handoff',
      status: 'done',
    });
    await pass([
      [dana, 'ds_lead'],
      [priya, 'product_lead'],
    ]);
  }
  await dana.dispose();
  await priya.dispose();
  return key;
}

/**
 * Presses Approve on the gate; when criteria are not met the form asks first, and this confirms.
 * Waits until the approval is sent.
 */
export async function approveGate(page: Page): Promise<void> {
  const sent = page.waitForResponse((r) => /\/signoffs$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('signoff-approve').click();
  const confirm = page.getByTestId('signoff-confirm');
  const asked = await Promise.race([confirm.waitFor().then(() => true), sent.then(() => false)]);
  if (asked) await confirm.getByTestId('dialog-submit').click();
  await sent;
}

/** Buttons inside the page's main area that a user could press (not disabled, not aria-disabled). */
export async function enabledButtons(page: Page): Promise<string[]> {
  return page
    .locator('#main')
    .evaluate((main) =>
      [...main.querySelectorAll('button')]
        .filter((b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true' && !b.closest('[hidden]'))
        .map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
    );
}

/** The value of an <option> whose label contains `text` (e.g. a person's email in a UserSelect). */
export async function optionValue(page: Page, selectTestId: string, text: string): Promise<string> {
  const select = page.getByTestId(selectTestId);
  const option = select.locator('option', { hasText: text }).first();
  // A picker whose list is longer than one page (other tests add people) searches instead: type the name.
  const search = page.getByTestId(`${selectTestId}-search`);
  await option.or(search).first().waitFor({ state: 'attached' });
  if (!(await option.count()) && (await search.count())) await search.fill(text);
  await option.waitFor({ state: 'attached' });
  return select.locator('option', { hasText: text }).first().getAttribute('value') as Promise<string>;
}

/**
 * Runs a test body; when it fails, prints what each browser showed (address, the main area's
 * text, console errors) so a CI log says why without a screenshot.
 */
export async function explainFailure(
  browsers: Record<string, { page: Page; errors: string[] }>,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    for (const [name, { page, errors }] of Object.entries(browsers)) {
      const text = await page
        .locator('#main')
        .innerText({ timeout: 2000 })
        .catch(() => '(no main area)');
      console.error(`[${name}] ${page.url()}\n${text.slice(0, 3000)}\nconsole errors: ${JSON.stringify(errors)}`);
    }
    throw error;
  }
}
