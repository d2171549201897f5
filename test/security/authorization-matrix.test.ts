import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { DomainRole, GlobalRole } from '../../shared/api/enums';
import { OPERATIONS } from '../../server/http/openapi/operations';
import { Monitor } from '../../server/modules/monitors/monitor.entity';
import { DataSourceRecord } from '../../server/modules/sources/data-source.entity';
import { Waiver } from '../../server/modules/gates/waiver.entity';
import { ApiToken } from '../../server/modules/users/api-token.entity';
import { addMember, makeArtifactRow, makeDomain, makeInvestigationRow, makeTicketRow } from '../factories/domains';
import { makeNotification } from '../factories/inbox';
import { authAs, makeUser, TEST_PASSWORD } from '../factories/users';
import { makeDelivery, makeWebhook } from '../factories/webhooks';
import { useTestApp, type TestContext } from '../setup/test-app';

/**
 * Every operation of the OpenAPI document against every kind of caller. "allow" means the
 * authorization layer let the request through (any status but 401/403: 2xx, or 404/409 when an
 * earlier allowed caller already changed the fixture); 401 and 403 must be exactly that status.
 * Requests go out with valid bodies, so a 400 can never hide a missing permission check.
 */

const ctx = useTestApp();

const ACTORS = [
  'anonymous',
  'viewer',
  'member',
  'contributor',
  'ds_lead',
  'product_lead',
  'sponsor',
  'admin',
  'otherLead',
] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = 'allow' | 401 | 403;
type Expectation = Record<ActorName, Outcome>;

const anonymousOnly401 = (rest: Outcome): Expectation => ({
  anonymous: 401,
  viewer: rest,
  member: rest,
  contributor: rest,
  ds_lead: rest,
  product_lead: rest,
  sponsor: rest,
  admin: rest,
  otherLead: rest,
});
/** No sign-in needed. */
const PUBLIC: Expectation = { ...anonymousOnly401('allow'), anonymous: 'allow' };
/** Anyone signed in (viewers read everything). */
const USER: Expectation = anonymousOnly401('allow');
/** Global member or admin: viewers read only. */
const CONTRIBUTE: Expectation = { ...anonymousOnly401('allow'), viewer: 403 };
/** A lead of this domain (ds_lead, product_lead) or an admin. */
const LEAD: Expectation = { ...anonymousOnly401(403), ds_lead: 'allow', product_lead: 'allow', admin: 'allow' };
/** Global admin only. */
const ADMIN: Expectation = { ...anonymousOnly401(403), admin: 'allow' };
/** Holders of a role the current (weirdness) gate asks for: ds_lead and product_lead; not admin. */
const SIGNER: Expectation = { ...anonymousOnly401(403), ds_lead: 'allow', product_lead: 'allow' };

interface Fixture {
  key: string;
  ticketKey: string;
  artifactId: string;
  investigationId: number;
  users: Record<Exclude<ActorName, 'anonymous'>, { id: string; email: string }>;
  versions: { domain: number; ticket: number; artifact: number; investigation: number };
  tokenId: string;
  waiverId: string;
  webhookId: string;
  deliveryId: string;
  notificationId: string;
  sourceId: string;
  monitorId: string;
}

interface Row {
  expect: Expectation;
  /** concrete path relative to /api/v1 */
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  query?: Record<string, string>;
  ifMatch?: (f: Fixture) => number;
  /** extra state this operation needs before the requests */
  prepare?: (f: Fixture) => Promise<void>;
}

const dbtFixture = (file: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'dbt', file), 'utf8'));

/** The fixture's badge tokens, read by the badge rows' prepare. */
const badgeTokens = { artifact: '', domain: '' };
async function readBadgeTokens(f: Fixture): Promise<void> {
  const [row]: { artifact: string; domain: string }[] = await ctx.dataSource.query(
    `SELECT a.badge_token AS artifact, d.badge_token AS domain FROM artifact a JOIN "domain" d ON d.id = a.domain_id WHERE a.id = $1`,
    [f.artifactId],
  );
  Object.assign(badgeTokens, row);
}

const TABLE: Record<string, Row> = {
  'GET /health': { expect: PUBLIC, path: () => '/health' },
  'GET /health/live': { expect: PUBLIC, path: () => '/health/live' },
  'GET /health/ready': { expect: PUBLIC, path: () => '/health/ready' },
  'GET /openapi.json': { expect: PUBLIC, path: () => '/openapi.json' },
  'POST /auth/login': {
    expect: PUBLIC,
    path: () => '/auth/login',
    // Real credentials: a wrong password is a 401 by design, which would say nothing here.
    body: (f) => ({ email: f.users.viewer.email, password: TEST_PASSWORD }),
  },
  'GET /auth/providers': { expect: PUBLIC, path: () => '/auth/providers' },
  // Not configured in this suite: a 404 for everyone, which is allowed through auth. test/api/sso.test.ts
  // covers them against a real provider.
  'GET /auth/oidc/start': { expect: PUBLIC, path: () => '/auth/oidc/start' },
  'GET /auth/oidc/callback': { expect: PUBLIC, path: () => '/auth/oidc/callback' },
  'POST /auth/logout': { expect: USER, path: () => '/auth/logout' },
  'POST /auth/password': {
    expect: USER,
    path: () => '/auth/password',
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'nanoseconds on a wire' }),
  },
  'GET /auth/me': { expect: USER, path: () => '/auth/me' },
  'GET /tokens': { expect: USER, path: () => '/tokens' },
  'POST /tokens': { expect: USER, path: () => '/tokens', body: () => ({ name: 'ci' }) },
  // Someone else's token is a 404 (not 403) to all but its owner and admins: allowed through auth.
  'DELETE /tokens/{id}': { expect: USER, path: (f) => `/tokens/${f.tokenId}` },

  'GET /users': { expect: USER, path: () => '/users' },
  'POST /users': {
    expect: ADMIN,
    path: () => '/users',
    body: () => ({ email: 'new@example.test', name: 'New', password: 'a long enough password', role: 'member' }),
  },
  'PATCH /users/{id}': { expect: ADMIN, path: (f) => `/users/${f.users.member.id}`, body: () => ({ name: 'Renamed' }) },
  'GET /audit': { expect: ADMIN, path: () => '/audit' },
  'GET /audit.csv': { expect: ADMIN, path: () => '/audit.csv' },
  'PATCH /me': { expect: USER, path: () => '/me', body: () => ({ theme: 'dark', timeZone: 'Europe/Paris' }) },
  'GET /me/work': { expect: USER, path: () => '/me/work' },

  'GET /domains': { expect: USER, path: () => '/domains' },
  'POST /domains': {
    expect: CONTRIBUTE,
    path: () => '/domains',
    body: () => ({ key: 'NEWDOM', name: 'New domain' }),
  },
  'GET /domains/{key}': { expect: USER, path: (f) => `/domains/${f.key}` },
  'PATCH /domains/{key}': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}`,
    body: () => ({ description: 'Edited' }),
    ifMatch: (f) => f.versions.domain,
  },
  'GET /domains/{key}/members': { expect: USER, path: (f) => `/domains/${f.key}/members` },
  'PUT /domains/{key}/members/{userId}': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/members/${f.users.member.id}`,
    body: () => ({ roles: ['contributor'] }),
  },
  'DELETE /domains/{key}/members/{userId}': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/members/${f.users.sponsor.id}`,
  },
  'GET /domains/{key}/export': { expect: USER, path: (f) => `/domains/${f.key}/export` },
  'POST /domains/import': { expect: ADMIN, path: () => '/domains/import', body: () => ({ format: 'unknown' }) },
  'GET /domains/{key}/dbt': { expect: USER, path: (f) => `/domains/${f.key}/dbt` },
  'PUT /domains/{key}/dbt/selector': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/dbt/selector`,
    body: () => ({ groups: ['retention'] }),
  },
  'POST /domains/{key}/dbt/sync': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/dbt/sync`,
    body: () => dbtFixture('v12/manifest.json'),
  },
  'POST /domains/{key}/dbt/results': {
    expect: CONTRIBUTE,
    path: (f) => `/domains/${f.key}/dbt/results`,
    body: () => ({ manifest: dbtFixture('v12/manifest.json'), runResults: dbtFixture('v12/run_results-failing.json') }),
  },
  'GET /domains/{key}/events': { expect: USER, path: (f) => `/domains/${f.key}/events` },
  'GET /domains/{key}/imported-history': { expect: USER, path: (f) => `/domains/${f.key}/imported-history` },

  'GET /domains/{key}/gate': { expect: USER, path: (f) => `/domains/${f.key}/gate` },
  'POST /domains/{key}/signoffs': {
    expect: SIGNER,
    path: (f) => `/domains/${f.key}/signoffs`,
    body: () => ({ decision: 'approve', comment: 'ok' }),
  },
  // Someone else's (here: no such) sign-off is a 404 or 403 from the service: allowed through auth.
  'POST /domains/{key}/signoffs/{id}/withdraw': {
    expect: USER,
    path: (f) => `/domains/${f.key}/signoffs/00000000-0000-4000-8000-000000000001/withdraw`,
    body: () => ({ reason: 'I signed too early' }),
  },
  'POST /domains/{key}/advance': { expect: LEAD, path: (f) => `/domains/${f.key}/advance`, body: () => ({}) },
  'POST /domains/{key}/recycle': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/recycle`,
    body: () => ({ toPhase: 'scoping', reason: 'metric definition changed' }),
  },
  'POST /domains/{key}/hold': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/hold`,
    body: () => ({ reason: 'waiting on vendor' }),
  },
  'POST /domains/{key}/resume': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/resume`,
    body: () => ({ reason: 'vendor is back' }),
    prepare: async (f) => {
      await ctx.dataSource.query(`UPDATE "domain" SET held = true WHERE key = $1`, [f.key]);
    },
  },
  'POST /domains/{key}/waivers': {
    expect: ADMIN,
    path: (f) => `/domains/${f.key}/waivers`,
    body: () => ({ criterion: 'few_new_investigations', reason: 'launch week noise' }),
  },
  'DELETE /domains/{key}/waivers/{id}': { expect: ADMIN, path: (f) => `/domains/${f.key}/waivers/${f.waiverId}` },
  // No such sign-off or addition: admins get 404, which still shows the permission check let them through.
  'POST /domains/{key}/signoffs/{id}/override': {
    expect: ADMIN,
    path: (f) => `/domains/${f.key}/signoffs/00000000-0000-4000-8000-000000000001/override`,
    body: () => ({ reason: 'the sponsor left the company' }),
  },
  'POST /domains/{key}/gate/additions': {
    expect: ADMIN,
    path: (f) => `/domains/${f.key}/gate/additions`,
    body: () => ({ kind: 'criterion', value: 'no_open_investigations', reason: 'regulated data' }),
  },
  'DELETE /domains/{key}/gate/additions/{id}': {
    expect: ADMIN,
    path: (f) => `/domains/${f.key}/gate/additions/00000000-0000-4000-8000-000000000002`,
    body: () => ({ reason: 'no longer regulated' }),
  },
  // SEC is not certified: allowed callers get 409 not_at_risk / invalid_transition.
  'POST /domains/{key}/risk/acknowledge': {
    expect: LEAD,
    path: (f) => `/domains/${f.key}/risk/acknowledge`,
    body: () => ({ note: 'looking into it' }),
  },
  'POST /domains/{key}/reconfirm': {
    expect: { ...anonymousOnly401(403), ds_lead: 'allow' },
    path: (f) => `/domains/${f.key}/reconfirm`,
    body: () => ({ comment: 'reviewed' }),
  },
  'GET /settings/thresholds': { expect: USER, path: () => '/settings/thresholds' },
  'PUT /settings/thresholds': {
    expect: ADMIN,
    path: () => '/settings/thresholds',
    body: () => ({ maxNewInvestigations: 3 }),
  },
  'GET /reviews/pending': { expect: USER, path: () => '/reviews/pending' },
  'GET /insights': { expect: USER, path: () => '/insights' },
  'GET /search': { expect: USER, path: () => '/search?q=retention' },
  'GET /reviews/decisions': { expect: USER, path: () => '/reviews/decisions' },

  'GET /domains/{key}/tickets': { expect: USER, path: (f) => `/domains/${f.key}/tickets` },
  'POST /domains/{key}/tickets': {
    expect: CONTRIBUTE,
    path: (f) => `/domains/${f.key}/tickets`,
    body: () => ({ kind: 'task', title: 'A task' }),
  },
  'GET /domains/{key}/tickets.csv': { expect: USER, path: (f) => `/domains/${f.key}/tickets.csv` },
  'POST /domains/{key}/tickets/bulk': {
    expect: CONTRIBUTE,
    path: (f) => `/domains/${f.key}/tickets/bulk`,
    body: (f) => ({ ticketKeys: [f.ticketKey], changes: { status: 'in_progress' } }),
  },
  'GET /tickets/{ticketKey}': { expect: USER, path: (f) => `/tickets/${f.ticketKey}` },
  'PATCH /tickets/{ticketKey}': {
    expect: CONTRIBUTE,
    path: (f) => `/tickets/${f.ticketKey}`,
    body: () => ({ title: 'Renamed task' }),
    ifMatch: (f) => f.versions.ticket,
  },
  'GET /tickets/{ticketKey}/comments': { expect: USER, path: (f) => `/tickets/${f.ticketKey}/comments` },
  'POST /tickets/{ticketKey}/comments': {
    expect: CONTRIBUTE,
    path: (f) => `/tickets/${f.ticketKey}/comments`,
    body: () => ({ body: 'Looks right' }),
  },

  'GET /domains/{key}/artifacts': { expect: USER, path: (f) => `/domains/${f.key}/artifacts` },
  'POST /domains/{key}/artifacts': {
    expect: CONTRIBUTE,
    path: (f) => `/domains/${f.key}/artifacts`,
    body: () => ({ type: 'dataset', name: 'events' }),
  },
  'GET /artifacts/{id}': { expect: USER, path: (f) => `/artifacts/${f.artifactId}` },
  'PATCH /artifacts/{id}': {
    expect: CONTRIBUTE,
    path: (f) => `/artifacts/${f.artifactId}`,
    body: () => ({ description: 'Edited' }),
    ifMatch: (f) => f.versions.artifact,
  },
  'GET /artifacts/{id}/caveats': { expect: USER, path: (f) => `/artifacts/${f.artifactId}/caveats` },
  'POST /artifacts/{id}/reports': {
    expect: CONTRIBUTE,
    path: (f) => `/artifacts/${f.artifactId}/reports`,
    body: () => ({ title: 'Looks weird', observed: 'Doubled overnight' }),
  },
  // Public badges: the token is the key, a session changes nothing (all 200 with the token read here).
  'GET /badges/artifacts/{id}.svg': {
    expect: PUBLIC,
    prepare: readBadgeTokens,
    path: (f) => `/badges/artifacts/${f.artifactId}.svg?token=${badgeTokens.artifact}`,
  },
  'GET /badges/artifacts/{id}.json': {
    expect: PUBLIC,
    prepare: readBadgeTokens,
    path: (f) => `/badges/artifacts/${f.artifactId}.json?token=${badgeTokens.artifact}`,
  },
  'GET /badges/domains/{key}.svg': {
    expect: PUBLIC,
    prepare: readBadgeTokens,
    path: (f) => `/badges/domains/${f.key}.svg?token=${badgeTokens.domain}`,
  },
  'GET /badges/domains/{key}.json': {
    expect: PUBLIC,
    prepare: readBadgeTokens,
    path: (f) => `/badges/domains/${f.key}.json?token=${badgeTokens.domain}`,
  },
  'POST /artifacts/{id}/badge-token': { expect: LEAD, path: (f) => `/artifacts/${f.artifactId}/badge-token` },
  'POST /domains/{key}/badge-token': { expect: LEAD, path: (f) => `/domains/${f.key}/badge-token` },
  'GET /catalog': { expect: USER, path: () => '/catalog' },
  'GET /catalog/{id}': { expect: USER, path: (f) => `/catalog/${f.artifactId}` },
  'POST /artifacts/{id}/caveats': {
    expect: CONTRIBUTE,
    path: (f) => `/artifacts/${f.artifactId}/caveats`,
    body: () => ({ text: 'Excludes test accounts' }),
  },

  'GET /investigations': { expect: USER, path: () => '/investigations' },
  'GET /investigations.csv': { expect: USER, path: () => '/investigations.csv' },
  'GET /domains/{key}/investigations': { expect: USER, path: (f) => `/domains/${f.key}/investigations` },
  'POST /domains/{key}/investigations': {
    expect: CONTRIBUTE,
    path: (f) => `/domains/${f.key}/investigations`,
    body: () => ({ title: 'Spike on Mondays', observed: 'Signups double every Monday' }),
  },
  'GET /investigations/{id}': { expect: USER, path: (f) => `/investigations/${f.investigationId}` },
  'PATCH /investigations/{id}': {
    expect: CONTRIBUTE,
    path: (f) => `/investigations/${f.investigationId}`,
    body: () => ({ expected: 'Flat' }),
    ifMatch: (f) => f.versions.investigation,
  },
  'POST /investigations/{id}/transitions': {
    expect: CONTRIBUTE,
    path: (f) => `/investigations/${f.investigationId}/transitions`,
    body: (f) => ({ to: 'investigating', investigatorId: f.users.contributor.id }),
    ifMatch: (f) => f.versions.investigation,
  },
  'GET /investigations/{id}/comments': { expect: USER, path: (f) => `/investigations/${f.investigationId}/comments` },
  'POST /investigations/{id}/comments': {
    expect: CONTRIBUTE,
    path: (f) => `/investigations/${f.investigationId}/comments`,
    body: () => ({ body: 'Checking the pipeline' }),
  },
  'GET /domains/{key}/oddity-rate': { expect: USER, path: (f) => `/domains/${f.key}/oddity-rate` },
  'GET /domains/{key}/confidence': { expect: USER, path: (f) => `/domains/${f.key}/confidence` },
  'GET /domains/{key}/review': { expect: USER, path: (f) => `/domains/${f.key}/review` },
  'GET /root-causes': { expect: USER, path: () => '/root-causes' },
  'POST /root-causes': {
    expect: ADMIN,
    path: () => '/root-causes',
    body: () => ({ key: 'vendor_outage', label: 'Vendor outage' }),
  },
  'PATCH /root-causes/{key}': {
    expect: ADMIN,
    path: () => '/root-causes/unknown',
    body: () => ({ label: 'Not known' }),
  },
  'GET /settings/triage-targets': { expect: USER, path: () => '/settings/triage-targets' },
  'PUT /settings/triage-targets': { expect: ADMIN, path: () => '/settings/triage-targets', body: () => ({ high: 2 }) },
  'GET /settings/severity-weights': { expect: USER, path: () => '/settings/severity-weights' },
  'PUT /settings/severity-weights': {
    expect: ADMIN,
    path: () => '/settings/severity-weights',
    body: () => ({ high: 3 }),
  },

  'GET /domains/{key}/follow': { expect: USER, path: (f) => `/domains/${f.key}/follow` },
  'PUT /domains/{key}/follow': { expect: USER, path: (f) => `/domains/${f.key}/follow` },
  'DELETE /domains/{key}/follow': { expect: USER, path: (f) => `/domains/${f.key}/follow` },
  'GET /artifacts/{id}/follow': { expect: USER, path: (f) => `/artifacts/${f.artifactId}/follow` },
  'PUT /artifacts/{id}/follow': { expect: USER, path: (f) => `/artifacts/${f.artifactId}/follow` },
  'DELETE /artifacts/{id}/follow': { expect: USER, path: (f) => `/artifacts/${f.artifactId}/follow` },
  'GET /inbox': { expect: USER, path: () => '/inbox' },
  'GET /inbox/unread-count': { expect: USER, path: () => '/inbox/unread-count' },
  'POST /inbox/read-all': { expect: USER, path: () => '/inbox/read-all' },
  'GET /me/notification-preferences': { expect: USER, path: () => '/me/notification-preferences' },
  'PUT /me/notification-preferences': {
    expect: USER,
    path: () => '/me/notification-preferences',
    body: () => ({ preferences: [{ kind: 'mentioned', channel: 'email_now' }] }),
  },
  // Someone else's notification is a 404 to everyone but its owner: allowed through auth.
  'POST /inbox/{id}/read': { expect: USER, path: (f) => `/inbox/${f.notificationId}/read` },

  'GET /webhooks': { expect: ADMIN, path: () => '/webhooks' },
  'POST /webhooks': {
    expect: ADMIN,
    path: () => '/webhooks',
    body: () => ({ url: 'https://hooks.example.test/cairn', eventTypes: ['assigned'] }),
  },
  'PATCH /webhooks/{id}': { expect: ADMIN, path: (f) => `/webhooks/${f.webhookId}`, body: () => ({ active: false }) },
  'DELETE /webhooks/{id}': { expect: ADMIN, path: (f) => `/webhooks/${f.webhookId}` },
  'GET /webhooks/{id}/deliveries': { expect: ADMIN, path: (f) => `/webhooks/${f.webhookId}/deliveries` },
  'POST /webhooks/deliveries/{id}/redeliver': {
    expect: ADMIN,
    path: (f) => `/webhooks/deliveries/${f.deliveryId}/redeliver`,
  },
  'GET /sources': { expect: ADMIN, path: () => '/sources' },
  'POST /sources': {
    expect: ADMIN,
    path: () => '/sources',
    body: () => ({ name: 'matrix files', kind: 'duckdb', path: '/nonexistent/matrix' }),
  },
  'GET /sources/{id}': { expect: ADMIN, path: (f) => `/sources/${f.sourceId}` },
  'PATCH /sources/{id}': { expect: ADMIN, path: (f) => `/sources/${f.sourceId}`, body: () => ({ rowLimit: 10 }) },
  'DELETE /sources/{id}': { expect: ADMIN, path: (f) => `/sources/${f.sourceId}` },
  'POST /sources/{id}/test': { expect: ADMIN, path: (f) => `/sources/${f.sourceId}/test` },
  'GET /artifacts/{id}/monitors': { expect: USER, path: (f) => `/artifacts/${f.artifactId}/monitors` },
  'POST /artifacts/{id}/monitors': {
    expect: LEAD,
    path: (f) => `/artifacts/${f.artifactId}/monitors`,
    body: (f) => ({ sourceId: f.sourceId, name: 'matrix monitor', sql: 'select 1 as ts, 2 as value', schedule: '0 6 * * *' }),
  },
  'GET /monitors/{id}': { expect: USER, path: (f) => `/monitors/${f.monitorId}` },
  'PATCH /monitors/{id}': { expect: LEAD, path: (f) => `/monitors/${f.monitorId}`, body: () => ({ sensitivity: 0.7 }) },
  'DELETE /monitors/{id}': { expect: LEAD, path: (f) => `/monitors/${f.monitorId}` },
  // the source's folder does not exist: the run fails, which is an answer (200), not an error
  'POST /monitors/{id}/run': { expect: LEAD, path: (f) => `/monitors/${f.monitorId}/run` },
  'GET /monitors/{id}/runs': { expect: USER, path: (f) => `/monitors/${f.monitorId}/runs` },
  'GET /monitors/{id}/observations': { expect: USER, path: (f) => `/monitors/${f.monitorId}/observations` },
  'POST /sources/{id}/query': { expect: ADMIN, path: (f) => `/sources/${f.sourceId}/query`, body: () => ({ sql: 'select 1' }) },
};

const operationIds = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);

/** The domain (in the weirdness phase), its people, one of each thing, and a few admin objects. */
async function buildFixture(
  c: TestContext,
): Promise<{ fixture: Fixture; auth: Record<ActorName, Record<string, string>> }> {
  const domain = await makeDomain(c, { key: 'SEC', stage: 'weirdness' });
  const other = await makeDomain(c, { key: 'OTHER', stage: 'specs' });
  const people: [Exclude<ActorName, 'anonymous'>, GlobalRole, DomainRole | null][] = [
    ['viewer', 'viewer', null],
    ['member', 'member', null],
    ['contributor', 'member', 'contributor'],
    ['ds_lead', 'member', 'ds_lead'],
    ['product_lead', 'member', 'product_lead'],
    ['sponsor', 'member', 'sponsor'],
    ['admin', 'admin', null],
    ['otherLead', 'member', null],
  ];
  const users = {} as Fixture['users'];
  const auth = { anonymous: {} } as Record<ActorName, Record<string, string>>;
  for (const [name, role, domainRole] of people) {
    const user = await makeUser(c.dataSource, { role, name: `Matrix ${name}` });
    if (domainRole) await addMember(c, domain, user, domainRole);
    users[name] = user;
    auth[name] = await authAs(c, user);
  }
  await addMember(c, other, users.otherLead as never, 'ds_lead', 'product_lead');
  const ticket = await makeTicketRow(c, domain);
  const artifact = await makeArtifactRow(c, domain);
  const investigation = await makeInvestigationRow(c, domain, { status: 'triaged' });
  // A second token of the contributor's, so revoking it does not sign them out of this test.
  const token = await c.dataSource.getRepository(ApiToken).save({
    userId: users.contributor.id,
    name: 'spare',
    prefix: 'cairn_spare_',
    tokenHash: 'f'.repeat(64),
  });
  const waiver = await c.dataSource.getRepository(Waiver).save({
    domainId: domain.id,
    phase: 'weirdness',
    criterion: 'investigations_triaged',
    reason: 'seeded',
    userId: users.admin.id,
  } as Partial<Waiver>);
  const webhook = await makeWebhook(c.dataSource);
  const delivery = await makeDelivery(c.dataSource, webhook.id, { status: 'failed' });
  const notification = await makeNotification(c.dataSource, users.contributor.id);
  const source = await c.dataSource
    .getRepository(DataSourceRecord)
    .save({ name: 'matrix source', kind: 'duckdb', path: '/nonexistent/matrix-source' } as Partial<DataSourceRecord>);
  const monitor = await c.dataSource.getRepository(Monitor).save({
    artifactId: artifact.id,
    sourceId: source.id,
    name: 'matrix monitor',
    sql: 'select 1 as ts, 2 as value',
    schedule: '0 6 * * *',
  } as Partial<Monitor>);
  return {
    auth,
    fixture: {
      key: domain.key,
      ticketKey: ticket.key,
      artifactId: artifact.id,
      investigationId: investigation.id,
      users,
      versions: {
        domain: domain.version,
        ticket: ticket.version,
        artifact: artifact.version,
        investigation: investigation.version,
      },
      tokenId: token.id,
      waiverId: waiver.id,
      webhookId: webhook.id,
      deliveryId: delivery.id,
      notificationId: notification.id,
      sourceId: source.id,
      monitorId: monitor.id,
    },
  };
}

describe('Authorization matrix', () => {
  it('has a row for every operation of the OpenAPI document, and no stale rows', () => {
    expect(operationIds.filter((id) => !TABLE[id])).toEqual([]);
    expect(Object.keys(TABLE).filter((id) => !operationIds.includes(id))).toEqual([]);
  });

  it.each(operationIds.filter((id) => TABLE[id]))('%s', async (id) => {
    const row = TABLE[id];
    const [method] = id.split(' ');
    const { fixture, auth } = await buildFixture(ctx);
    await row.prepare?.(fixture);
    // Callers expected to be refused go first: a refused request must change nothing, and an
    // allowed one (a delete, a hold) must not turn a later refusal into a 404 or 409.
    const order = [...ACTORS].sort((a, b) => Number(row.expect[a] === 'allow') - Number(row.expect[b] === 'allow'));
    const mismatches: string[] = [];
    for (const actor of order) {
      const expected = row.expect[actor];
      const verb = method.toLowerCase() as 'get';
      let req = request(ctx.app)[verb](`/api/v1${row.path(fixture)}`).set(auth[actor]);
      if (row.query) req = req.query(row.query);
      if (row.ifMatch) req = req.set('If-Match', String(row.ifMatch(fixture)));
      const res = row.body ? await req.send(row.body(fixture) as object) : await req;
      const ok = expected === 'allow' ? res.status !== 401 && res.status !== 403 : res.status === expected;
      if (!ok) mismatches.push(`${actor}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      expect(res.status).toBeLessThan(500);
    }
    expect(mismatches).toEqual([]);
  });
});
