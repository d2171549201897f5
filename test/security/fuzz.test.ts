import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import request from 'supertest';
import { createApp, type ResponseRecord } from '../../server/app';
import { openApiDocument } from '../../server/http/openapi/document';
import { OPERATIONS, type Operation } from '../../server/http/openapi/operations';
import { makeArtifactRow, makeDomain, makeInvestigationRow, makeTicketRow } from '../factories/domains';
import { makeNotification } from '../factories/inbox';
import { authAs, makeUser } from '../factories/users';
import { makeDelivery, makeWebhook } from '../factories/webhooks';
import { contractViolations } from '../setup/contract';
import { useTestApp } from '../setup/test-app';

/**
 * Hostile input against every operation of the OpenAPI document: wrong types, huge and unicode
 * strings, nulls, extra and missing fields, out-of-range numbers, SQL/HTML payloads, traversal and
 * malformed ids — as bodies, query strings and path parameters. No response may be a 5xx, and a
 * rejected request (4xx) must leave the audit log and the main tables exactly as they were.
 *
 * CI: FUZZ_RUNS defaults to 5,000 with a fixed seed. Larger: `FUZZ_RUNS=50000 FUZZ_SEED=7 npm test -- test/security/fuzz.test.ts`.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const ctx = useTestApp();

type Schema = { type?: string | string[]; enum?: unknown[]; format?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string };

// ---- generators ---------------------------------------------------------------------------

const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE audit_event; --",
  '1 UNION SELECT password_hash FROM "user"--',
  "admin'--",
  '"; SELECT pg_sleep(5); --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000',
  'nul\u0000byte',
  '\uD800',
  '\u202Egnp.exe',
  '𝕮𝖆𝖎𝖗𝖓 🪨🪨🪨',
  'Ω≈ç√∫˜µ≤≥÷',
  '   ',
  '',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  '2026-13-45',
  '2026-02-30T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'RET-0',
  'RET-99999999999999999999',
  '__proto__',
  'constructor',
  '{"$gt":""}',
  '${7*7}',
  '{{7*7}}',
  '%s%s%s%n',
];

/** Text PostgreSQL cannot store (NUL) or that is no Unicode (a lone surrogate), inside ordinary text. */
const unstorableString = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'), fc.string({ maxLength: 12 }))
  .map(([head, bad, tail]) => `${head}${bad}${tail}`);

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 2, arbitrary: unstorableString },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(300), 'é'.repeat(5_000), 'a'.repeat(200_000)) },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1.5, -1e9, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'id', 'role')), tie('value'), {
      maxKeys: 4,
    }),
  ),
}));

/** A value the schema would accept, so that hostile fields sit next to plausible ones. */
function plausible(schema: Schema | undefined, ids: string[]): fc.Arbitrary<unknown> {
  if (!schema) return hostileValue;
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: -5, max: 400 });
    case 'number':
      return fc.double({ min: -5, max: 400, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(schema.items, ids), { maxLength: 3 });
    default:
      return schema.format === 'uuid' || /id$/i.test(String(schema.format))
        ? fc.constantFrom(...ids)
        : fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...ids) },
            { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
            { weight: 1, arbitrary: unstorableString },
          );
  }
}

/** An object over the DTO's fields: each absent, plausible or hostile, plus extra keys. */
function objectFor(schema: Schema | undefined, ids: string[]): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema?.properties ?? {};
  const fields = Object.fromEntries(
    Object.entries(properties).map(([name, prop]) => [
      name,
      fc.option(fc.oneof({ weight: 2, arbitrary: plausible(prop, ids) }, { weight: 3, arbitrary: hostileValue }), {
        nil: undefined,
        freq: 3,
      }),
    ]),
  );
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'isAdmin', 'role', 'version')), hostileValue, {
        maxKeys: 2,
      }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }) as Record<string, unknown>);
}

interface Case {
  op: Operation;
  path: string;
  anonymous: boolean;
  query: Record<string, unknown>;
  /** JSON value to send, or raw text (malformed JSON) */
  body: { json: unknown } | { raw: string } | null;
  ifMatch: string | null;
}

/** Percent-encodes a path segment; a lone surrogate becomes its (invalid) UTF-8 bytes, on purpose. */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

function caseArbitrary(op: Operation, fixture: Record<string, string[]>, schemas: Record<string, Schema>): fc.Arbitrary<Case> {
  const ids = Object.values(fixture).flat();
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const paramArbs = params.map((name) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...(fixture[`${op.path}:${name}`] ?? fixture[name] ?? ids)).map(encodeSegment) },
      { weight: 3, arbitrary: hostileString.map((s) => encodeSegment(s.slice(0, 2000))) },
      { weight: 1, arbitrary: fc.constantFrom('..', '..%2F..', '%2e%2e', '%', '%ZZ', '%C0%AF', '.', ' ', '%20', '-1', '0', '1e3') },
    ),
  );
  const bodySchema = op.body ? schemas[op.body.name] : undefined;
  const querySchema = op.query ? schemas[op.query.name] : undefined;
  const body = fc.oneof(
    { weight: 6, arbitrary: objectFor(bodySchema, ids).map((json) => ({ json })) },
    { weight: 2, arbitrary: hostileValue.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', "{'a':1}").map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc.record({
    op: fc.constant(op),
    path: fc.tuple(...paramArbs).map((values) => {
      let i = 0;
      return op.path.replace(/\{\w+\}/g, () => values[i++]);
    }),
    anonymous: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))).chain((b) => (b ? fc.boolean() : fc.constant(false))),
    query: objectFor(querySchema, ids),
    body: op.method === 'get' || op.method === 'delete' ? fc.oneof(fc.constant(null), body) : body,
    ifMatch: fc.oneof(fc.constant(null), fc.constantFrom('1', '0', '-1', '"1"', 'W/"1"', '*', '1e3', '99999999999999999999'), hostileString),
  });
}

// ---- the run ------------------------------------------------------------------------------

const COUNTED = [
  'audit_event',
  '"user"',
  'api_token',
  'domain',
  'domain_member',
  'ticket',
  'comment',
  'artifact',
  'caveat',
  'investigation',
  'sign_off',
  'waiver',
  'webhook',
  'webhook_delivery',
  'notification',
  'setting',
  'root_cause',
];
const VERSIONED = ['domain', 'ticket', 'artifact', 'investigation'];

async function fingerprint(): Promise<string> {
  const counts = COUNTED.map((t) => `(SELECT count(*) FROM ${t})`);
  const versions = VERSIONED.map((t) => `(SELECT coalesce(sum(version), 0) FROM ${t})`);
  const rows = (await ctx.dataSource.query(`SELECT ${[...counts, ...versions].join(', ')} AS x`)) as unknown[];
  return JSON.stringify(rows);
}

/** One row of each kind that a path parameter can name, and an admin to call every operation. */
async function makeFixture() {
  const admin = await makeUser(ctx.dataSource, { role: 'admin' });
  const adminAuth = await authAs(ctx, admin);
  const member = await makeUser(ctx.dataSource, { role: 'member' });
  const domain = await makeDomain(ctx, { key: 'FUZZ', stage: 'weirdness' });
  await ctx.dataSource.query(`INSERT INTO domain_member (domain_id, user_id, role) VALUES ($1, $2, 'ds_lead')`, [domain.id, member.id]);
  const ticket = await makeTicketRow(ctx, domain);
  const artifact = await makeArtifactRow(ctx, domain);
  const investigation = await makeInvestigationRow(ctx, domain);
  const webhook = await makeWebhook(ctx.dataSource);
  const delivery = await makeDelivery(ctx.dataSource, webhook.id);
  const notification = await makeNotification(ctx.dataSource, admin.id);
  const fixture: Record<string, string[]> = {
    key: [domain.key, domain.key.toLowerCase()],
    ticketKey: [ticket.key],
    userId: [member.id],
    '/users/{id}:id': [member.id],
    '/artifacts/{id}:id': [artifact.id],
    '/artifacts/{id}/caveats:id': [artifact.id],
    '/investigations/{id}:id': [String(investigation.id)],
    '/investigations/{id}/transitions:id': [String(investigation.id)],
    '/investigations/{id}/comments:id': [String(investigation.id)],
    '/webhooks/{id}:id': [webhook.id],
    '/webhooks/{id}/deliveries:id': [webhook.id],
    '/webhooks/deliveries/{id}/redeliver:id': [delivery.id],
    '/inbox/{id}/read:id': [notification.id],
    '/root-causes/{key}:key': ['unknown', 'data_bug'],
    ids: [member.id, artifact.id, String(investigation.id), ticket.key, domain.key],
  };
  return { admin, adminAuth, fixture };
}

describe('Fuzzing every operation', () => {
  it('answers the inputs that were 500s with 400 problem+json (found by this fuzzer)', async () => {
    const auth = await authAs(ctx, await makeUser(ctx.dataSource, { role: 'admin' }));
    for (const path of ['/api/v1/investigations/%ZZ', '/api/v1/domains/%C0%AF/gate', '/api/v1/tickets/%']) {
      const res = await request(ctx.app).get(path).set(auth);
      expect([res.status, res.type]).toEqual([400, 'application/problem+json']);
    }
    const nested = await request(ctx.app)
      .post('/api/v1/tokens')
      .set(auth)
      .send({ name: 'x', expiresInDays: { constructor: true } });
    expect([nested.status, nested.body.code]).toEqual([400, 'validation_failed']);
    const top = await request(ctx.app).put('/api/v1/settings/thresholds').set(auth).send({ a: { constructor: {} } });
    expect(top.status).toBe(400);
    // Found with FUZZ_SEED=99: an explicit null for a NOT NULL column reached the database.
    const other = await makeUser(ctx.dataSource, { role: 'member' });
    const nullRole = await request(ctx.app).patch(`/api/v1/users/${other.id}`).set(auth).send({ role: null });
    expect([nullRole.status, nullRole.body.code]).toEqual([400, 'validation_failed']);
    const [row] = await ctx.dataSource.query(`SELECT role FROM "user" WHERE id = $1`, [other.id]);
    expect(row.role).toBe('member');
  });

  it(`answers ${RUNS} hostile requests without a 5xx and changes nothing when it refuses`, async () => {
    const errors: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        errors.push(String(chunk));
        done();
      },
    });
    const records: ResponseRecord[] = [];
    // Our own app over the same deps, with a logger that keeps the stack of any 500.
    const app = createApp(ctx.deps, { logger: pino({ level: 'error' }, logStream), onResponse: (r) => records.push(r) });

    const { adminAuth, fixture } = await makeFixture();
    const schemas = (openApiDocument() as { components: { schemas: Record<string, Schema> } }).components.schemas;

    // Operations in turn, each with its own seeded stream, so every one gets its share.
    const perOp = Math.ceil(RUNS / OPERATIONS.length);
    const streams = OPERATIONS.map((op, i) =>
      fc.sample(caseArbitrary(op, fixture, schemas), { seed: SEED + i, numRuns: perOp }),
    );
    const cases: Case[] = [];
    for (let n = 0; n < perOp && cases.length < RUNS; n++) {
      for (const stream of streams) if (cases.length < RUNS) cases.push(stream[n]);
    }

    const failures: string[] = [];
    const statusCounts: Record<string, number> = {};
    // The database is fingerprinted after every write request (a refused one must leave it as it
    // was) and after each batch of reads (which must never change it), to keep the run fast.
    let baseline = await fingerprint();
    let refused: string[] = [];
    const checkRefused = async () => {
      if (!refused.length) return;
      const now = await fingerprint();
      if (now !== baseline) failures.push(`one of these reads changed the database:\n    ${refused.join('\n    ')}`);
      baseline = now;
      refused = [];
    };
    for (const c of cases) {
      if (c.op.method !== 'get') await checkRefused();
      const url = `/api/v1${c.path}`;
      const describe = (status: number | string) =>
        `${c.op.method.toUpperCase()} ${url.slice(0, 300)}${c.anonymous ? ' (anonymous)' : ''} query=${JSON.stringify(c.query).slice(0, 300)} body=${JSON.stringify(c.body).slice(0, 300)} → ${status}`;
      let req = request(app)[c.op.method](url);
      if (!c.anonymous) req = req.set(adminAuth);
      if (Object.keys(c.query).length) req = req.query(c.query as Record<string, string>);
      if (c.ifMatch !== null) req = req.set('If-Match', c.ifMatch.slice(0, 2000).replace(/[^\t\x20-\x7e]/g, '?'));
      if (c.body) {
        req = req.set('Content-Type', 'application/json');
        req = req.send('raw' in c.body ? c.body.raw : JSON.stringify(c.body.json));
      }
      const errorsBefore = errors.length;
      const res = await req.ok(() => true);
      statusCounts[res.status] = (statusCounts[res.status] ?? 0) + 1;
      if (res.status >= 500) {
        failures.push(`${describe(res.status)}\n    ${errors.slice(errorsBefore).join('\n    ').slice(0, 2000)}`);
      }
      if (c.op.method === 'get') {
        // Reads change nothing whatever their status: checked in batches.
        refused.push(describe(res.status));
        if (refused.length >= 25) await checkRefused();
      } else {
        const after = await fingerprint();
        if (res.status >= 400 && after !== baseline) failures.push(`${describe(res.status)}: a refused request changed the database`);
        baseline = after;
      }
      if (failures.length > 20) break;
    }
    await checkRefused();
    // An empty path segment (`/tickets//comments`) is no instance of any documented route.
    const contract = contractViolations(records.filter((r) => !/\/\/|\/$/.test(r.path)));
    console.log(
      `fuzz: ${cases.length} requests over ${OPERATIONS.length} operations (seed ${SEED}); statuses ${JSON.stringify(statusCounts)}`,
    );
    expect(failures).toEqual([]);
    expect(contract).toEqual([]);
  }, 900_000);
});

// ---- text PostgreSQL cannot store -----------------------------------------------------------

/** NUL is refused by PostgreSQL's text and jsonb (SQLSTATE 22021, 22P05); a lone surrogate is no Unicode at all. */
const UNSTORABLE: [label: string, text: string][] = [
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', '\uDC00'],
];

/** The string fields of a DTO's schema: the ones an attacker can put such text into. */
function stringFields(schema: Schema | undefined): { name: string; array: boolean }[] {
  return Object.entries(schema?.properties ?? {}).flatMap(([name, prop]) => {
    const types = ([] as (string | undefined)[]).concat(prop.type);
    if (types.includes('string')) return [{ name, array: false as boolean }];
    if (types.includes('array') && prop.items?.type === 'string') return [{ name, array: true }];
    return [];
  });
}

function fillPath(path: string, fixture: Record<string, string[]>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((fixture[`${path}:${name}`] ?? fixture[name] ?? fixture.ids)[0]));
}

describe('Text PostgreSQL cannot store (NUL, lone surrogates)', () => {
  it('is a 400 naming the field in every string field of every body and query, and changes nothing', async () => {
    const { adminAuth, fixture } = await makeFixture();
    const schemas = (openApiDocument() as { components: { schemas: Record<string, Schema> } }).components.schemas;
    const wrong: string[] = [];
    let fields = 0;
    const before = await fingerprint();
    for (const op of OPERATIONS) {
      const url = `/api/v1${fillPath(op.path, fixture)}`;
      const cases: { where: 'body' | 'query'; field: string; label: string; value: unknown }[] = [];
      for (const { name, array } of stringFields(op.body && schemas[op.body.name])) {
        for (const [label, text] of UNSTORABLE) cases.push({ where: 'body', field: name, label, value: array ? ['ok', text] : text });
      }
      // A query string is percent-decoded as UTF-8, so only NUL reaches a query field intact.
      for (const { name, array } of stringFields(op.query && schemas[op.query.name])) {
        cases.push({ where: 'query', field: name, label: 'NUL', value: array ? ['ok', 'a\u0000b'] : 'a\u0000b' });
      }
      for (const c of cases) {
        fields++;
        let req = request(ctx.app)[op.method](url).set(adminAuth);
        if (op.ifMatch) req = req.set('If-Match', '1');
        if (c.where === 'query') req = req.query({ [c.field]: c.value });
        else req = req.set('Content-Type', 'application/json').send(JSON.stringify({ [c.field]: c.value }));
        const res = await req.ok(() => true);
        const named = (res.body?.errors ?? []).some((e: { field: string }) => e.field === c.field || e.field.startsWith(`${c.field}.`));
        if (res.status !== 400 || res.type !== 'application/problem+json' || !named) {
          wrong.push(`${op.method.toUpperCase()} ${op.path} ${c.where}.${c.field} (${c.label}) → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(fields).toBeGreaterThan(100);
    expect(await fingerprint()).toBe(before);
  });

  it('is a 400 where it reached the database before: anonymous login, a valid ticket, a search, a token, a cursor', async () => {
    const { adminAuth, fixture } = await makeFixture();
    const before = await fingerprint();
    const key = fixture.key[0];
    const login = await request(ctx.app).post('/api/v1/auth/login').send({ email: 'a\u0000b@x.test', password: 'whatever it is' });
    const ticket = await request(ctx.app).post(`/api/v1/domains/${key}/tickets`).set(adminAuth).send({ kind: 'task', title: 'a\u0000b' });
    const nested = await request(ctx.app)
      .post(`/api/v1/domains/${key}/artifacts`)
      .set(adminAuth)
      .send({ type: 'dataset', name: 'events', details: { grain: 'one row per \u0000 event' } });
    const search = await request(ctx.app).get(`/api/v1/domains/${key}/tickets`).query({ q: 'a\u0000b' }).set(adminAuth);
    const token = await request(ctx.app).post('/api/v1/tokens').set(adminAuth).send({ name: 'ci\u0000' });
    const cursor = Buffer.from(JSON.stringify(['a\u0000b', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    const page = await request(ctx.app).get('/api/v1/users').query({ cursor }).set(adminAuth);
    const answers = [login, ticket, nested, search, token, page].map((res) => [res.status, res.type, res.body.errors?.[0]?.field]);
    expect(answers).toEqual([
      [400, 'application/problem+json', 'email'],
      [400, 'application/problem+json', 'title'],
      [400, 'application/problem+json', 'details.grain'],
      [400, 'application/problem+json', 'q'],
      [400, 'application/problem+json', 'name'],
      [400, 'application/problem+json', 'cursor'],
    ]);
    expect(await fingerprint()).toBe(before);
  });
});
