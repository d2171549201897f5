#!/usr/bin/env node
/**
 * Builds a large organisation on the configured database (DATABASE_URL, or the embedded one in
 * CAIRN_DATA_DIR) for the benchmark: at --scale 1, 1,000 domains across every stage, 5,000 users,
 * 100,000 tickets, 30,000 investigations and 1,000,000 audit events, plus the members, artifacts,
 * sign-offs and comments that make the gate and board read like a real company's. --scale 10 is
 * ten times that; fractional scales (0.1) are for development.
 *
 * Rows are made by PostgreSQL itself (INSERT … SELECT FROM generate_series) in a few big statements
 * per table, on one connection, so the only thing that crosses the wire is the SQL.
 *
 *   npm run seed:scale -- --scale 1 [--reset]
 *
 * --reset drops the public schema first (audit_event refuses TRUNCATE and DELETE by design, so a
 * scratch database is rebuilt rather than emptied). Without it the database must hold no domains.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { loadConfig } = require('../dist/server/config.js');
const { openDatabase } = require('../dist/server/db/database.js');
const { migrate } = require('../dist/server/db/data-source.js');
const { refitAllDomains } = require('../dist/server/modules/confidence/confidence.service.js');

/** The well-known admin the benchmark signs in as (its token is made by bench/run.mjs). */
export const BENCH_ADMIN_EMAIL = 'bench-admin@scale.cairn.test';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    reset: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
  },
});
const scale = Number(args.scale);
if (!Number.isFinite(scale) || scale <= 0) {
  console.error(`--scale must be a positive number, got ${args.scale}`);
  process.exit(2);
}

const counts = {
  users: Math.round(5_000 * scale),
  domains: Math.max(3, Math.round(1_000 * scale)),
  tickets: Math.round(100_000 * scale),
  investigations: Math.round(30_000 * scale),
  auditEvents: Math.round(1_000_000 * scale),
  commentsPerTicket: 0.5,
  artifactsPerDomain: 10,
};

/** A small seeded PRNG (mulberry32) so the same --seed gives the same organisation. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(args.seed));

/**
 * Splits `total` over `n` buckets with a long tail: most domains are small, a few are huge, as in
 * a real company (the benchmark must not only see the average domain).
 */
function skewedSplit(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((w / sum) * total));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]++;
  return parts;
}

// ---------------------------------------------------------------- progress bar (stderr)

const steps = [];
let doneWeight = 0;
const started = performance.now();
const tty = process.stderr.isTTY;
let lastDraw = 0;

function draw(label, force = false) {
  const now = performance.now();
  if (!force && now - lastDraw < 200) return;
  lastDraw = now;
  const total = steps.reduce((a, s) => a + s.weight, 0);
  const ratio = total ? doneWeight / total : 0;
  const width = 30;
  const filled = Math.round(ratio * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const secs = ((now - started) / 1000).toFixed(1);
  const line = `seed:scale ${bar} ${(ratio * 100).toFixed(0).padStart(3)}%  ${secs.padStart(6)}s  ${label}`;
  if (tty) process.stderr.write(`\r\x1b[2K${line}`);
  else process.stderr.write(`${line}\n`);
}

/** Registers a step with a weight (roughly, its row count) so the bar moves in proportion to work. */
function step(label, weight, run) {
  steps.push({ label, weight, run });
}

async function runSteps() {
  for (const s of steps) {
    draw(s.label, true);
    const t0 = performance.now();
    await s.run();
    s.ms = performance.now() - t0;
    doneWeight += s.weight;
    draw(s.label, true);
  }
  if (tty) process.stderr.write('\n');
}

// ---------------------------------------------------------------- vocabulary

const WORDS = [
  'revenue',
  'orders',
  'sessions',
  'signups',
  'churn',
  'refunds',
  'margin',
  'active users',
  'conversion',
  'retention',
  'shipments',
  'invoices',
  'payouts',
  'ad spend',
  'inventory',
  'support tickets',
];
const ODDITIES = [
  'drops on Mondays',
  'doubles after the release',
  'is negative for some accounts',
  'differs between the dashboard and the warehouse',
  'spikes at midnight UTC',
  'is missing for one region',
  'does not add up to the total',
  'jumps when the currency changes',
  'lags the source by two days',
  'counts test accounts',
];
const REGIONS = [
  'in EU',
  'in the US',
  'in APAC',
  'for enterprise customers',
  'on mobile',
  'for the new plan',
  'since the migration',
  'in the weekly report',
];
const TICKET_VERBS = [
  'Define',
  'Check',
  'Document',
  'Reconcile',
  'Backfill',
  'Agree on',
  'Interview owners about',
  'Explore',
  'Curate a dataset for',
  'Write an example analysis of',
];
const DOMAIN_AREAS = [
  'Revenue',
  'Orders',
  'Billing',
  'Growth',
  'Retention',
  'Support',
  'Marketing',
  'Logistics',
  'Payments',
  'Catalog',
  'Pricing',
  'Identity',
  'Risk',
  'Supply',
  'Finance',
  'Search',
];
const KEY_PREFIX = [
  'REV',
  'ORD',
  'BIL',
  'GRO',
  'RET',
  'SUP',
  'MKT',
  'LOG',
  'PAY',
  'CAT',
  'PRC',
  'IDN',
  'RSK',
  'SPL',
  'FIN',
  'SRC',
];
const sqlArray = (list) => `ARRAY[${list.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Picks element i (0-based, any integer expression) of a SQL text array literal. */
const pick = (list, expr) => `(${sqlArray(list)})[(1 + ((${expr})::bigint % ${list.length}))::int]`;

// ---------------------------------------------------------------- the data

const STAGES = ['specs', 'scoping', 'handoff', 'weirdness', 'confidence', 'certified'];
const STAGE_SHARE = [0.18, 0.18, 0.16, 0.16, 0.12, 0.2];
const PHASES = STAGES.slice(0, 5);

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const ds = database.dataSource;
  const runner = ds.createQueryRunner();
  await runner.connect();
  const q = (sql, params) => runner.query(sql, params);

  try {
    if (args.reset) {
      await q('DROP SCHEMA public CASCADE');
      await q('CREATE SCHEMA public');
    }
    await migrate(ds);
    const [{ n: existing }] = await q('SELECT count(*)::int AS n FROM "domain"');
    if (existing > 0) {
      throw new Error(
        `the database already holds ${existing} domains; use a scratch database or --reset (drops the public schema)`,
      );
    }
    await q(`SELECT setseed(${(Number(args.seed) % 1000) / 1000})`);
    // Bulk loading: the rows are rebuilt on failure anyway, so a crash-safe commit is not needed.
    await q('SET synchronous_commit = off').catch(() => undefined);
    await q(`SET work_mem = '64MB'`).catch(() => undefined);
    await q(`SET maintenance_work_mem = '256MB'`).catch(() => undefined);

    // Plan per-domain sizes in JS (a handful of numbers), generate rows in SQL.
    const nd = counts.domains;
    const stageOf = [];
    for (let i = 0; i < nd; i++) {
      let r = random();
      let s = 0;
      while (s < STAGE_SHARE.length - 1 && r >= STAGE_SHARE[s]) r -= STAGE_SHARE[s++];
      stageOf.push(s);
    }
    const ticketWeights = stageOf.map((s) => (0.3 + random() ** 4 * 12) * (1 + s * 0.3));
    const ticketCounts = skewedSplit(counts.tickets, ticketWeights);
    // Investigations belong to domains that product explores: mostly weirdness and beyond.
    const invWeights = stageOf.map((s) => (s >= 3 ? 4 : s === 2 ? 1 : 0.1) * (0.3 + random() ** 3 * 6));
    const invCounts = skewedSplit(counts.investigations, invWeights);

    // Bulk loading: secondary indexes of the big tables are dropped and rebuilt from their own
    // definitions (pg_indexes) once the rows are in; a sort-built index is many times cheaper than
    // one row at a time. Indexes that back constraints (primary keys) stay.
    const BIG_TABLES = ['audit_event', 'ticket', 'investigation', 'comment'];
    const droppedIndexes = [];
    step('drop secondary indexes', 1, async () => {
      const rows = await q(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
        [BIG_TABLES],
      );
      for (const row of rows) {
        await q(`DROP INDEX "${row.indexname}"`);
        droppedIndexes.push(row);
      }
    });

    const nu = counts.users;
    step('users', nu, async () => {
      await q(
        `INSERT INTO "user" (email, name, password_hash, role, active, created_at, updated_at)
         SELECT CASE WHEN g = 1 THEN $1 ELSE 'user' || g || '@scale.cairn.test' END,
                CASE WHEN g = 1 THEN 'Bench Admin' ELSE ${pick(['Ada', 'Bo', 'Chen', 'Dana', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ines', 'Jun', 'Kofi', 'Lena'], 'g')} || ' ' ||
                  ${pick(['Okafor', 'Schmidt', 'Tanaka', 'Silva', 'Novak', 'Haddad', 'Kowalski', 'Nguyen', 'Larsen', 'Moreau', 'Rossi'], 'g / 12')} || ' ' || g END,
                $2,
                CASE WHEN g <= 1 + $3 / 500 THEN 'admin' WHEN g % 10 = 0 THEN 'viewer' ELSE 'member' END,
                g % 50 <> 7,
                now() - interval '3 years' * random(), now() - interval '30 days' * random()
         FROM generate_series(1, $3) g`,
        [BENCH_ADMIN_EMAIL, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64'), nu],
      );
      // An ordinal per user, so rows below pick people by arithmetic rather than by random joins.
      await q(
        `CREATE TEMP TABLE scale_user AS SELECT row_number() OVER (ORDER BY created_at, id)::int AS ord, id FROM "user" WHERE active AND role <> 'viewer'`,
      );
      await q('CREATE UNIQUE INDEX ON scale_user (ord)');
      await q('ANALYZE scale_user');
    });

    step('domains', nd, async () => {
      await q(
        `INSERT INTO "domain" (key, name, description, stage, phase_entered_at, last_activity_at, held, hold_reason,
                               at_risk, at_risk_reason, auto_advance, ticket_seq, gate_round, version, created_at, updated_at)
         SELECT ${pick(KEY_PREFIX, 'g')} || g,
                ${pick(DOMAIN_AREAS, 'g')} || ' ' ||
                  ${pick(['core', 'events', 'daily', 'ledger', 'funnel', 'accounts', 'forecast', 'quality', 'partners', 'web'], 'g / 16')} || ' ' || g,
                'How ' || lower(${pick(DOMAIN_AREAS, 'g')}) || ' is measured, who relies on it, and what we learned.',
                (${sqlArray(STAGES)})[1 + s.stage],
                c.created + (now() - c.created) * (0.5 + random() / 2),
                now() - interval '40 days' * random() ^ 2,
                g % 37 = 0, CASE WHEN g % 37 = 0 THEN 'Waiting for the warehouse migration' END,
                s.stage = 5 AND g % 19 = 0, CASE WHEN s.stage = 5 AND g % 19 = 0 THEN 'Oddity rate rising' END,
                g % 5 = 0, s.tickets, 1 + (g % 7 = 0)::int, 1 + (g % 9), c.created, now() - interval '20 days' * random()
         FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS s(stage, tickets, g)
         CROSS JOIN LATERAL (SELECT now() - interval '3 years' * (0.1 + 0.9 * random() + 0 * g) AS created) c`,
        [stageOf, ticketCounts],
      );
      await q(
        `CREATE TEMP TABLE scale_domain AS
         SELECT row_number() OVER (ORDER BY d.created_at, d.id)::int AS ord, d.id, d.key, d.created_at, d.ticket_seq,
                array_position(${sqlArray(STAGES)}, d.stage::text) - 1 AS stage_idx, 0 AS inv_count
         FROM "domain" d`,
      );
      await q(
        // The plan is indexed by insertion order, which the key's number carries (REV17 → 17).
        `UPDATE scale_domain sd SET inv_count = i.n FROM unnest($1::int[]) WITH ORDINALITY AS i(n, g)
         WHERE substring(sd.key from '[0-9]+$')::int = i.g`,
        [invCounts],
      );
      await q('CREATE UNIQUE INDEX ON scale_domain (ord)');
      await q('ANALYZE scale_domain');
      // Four to six people per domain: a data science lead, a product lead, often a sponsor, contributors.
      const members = await q(`SELECT count(*)::int AS n FROM scale_user`);
      const nm = members[0].n;
      await q(
        `INSERT INTO domain_member (domain_id, user_id, role, created_at)
         SELECT DISTINCT ON (d.id, u.id, r.role) d.id, u.id, r.role, d.created_at
         FROM scale_domain d
         CROSS JOIN (VALUES (0, 'ds_lead'), (1, 'product_lead'), (2, 'sponsor'), (3, 'contributor'), (4, 'contributor'), (5, 'contributor')) r(k, role)
         JOIN scale_user u ON u.ord = 1 + ((d.ord * 7 + r.k * 613) % $1)
         WHERE r.k < 2 OR (r.k = 2 AND d.ord % 3 <> 0) OR (r.k >= 3 AND r.k < 3 + d.ord % 4)`,
        [nm],
      );
      await q(
        `CREATE TEMP TABLE scale_member AS
         SELECT m.domain_id, array_agg(m.user_id ORDER BY m.role, m.user_id) AS people,
                (array_agg(m.user_id) FILTER (WHERE m.role = 'ds_lead'))[1] AS ds_lead,
                (array_agg(m.user_id) FILTER (WHERE m.role = 'product_lead'))[1] AS product_lead
         FROM domain_member m GROUP BY m.domain_id`,
      );
      await q('CREATE UNIQUE INDEX ON scale_member (domain_id)');
      await q('ANALYZE scale_member');
    });

    step('artifacts', nd * counts.artifactsPerDomain, async () => {
      await q(
        `INSERT INTO artifact (domain_id, type, name, status, description, details, owner_id, version, created_at, updated_at)
         SELECT d.id, t.type, initcap(${pick(WORDS, 'd.ord + a')}) || ' ' || t.type || ' ' || a,
                CASE WHEN d.stage_idx >= 2 OR a % 3 = 0 THEN (CASE WHEN a = 9 THEN 'deprecated' ELSE 'ready' END) ELSE 'draft' END,
                'Curated during scoping.', jsonb_build_object('definition', 'Sum over the day, in EUR', 'grain', 'day'),
                m.people[1 + (a % cardinality(m.people))], 1 + a % 3, d.created_at + interval '10 days' * a, now() - interval '60 days' * random()
         FROM scale_domain d
         JOIN scale_member m ON m.domain_id = d.id
         CROSS JOIN generate_series(0, ${counts.artifactsPerDomain - 1}) a
         CROSS JOIN LATERAL (SELECT CASE WHEN a < 3 THEN 'metric' WHEN a < 6 THEN 'dataset' ELSE 'analysis' END AS type) t`,
      );
    });

    // Tickets: numbers 1..ticket_seq per domain, keys <KEY>-<n>; in a few big slices of domains.
    const slices = Math.max(1, Math.min(10, Math.ceil(counts.tickets / 50_000)));
    for (let s = 0; s < slices; s++) {
      step(`tickets ${s + 1}/${slices}`, counts.tickets / slices, async () => {
        await q(
          `INSERT INTO ticket (domain_id, number, key, kind, title, body, phase, status, priority, assignee_id, reporter_id,
                               due_date, labels, artifact_ids, version, created_at, updated_at)
           SELECT d.id, n, d.key || '-' || n, ${pick(['problem', 'concern', 'stakeholder', 'exploration', 'request', 'session', 'data_collection', 'task'], 'n * 7 + d.ord')},
                  ${pick(TICKET_VERBS, 'n + d.ord')} || ' ' || ${pick(WORDS, 'n / 3 + d.ord')} || ' ' || ${pick(REGIONS, 'n / 7')},
                  'Raised while working through the ' || p.phase || ' phase.',
                  p.phase,
                  CASE WHEN p.idx < d.stage_idx THEN (CASE WHEN r.x < 0.85 THEN 'done' ELSE 'wont_do' END)
                       WHEN r.x < 0.40 THEN 'open' WHEN r.x < 0.65 THEN 'in_progress' WHEN r.x < 0.75 THEN 'blocked'
                       WHEN r.x < 0.95 THEN 'done' ELSE 'wont_do' END,
                  CASE WHEN r.y < 0.3 THEN 'low' WHEN r.y < 0.7 THEN 'medium' WHEN r.y < 0.9 THEN 'high' ELSE 'critical' END,
                  CASE WHEN r.y * 10 - floor(r.y * 10) < 0.85 THEN m.people[1 + (n % cardinality(m.people))] END,
                  m.people[1 + ((n + 1) % cardinality(m.people))],
                  CASE WHEN n % 4 = 0 THEN (now() + interval '60 days' * (random() - 0.3))::date END,
                  CASE WHEN n % 3 = 0 THEN ARRAY[${pick(['finance', 'ux', 'pipeline', 'definitions', 'quick-win'], 'n / 3')}] ELSE '{}' END,
                  '{}', 1 + n % 4, c.created, c.created + (now() - c.created) * random()
           FROM scale_domain d
           JOIN scale_member m ON m.domain_id = d.id
           CROSS JOIN LATERAL generate_series(1, d.ticket_seq) n
           CROSS JOIN LATERAL (SELECT random() + 0 * n AS x, random() + 0 * n AS y) r
           CROSS JOIN LATERAL (SELECT (least(d.stage_idx, 4) + 1) * ((n - 1)::float / d.ticket_seq) AS f) pf
           CROSS JOIN LATERAL (SELECT floor(pf.f)::int AS idx, (${sqlArray(PHASES)})[1 + floor(pf.f)::int] AS phase) p
           CROSS JOIN LATERAL (SELECT d.created_at + (now() - d.created_at) * (n::float / (d.ticket_seq + 1)) AS created) c
           WHERE d.ord % ${slices} = ${s}`,
        );
      });
    }

    const invSlices = Math.max(1, Math.min(5, Math.ceil(counts.investigations / 30_000)));
    for (let s = 0; s < invSlices; s++) {
      step(`investigations ${s + 1}/${invSlices}`, counts.investigations / invSlices, async () => {
        await q(
          `INSERT INTO investigation (domain_id, title, observed, expected, severity, status, reporter_id, investigator_id,
                                      root_cause, resolution, dismiss_reason, reported_at, triaged_at, closed_at, version, updated_at)
           SELECT d.id, t.title, 'We saw that ' || t.title || '. First noticed in the weekly review.', 'A steady series.',
                  CASE WHEN r.y < 0.35 THEN 'low' WHEN r.y < 0.75 THEN 'medium' WHEN r.y < 0.93 THEN 'high' ELSE 'critical' END,
                  st.status, m.people[1 + ((i + 2) % cardinality(m.people))],
                  CASE WHEN st.status <> 'reported' THEN m.ds_lead END,
                  CASE WHEN st.status = 'resolved' THEN ${pick(['data_bug', 'collection_gap', 'definition', 'expected', 'upstream_change', 'unknown'], 'i * 3 + d.ord')} END,
                  CASE WHEN st.status = 'resolved' THEN 'Fixed upstream; ' || ${pick(WORDS, 'i + 5')} || ' backfilled.' END,
                  CASE WHEN st.status = 'dismissed' THEN 'Duplicate of an earlier report.' END,
                  rep.at,
                  CASE WHEN st.status <> 'reported' THEN rep.at + interval '2 days' * random() END,
                  CASE WHEN st.status IN ('resolved', 'dismissed') THEN rep.at + interval '20 days' * random() END,
                  1 + i % 3, rep.at + interval '1 day'
           FROM scale_domain d
           JOIN scale_member m ON m.domain_id = d.id
           CROSS JOIN LATERAL generate_series(1, d.inv_count) i
           CROSS JOIN LATERAL (SELECT random() + 0 * i AS x, random() + 0 * i AS y) r
           -- Reports cluster in the recent past: the oddity rate has weeks to count.
           CROSS JOIN LATERAL (SELECT greatest(d.created_at, now() - interval '2 years') AS since) w
           CROSS JOIN LATERAL (SELECT now() - (now() - w.since) * (i::float / (d.inv_count + 1)) ^ 2 AS at) rep
           CROSS JOIN LATERAL (SELECT initcap(${pick(WORDS, 'i + d.ord')}) || ' ' || ${pick(ODDITIES, 'i / 2 + d.ord')} || ' ' || ${pick(REGIONS, 'i / 5')} AS title) t
           CROSS JOIN LATERAL (SELECT CASE WHEN now() - rep.at > interval '30 days' THEN (CASE WHEN r.x < 0.8 THEN 'resolved' ELSE 'dismissed' END)
                                            WHEN r.x < 0.35 THEN 'reported' WHEN r.x < 0.55 THEN 'triaged' WHEN r.x < 0.8 THEN 'investigating'
                                            WHEN r.x < 0.95 THEN 'resolved' ELSE 'dismissed' END AS status) st
           WHERE d.ord % ${invSlices} = ${s}`,
        );
      });
    }

    // Sign-offs for every gate a domain has passed: the data science lead, then the product lead.
    step('sign-offs', nd * 4, async () => {
      await q(
        `INSERT INTO sign_off (domain_id, phase, round, role, user_id, decision, comment, evidence, created_at)
         SELECT d.id, p.phase, 1, r.role, CASE WHEN r.role = 'ds_lead' THEN m.ds_lead ELSE m.product_lead END, 'approve', 'Looks good.',
                jsonb_build_object('phase', p.phase, 'criteria', '[]'::jsonb, 'openItems', '[]'::jsonb, 'capturedAt', now()),
                d.created_at + (now() - d.created_at) * ((p.idx + 1)::float / (d.stage_idx + 2))
         FROM scale_domain d
         JOIN scale_member m ON m.domain_id = d.id
         CROSS JOIN LATERAL unnest(${sqlArray(PHASES)}) WITH ORDINALITY AS p0(phase, ord)
         CROSS JOIN LATERAL (SELECT p0.phase, p0.ord - 1 AS idx) p
         CROSS JOIN (VALUES ('ds_lead'), ('product_lead')) r(role)
         WHERE (p.idx < d.stage_idx AND (p.idx > 0 OR r.role = 'ds_lead'))
            -- a third of the open gates already carry the lead's approval
            OR (p.idx = d.stage_idx AND d.stage_idx < 5 AND r.role = 'ds_lead' AND d.ord % 3 = 0)`,
      );
    });

    const nComments = Math.round(counts.tickets * counts.commentsPerTicket);
    step('comments', nComments / 2, async () => {
      await q(
        `INSERT INTO comment (subject_type, subject_id, domain_id, author_id, body, created_at)
         SELECT 'ticket', t.id::text, t.domain_id, t.reporter_id,
                ${pick(['Checked with finance, they agree.', 'The warehouse table is late again.', 'Can we split this by region?', 'Done, see the linked analysis.', 'Blocked on access to the raw events.'], 'k + t.number')},
                t.created_at + (now() - t.created_at) * random()
         FROM ticket t CROSS JOIN generate_series(1, 2) k
         WHERE t.number % 4 = k OR (k = 1 AND t.number % 4 = 0)`,
      );
    });

    // Audit events, in time order (ids grow with time, as in production), in ten windows over
    // three years. Each window holds the real events of its rows (domain, ticket, investigation,
    // sign-off and comment creations) and fills the rest with updates and logins.
    const windows = Math.max(1, Math.min(20, Math.ceil(counts.auditEvents / 100_000)));
    const plan = { filler: 0, ticketDomains: 1, people: 1 };
    step('audit plan', 1, async () => {
      const [{ real }] = await q(
        `SELECT ((SELECT count(*) FROM "domain") + (SELECT count(*) FROM ticket) + (SELECT count(*) FROM investigation)
                + (SELECT count(*) FROM sign_off) + (SELECT count(*) FROM comment))::int AS real`,
      );
      plan.filler = Math.max(0, counts.auditEvents - real);
      await q(
        `CREATE TEMP TABLE scale_ticket_domain AS SELECT row_number() OVER (ORDER BY ord)::int AS tord, id, ticket_seq FROM scale_domain WHERE ticket_seq > 0`,
      );
      await q('CREATE UNIQUE INDEX ON scale_ticket_domain (tord)');
      await q('ANALYZE scale_ticket_domain');
      plan.ticketDomains = Math.max(1, (await q('SELECT count(*)::int AS n FROM scale_ticket_domain'))[0].n);
      plan.people = Math.max(1, (await q('SELECT count(*)::int AS n FROM scale_user'))[0].n);
    });
    for (let w = 0; w < windows; w++) {
      step(`audit events ${w + 1}/${windows}`, counts.auditEvents / windows, async () => {
        const perWindow = Math.floor(plan.filler / windows) + (w < plan.filler % windows ? 1 : 0);
        const nt = plan.ticketDomains;
        await q(
          `WITH bounds AS (
             SELECT ${w === 0 ? "'-infinity'::timestamptz" : `now() - interval '3 years' + interval '3 years' * ${w} / ${windows}`} AS lo,
                    ${w === windows - 1 ? "'infinity'::timestamptz" : `now() - interval '3 years' + interval '3 years' * ${w + 1} / ${windows}`} AS hi,
                    now() - interval '3 years' + interval '3 years' * ${w} / ${windows} AS flo,
                    now() - interval '3 years' + interval '3 years' * ${w + 1} / ${windows} AS fhi
           ), events AS (
             SELECT d.created_at AS at, m.ds_lead AS actor_id, 'domain.create' AS action, 'domain' AS entity_type, d.id::text AS entity_id,
                    d.id AS domain_id, NULL::jsonb AS before, jsonb_build_object('key', d.key, 'name', d.name, 'stage', 'specs') AS after
             FROM "domain" d JOIN scale_member m ON m.domain_id = d.id, bounds b WHERE d.created_at >= b.lo AND d.created_at < b.hi
             UNION ALL
             -- each passed gate's advance, at the time of its sign-offs (the insights read the phase changes)
             SELECT a.at, m.ds_lead, 'domain.advance', 'domain', d.id::text, d.id,
                    jsonb_build_object('stage', (${sqlArray(STAGES)})[1 + p.idx], 'round', 1),
                    jsonb_build_object('stage', (${sqlArray(STAGES)})[2 + p.idx], 'round', 1, 'auto', false)
             FROM scale_domain d JOIN scale_member m ON m.domain_id = d.id
             CROSS JOIN generate_series(0, 4) AS p(idx)
             CROSS JOIN LATERAL (SELECT d.created_at + (now() - d.created_at) * ((p.idx + 1)::float / (d.stage_idx + 2)) AS at) a,
             bounds b
             WHERE p.idx < d.stage_idx AND a.at >= b.lo AND a.at < b.hi
             UNION ALL
             SELECT t.created_at, t.reporter_id, 'ticket.create', 'ticket', t.id::text, t.domain_id, NULL,
                    jsonb_build_object('key', t.key, 'title', t.title, 'kind', t.kind, 'status', 'open', 'priority', t.priority, 'phase', t.phase)
             FROM ticket t, bounds b WHERE t.created_at >= b.lo AND t.created_at < b.hi
             UNION ALL
             SELECT i.reported_at, i.reporter_id, 'investigation.create', 'investigation', i.id::text, i.domain_id, NULL,
                    jsonb_build_object('title', i.title, 'severity', i.severity, 'status', 'reported')
             FROM investigation i, bounds b WHERE i.reported_at >= b.lo AND i.reported_at < b.hi
             UNION ALL
             SELECT s.created_at, s.user_id, 'signoff.create', 'sign_off', s.id::text, s.domain_id, NULL,
                    jsonb_build_object('phase', s.phase, 'round', s.round, 'role', s.role, 'decision', s.decision, 'comment', s.comment)
             FROM sign_off s, bounds b WHERE s.created_at >= b.lo AND s.created_at < b.hi
             UNION ALL
             SELECT c.created_at, c.author_id, 'comment.create', 'comment', c.id::text, c.domain_id, NULL,
                    jsonb_build_object('subjectType', c.subject_type, 'subjectId', c.subject_id, 'body', c.body)
             FROM comment c, bounds b WHERE c.created_at >= b.lo AND c.created_at < b.hi
             UNION ALL
             SELECT f.at, t.assignee_id, f.action, 'ticket', t.id::text, t.domain_id,
                    jsonb_build_object('status', 'open'), jsonb_build_object('status', t.status)
             FROM (SELECT b.flo + (b.fhi - b.flo) * random() AS at,
                          'ticket.update' AS action,
                          1 + (g * 7919) % ${nt} AS tord, g
                   FROM bounds b, generate_series(1, ${Math.floor(perWindow * 0.6)}) g) f
             JOIN scale_ticket_domain td ON td.tord = f.tord
             JOIN ticket t ON t.domain_id = td.id AND t.number = 1 + (f.g * 31) % td.ticket_seq
             UNION ALL
             SELECT b.flo + (b.fhi - b.flo) * random(), u.id, 'auth.login', 'user', u.id::text, NULL, NULL, NULL
             FROM bounds b, generate_series(1, ${Math.floor(perWindow * 0.25)}) g JOIN scale_user u ON u.ord = 1 + (g * 17) % ${plan.people}
             UNION ALL
             SELECT b.flo + (b.fhi - b.flo) * random(), m.ds_lead, 'domain.update', 'domain', d.id::text, d.id,
                    jsonb_build_object('description', ''), jsonb_build_object('description', 'Updated scope.')
             FROM bounds b, generate_series(1, ${perWindow - Math.floor(perWindow * 0.6) - Math.floor(perWindow * 0.25)}) g
             JOIN scale_domain d ON d.ord = 1 + (g * 13) % ${nd}
             JOIN scale_member m ON m.domain_id = d.id
           )
           INSERT INTO audit_event (at, actor_id, action, entity_type, entity_id, domain_id, before, after, request_id)
           SELECT at, actor_id, action, entity_type, entity_id, domain_id, before, after, NULL FROM events ORDER BY at`,
        );
      });
    }

    step('rebuild indexes', counts.auditEvents / 4, async () => {
      while (droppedIndexes.length) {
        await q(droppedIndexes[0].indexdef);
        droppedIndexes.shift();
      }
    });

    // What the app stores on every investigation change and the nightly job refreshes: each
    // domain's measured confidence, so the board reads it as it would in production.
    step('measured confidence', counts.domains * 20, async () => {
      await refitAllDomains({ dataSource: ds, config, now: () => new Date() });
    });

    step('sequences, vacuum and statistics', counts.auditEvents / 20, async () => {
      await q(
        `SELECT setval(pg_get_serial_sequence('investigation', 'id'), greatest(1, (SELECT max(id) FROM investigation)))`,
      );
      // VACUUM, not only ANALYZE: a production database has been through autovacuum, so its
      // visibility map is set and counts can be index-only scans. A freshly bulk-loaded table has
      // none, and would make every count look many times slower than it is in steady state.
      await q('VACUUM (ANALYZE)');
    });

    try {
      await runSteps();
    } finally {
      // Even when a step failed, leave the schema as the migrations made it.
      for (const row of droppedIndexes)
        await q(
          row.indexdef
            .replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS')
            .replace('CREATE UNIQUE INDEX', 'CREATE UNIQUE INDEX IF NOT EXISTS'),
        ).catch(() => undefined);
    }

    const summary = await q(
      `SELECT (SELECT count(*) FROM "domain")::int AS domains, (SELECT count(*) FROM "user")::int AS users,
              (SELECT count(*) FROM ticket)::int AS tickets, (SELECT count(*) FROM investigation)::int AS investigations,
              (SELECT count(*) FROM audit_event)::int AS audit_events, (SELECT count(*) FROM comment)::int AS comments,
              (SELECT count(*) FROM artifact)::int AS artifacts, (SELECT count(*) FROM sign_off)::int AS sign_offs,
              (SELECT count(*) FROM domain_member)::int AS members`,
    );
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      JSON.stringify(
        {
          scale,
          seconds: Number(secs),
          ...summary[0],
          steps: steps.map((s) => ({ step: s.label, ms: Math.round(s.ms) })),
        },
        null,
        2,
      ),
    );
  } finally {
    await runner.release();
    await database.close();
  }
}

main().catch((error) => {
  if (tty) process.stderr.write('\n');
  console.error('seed:scale failed:', error.message ?? error);
  process.exit(1);
});
