/**
 * Query budgets of the hot endpoints (issue 7): every SQL statement the app sends to PostgreSQL
 * while serving one request is counted, first on a small organisation (3 domains), then after it
 * has grown (40 domains, ten times the tickets, investigations, members, sign-offs and audit
 * events). A count that grows with the data is an N+1; a count above 5 breaks the budget.
 *
 * Counted at the driver (pg's Client#query) and attributed to the request through
 * AsyncLocalStorage, so transaction control (START TRANSACTION, COMMIT) and
 * fire-and-forget statements (the token's last use) count too: each is a round trip to the
 * database. Timing is never asserted here; throughput and latency come from `npm run bench`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { Client } from 'pg';
import request from 'supertest';
import type { DomainStage } from '../../shared/api/enums';
import type { Domain } from '../../server/modules/domains/domain.entity';
import type { User } from '../../server/modules/users/user.entity';
import { addMember, makeArtifactRow, makeDomain, makeTicketRow } from '../factories/domains';
import { makeInvestigation, makeSignOff } from '../factories/investigations';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp, type TestContext } from '../setup/test-app';

const ctx = useTestApp();

const MAX_QUERIES = 5;
const STAGES: DomainStage[] = ['specs', 'scoping', 'handoff', 'weirdness', 'confidence', 'certified'];

interface World {
  auth: { Authorization: string };
  target: Domain;
  people: User[];
  domains: Domain[];
}

/** The hot endpoints of the benchmark; `path` gets the target domain's key. */
const ENDPOINTS: { name: string; path: (key: string) => string }[] = [
  { name: 'portfolio board', path: () => '/api/v1/domains' },
  { name: 'board column', path: () => '/api/v1/domains?stage=weirdness&sort=attention&limit=30' },
  { name: "domain's gate", path: (key) => `/api/v1/domains/${key}/gate` },
  { name: 'ticket list, filtered', path: (key) => `/api/v1/domains/${key}/tickets?status=open&priority=high` },
  { name: 'investigations, text search', path: () => '/api/v1/investigations?q=revenue' },
  { name: 'oddity rate', path: (key) => `/api/v1/domains/${key}/oddity-rate?weeks=12` },
  { name: 'audit list, filtered', path: () => '/api/v1/audit?action=ticket.create' },
  { name: 'portfolio insights', path: () => '/api/v1/insights' },
  { name: 'search, a common word', path: () => '/api/v1/search?q=revenue' },
  { name: 'search, a ticket key', path: (key) => `/api/v1/search?q=${key}-2` },
];

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function auditEvents(ctx: TestContext, world: World, count: number): Promise<void> {
  await ctx.dataSource.query(
    `INSERT INTO audit_event (at, actor_id, action, entity_type, entity_id, domain_id, after)
     SELECT now() - g * interval '1 hour', ($1::uuid[])[1 + g % cardinality($1::uuid[])], 'ticket.create', 'ticket', gen_random_uuid()::text,
            ($2::uuid[])[1 + g % cardinality($2::uuid[])], jsonb_build_object('title', 'Ticket ' || g)
     FROM generate_series(1, $3::int) g`,
    [world.people.map((p) => p.id), world.domains.map((d) => d.id), count],
  );
}

/** Rows of one domain: members, tickets (some open and high), investigations (some about revenue), a sign-off. */
async function fillDomain(ctx: TestContext, world: World, domain: Domain, size: number): Promise<void> {
  for (let i = 0; i < Math.min(size, 4); i++) {
    const person = world.people[(world.domains.length + i) % world.people.length];
    await addMember(ctx, domain, person, i === 0 ? 'ds_lead' : i === 1 ? 'product_lead' : 'contributor').catch(
      () => undefined,
    );
  }
  const phase = domain.stage === 'certified' ? 'confidence' : domain.stage;
  for (let i = 0; i < size; i++) {
    const assignee = world.people[i % world.people.length];
    await makeTicketRow(ctx, domain, {
      phase,
      status: i % 3 === 2 ? 'done' : 'open',
      priority: i % 2 ? 'high' : 'low',
      assigneeId: assignee.id,
      reporterId: assignee.id,
    });
  }
  for (let i = 0; i < Math.ceil(size / 2); i++) {
    const reporter = world.people[(i + 1) % world.people.length];
    const investigation = await makeInvestigation(ctx, domain, {
      title: i % 2 ? `Revenue differs between dashboards ${i}` : `Sessions spike at midnight ${i}`,
      reportedAt: daysAgo(i * 5),
      status: i % 3 ? 'triaged' : 'resolved',
      rootCause: i % 3 ? null : 'data_bug',
      resolution: i % 3 ? null : 'Fixed the revenue join',
      severity: i % 4 ? 'medium' : 'high',
      reporterId: reporter.id,
      investigatorId: world.people[i % world.people.length].id,
    });
    await makeTicketRow(ctx, domain, {
      phase,
      investigationId: investigation.id,
      title: `Fix for investigation ${investigation.id}`,
    });
  }
  await makeArtifactRow(ctx, domain, { type: 'metric', status: 'ready', name: `Revenue ${domain.key}` });
  await makeSignOff(ctx, domain, world.people[0]);
}

async function smallWorld(ctx: TestContext): Promise<World> {
  const { auth } = await signedIn(ctx, 'admin');
  const people = [];
  for (let i = 0; i < 4; i++) people.push(await makeUser(ctx.dataSource));
  const target = await makeDomain(ctx, { stage: 'weirdness' });
  const world: World = { auth, target, people, domains: [target] };
  await fillDomain(ctx, world, target, 3);
  for (const stage of ['specs', 'certified'] as const) {
    const domain = await makeDomain(ctx, { stage });
    world.domains.push(domain);
    await fillDomain(ctx, world, domain, 2);
  }
  await auditEvents(ctx, world, 5);
  return world;
}

/** Grows the small world to 40 domains, with ten times the rows on the target domain. */
async function grow(ctx: TestContext, world: World): Promise<void> {
  for (let i = 0; i < 12; i++) world.people.push(await makeUser(ctx.dataSource));
  await fillDomain(ctx, world, world.target, 30);
  while (world.domains.length < 40) {
    const domain = await makeDomain(ctx, { stage: STAGES[world.domains.length % STAGES.length] });
    world.domains.push(domain);
    await fillDomain(ctx, world, domain, 3);
  }
  await auditEvents(ctx, world, 120);
}

/**
 * Statements are attributed to the request that caused them, not to a time window: the server's
 * `request` event runs inside an AsyncLocalStorage scope holding that request's list, and the
 * driver appends to the list of the scope it is called from. A fire-and-forget statement of an
 * earlier request that lands late (the token's last use) is therefore never counted here.
 */
const requestScope = new AsyncLocalStorage<string[]>();
let nextRequestStatements: string[] | null = null;
const originalEmit = http.Server.prototype.emit;
const emit = originalEmit as (this: http.Server, ...args: unknown[]) => boolean;
const originalQuery = Client.prototype.query;

beforeAll(() => {
  http.Server.prototype.emit = function emitInScope(this: http.Server, event: string, ...args: unknown[]) {
    const list = event === 'request' ? nextRequestStatements : null;
    if (!list) return emit.call(this, event, ...args);
    return requestScope.run(list, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
  Client.prototype.query = function queryInScope(this: Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    requestScope.getStore()?.push(typeof config === 'string' ? config : (config?.text ?? '?'));
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
});

afterAll(() => {
  http.Server.prototype.emit = originalEmit;
  Client.prototype.query = originalQuery;
});

/** Every statement sent to PostgreSQL on behalf of one GET, its fire-and-forget tail included. */
async function statementsOf(ctx: TestContext, world: World, path: string): Promise<string[]> {
  // Warm-up: process-wide caches (settings, root causes) fill on the first call, as in production.
  nextRequestStatements = [];
  await request(ctx.app).get(path).set(world.auth).expect(200);
  const statements: string[] = [];
  nextRequestStatements = statements;
  try {
    await request(ctx.app).get(path).set(world.auth).expect(200);
  } finally {
    nextRequestStatements = null;
  }
  // Wait until the request has sent nothing for 500 ms (statements started after the response).
  for (let seen = -1, deadline = Date.now() + 10_000; statements.length !== seen && Date.now() < deadline;) {
    seen = statements.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The token's last-use stamp is written at most once a minute, not per request: not counted.
  return statements.filter((sql) => !/UPDATE "api_token" SET "last_used_at"/.test(sql));
}

const brief = (statements: string[]) =>
  statements.map((s) => s.replace(/\s+/g, ' ').trim().slice(0, 90)).join('\n    ');

describe('queries per request of the hot endpoints', () => {
  it.each(ENDPOINTS)('$name: constant in the data size and at most 5', async ({ path }) => {
    const world = await smallWorld(ctx);
    const url = path(world.target.key);
    const small = await statementsOf(ctx, world, url);
    await grow(ctx, world);
    const large = await statementsOf(ctx, world, url);

    const report = `${url}\n  small data (3 domains): ${small.length} statements\n    ${brief(small)}\n  larger data (40 domains): ${large.length} statements\n    ${brief(large)}`;
    if (large.length !== small.length)
      throw new Error(
        `The statement count grows with the data (${small.length} → ${large.length}): an N+1?\n${report}`,
      );
    if (large.length > MAX_QUERIES)
      throw new Error(`${large.length} statements per request, over the budget of ${MAX_QUERIES}\n${report}`);
  });
});
