import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { DbtPlan, DbtResultsResult, DbtStatusView, DbtSyncResult } from '../../shared/api/dbt';
import { Artifact } from '../../server/modules/artifacts/artifact.entity';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Comment } from '../../server/modules/tickets/comment.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { DbtTestOccurrence } from '../../server/modules/dbt/dbt-test.entity';
import type { Domain } from '../../server/modules/domains/domain.entity';
import { makeDomain, makeDomainUser, satisfyCriteria } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-12-02T09:00:00Z');
beforeEach(() => ctx.setNow(NOW));

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'dbt');
const fixtureText = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (file: string): any => JSON.parse(fixtureText(file));
const api = () => request(ctx.app);
const SELECTOR = { groups: ['retention'], tags: ['retention'], repoUrl: 'https://github.com/acme/jaffle/blob/main/' };

async function domainWithLead(overrides: Partial<Domain> = {}) {
  const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping', ...overrides });
  const lead = await makeDomainUser(ctx, domain, ['ds_lead'], { name: 'Dana', email: 'dana@example.com' });
  await api().put('/api/v1/domains/RET/dbt/selector').set(lead.auth).send(SELECTOR).expect(200);
  return { domain, lead };
}

function sync(auth: Record<string, string>, manifest: unknown, query = '') {
  const body = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  return api()
    .post(`/api/v1/domains/RET/dbt/sync${query}`)
    .set(auth)
    .set('content-type', 'application/json')
    .send(body);
}

function results(auth: Record<string, string>, manifest: unknown, runResults: unknown) {
  return api()
    .post('/api/v1/domains/RET/dbt/results')
    .set(auth)
    .set('content-type', 'application/json')
    .send(JSON.stringify({ manifest, runResults }));
}

const ids = (entries: { uniqueId: string }[]) => entries.map((e) => e.uniqueId).sort();

const V12_SELECTED = [
  'exposure.jaffle_shop.retention_dashboard',
  'metric.jaffle_shop.active_customers',
  'metric.jaffle_shop.net_retention',
  'metric.jaffle_shop.retention_rate',
  'metric.jaffle_shop.revenue_28d',
  'metric.jaffle_shop.signup_to_order',
  'model.jaffle_shop.dim_customers',
  'model.jaffle_shop.fct_retention',
  'seed.jaffle_shop.country_codes',
  'snapshot.jaffle_shop.customers_snapshot',
  'source.jaffle_shop.raw.customers',
];

describe('PUT /domains/:key/dbt/selector', () => {
  it('401, 403 for a member who is not a lead, 400 per bad field; a lead sets it, audited', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const member = await signedIn(ctx);
    const lead = await makeDomainUser(ctx, domain, ['product_lead']);
    await api().put('/api/v1/domains/RET/dbt/selector').send(SELECTOR).expect(401);
    await api().put('/api/v1/domains/RET/dbt/selector').set(member.auth).send(SELECTOR).expect(403);
    const bad = await api()
      .put('/api/v1/domains/RET/dbt/selector')
      .set(lead.auth)
      .send({ groups: 'retention', repoUrl: 'javascript:alert(1)' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['groups', 'repoUrl']);
    const res = await api()
      .put('/api/v1/domains/RET/dbt/selector')
      .set(lead.auth)
      .send({ ...SELECTOR, tags: [' retention ', 'retention', ''] })
      .expect(200);
    expect(res.body).toEqual({ ...SELECTOR, tags: ['retention'], pathPrefixes: [], uniqueIds: [] });
    const status = await api().get('/api/v1/domains/RET/dbt').set(member.auth).expect(200);
    expect((status.body as DbtStatusView).selector.groups).toEqual(['retention']);
    expect((status.body as DbtStatusView).can).toEqual({ sync: false, editSelector: false, postResults: true });
    const audit = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'domain.dbt_selector' });
    expect(audit).toMatchObject({ domainId: domain.id, actorId: lead.user.id });
  });
});

describe('POST /domains/:key/dbt/sync', () => {
  it('refuses a domain without a selector (409) and callers without the right (401, 403)', async () => {
    const domain = await makeDomain(ctx, { key: 'RET', stage: 'scoping' });
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    const viewer = await signedIn(ctx, 'viewer');
    const member = await signedIn(ctx);
    const manifest = fixtureText('v12/manifest.json');
    await sync({}, manifest).expect(401);
    expect((await sync(lead.auth, manifest).expect(409)).body.detail).toContain('no dbt selector');
    await api().put('/api/v1/domains/RET/dbt/selector').set(lead.auth).send(SELECTOR).expect(200);
    await sync(viewer.auth, manifest, '?dryRun=true').expect(403);
    // a member may look at the plan; only a lead applies it
    await sync(member.auth, manifest, '?dryRun=true').expect(200);
    await sync(member.auth, manifest).expect(403);
    expect(await ctx.dataSource.getRepository(Artifact).count()).toBe(0);
  });

  it('a dry run of a v12 manifest plans the selected nodes and writes nothing', async () => {
    const { lead } = await domainWithLead();
    const audits = await ctx.dataSource.getRepository(AuditEvent).count();
    const res = await sync(lead.auth, fixtureText('v12/manifest.json'), '?dryRun=true').expect(200);
    const plan = (res.body as DbtSyncResult).plan;
    expect(res.body.dryRun).toBe(true);
    expect(plan).toMatchObject({ dbtSchemaVersion: 'v12', dbtVersion: '1.8.7', projectName: 'jaffle_shop' });
    // not: stg_orders (not selected), audit_helper's model (a package), old_retention (disabled),
    // the analysis, tests, the semantic model, the untagged exposure
    expect(ids(plan.created)).toEqual(V12_SELECTED);
    expect(plan.changed).toEqual([]);
    expect(plan.removed).toEqual([]);
    const fct = plan.created.find((e) => e.uniqueId === 'model.jaffle_shop.fct_retention')!;
    expect(fct.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '', after: 'fct_retention' },
        { field: 'details.location', before: '', after: '"analytics"."marts"."fct_retention"' },
        { field: 'owner', before: '', after: 'dana@example.com' },
        { field: 'dbt.kind', before: '', after: 'table' },
        {
          field: 'dbt.codeUrl',
          before: '',
          after: 'https://github.com/acme/jaffle/blob/main/models/marts/retention/fct_retention.sql',
        },
      ]),
    );
    expect(await ctx.dataSource.getRepository(Artifact).count()).toBe(0);
    expect(await ctx.dataSource.getRepository(AuditEvent).count()).toBe(audits);
  });

  it('applies the plan: datasets, metrics and analyses with their dbt source and owners; idempotent', async () => {
    const { domain, lead } = await domainWithLead();
    const manifest = fixtureText('v12/manifest.json');
    const first = await sync(lead.auth, manifest).expect(200);
    expect(ids(first.body.plan.created)).toEqual(V12_SELECTED);
    const rows = await ctx.dataSource.getRepository(Artifact).find({ where: { domainId: domain.id } });
    expect(rows).toHaveLength(V12_SELECTED.length);
    const byId = new Map(rows.map((row) => [row.dbtUniqueId, row]));
    expect(byId.get('model.jaffle_shop.fct_retention')).toMatchObject({
      type: 'dataset',
      status: 'draft',
      ownerId: lead.user.id,
      description: 'Weekly retention by signup cohort',
      details: { location: '"analytics"."marts"."fct_retention"' },
    });
    expect(byId.get('model.jaffle_shop.fct_retention')!.dbtSource!.columns).toEqual([
      { name: 'customer_id', description: 'The customer' },
      { name: 'cohort_week', description: 'Week of signup' },
      { name: 'retained', description: '' },
    ]);
    // owners without a Cairn user (or without an email) are kept as text
    expect(byId.get('seed.jaffle_shop.country_codes')).toMatchObject({ ownerId: null });
    expect(byId.get('seed.jaffle_shop.country_codes')!.dbtSource!.ownerText).toBe('Data Platform');
    expect(byId.get('snapshot.jaffle_shop.customers_snapshot')!.dbtSource!.ownerText).toBe('Retention team');
    expect(byId.get('model.jaffle_shop.dim_customers')).toMatchObject({ ownerId: null });
    expect(byId.get('source.jaffle_shop.raw.customers')).toMatchObject({
      name: 'raw.customers',
      details: { location: '"raw"."jaffle"."customers"' },
    });
    expect(byId.get('metric.jaffle_shop.active_customers')).toMatchObject({
      type: 'metric',
      details: {
        formula: 'customers_active = count_distinct(customer_id) from customers',
        grain: 'week',
      },
    });
    expect(byId.get('metric.jaffle_shop.active_customers')!.dbtSource).toMatchObject({
      kind: 'simple',
      label: 'Active customers',
      filters: ["{{ Dimension('customer__is_test') }} = false"],
    });
    expect(byId.get('metric.jaffle_shop.retention_rate')!.details.formula).toBe(
      'retained_customers / active_customers',
    );
    expect(byId.get('metric.jaffle_shop.revenue_28d')!.details.formula).toBe(
      'cumulative revenue = sum(amount) from customers over 28 day',
    );
    expect(byId.get('metric.jaffle_shop.net_retention')!.details.formula).toBe(
      'retained - churned where retained = retention_rate, churned = churn_rate',
    );
    expect(byId.get('metric.jaffle_shop.signup_to_order')!.details.formula).toBe(
      'conversion_rate from signups = count(1) from customers to first_orders = count(1) from customers by customer within 7 day',
    );
    expect(byId.get('exposure.jaffle_shop.retention_dashboard')).toMatchObject({
      type: 'analysis',
      name: 'Retention dashboard',
      details: { link: 'https://bi.example.com/dashboards/retention' },
    });
    expect(byId.get('exposure.jaffle_shop.retention_dashboard')!.dbtSource).toMatchObject({
      kind: 'dashboard',
      maturity: 'high',
      ownerText: 'Priya',
    });
    const audit = ctx.dataSource.getRepository(AuditEvent);
    expect(await audit.countBy({ action: 'artifact.dbt_create' })).toBe(V12_SELECTED.length);
    // the artifact API shows the dbt source and the fields dbt owns
    const view = await api()
      .get(`/api/v1/artifacts/${byId.get('model.jaffle_shop.fct_retention')!.id}`)
      .set(lead.auth)
      .expect(200);
    expect(view.body.dbt).toMatchObject({
      uniqueId: 'model.jaffle_shop.fct_retention',
      resourceType: 'model',
      path: 'models/marts/retention/fct_retention.sql',
      ownedFields: ['name', 'description', 'ownerId', 'details.location'],
    });
    // the same manifest again changes nothing
    const again = await sync(lead.auth, manifest).expect(200);
    const plan = again.body.plan as DbtPlan;
    expect(plan.created).toEqual([]);
    expect(plan.changed).toEqual([]);
    expect(plan.removed).toEqual([]);
    expect(plan.unchanged).toHaveLength(V12_SELECTED.length);
    expect(await audit.countBy({ action: 'artifact.dbt_create' })).toBe(V12_SELECTED.length);
    expect(await audit.countBy({ action: 'artifact.dbt_update' })).toBe(0);
    const versions = await ctx.dataSource.getRepository(Artifact).find({ where: { domainId: domain.id } });
    expect(versions.every((row) => row.version === 1)).toBe(true);
  });

  it('plans changes field by field, deprecates what left dbt, and applies only the reviewed plan', async () => {
    const { lead } = await domainWithLead();
    await sync(lead.auth, fixtureText('v12/manifest.json')).expect(200);
    const changed = fixture('v12/manifest.json');
    changed.nodes['model.jaffle_shop.fct_retention'].description = 'Weekly retention by cohort, test users excluded';
    changed.nodes['model.jaffle_shop.fct_retention'].config.materialized = 'incremental';
    delete changed.nodes['seed.jaffle_shop.country_codes'];
    const dry = await sync(lead.auth, changed, '?dryRun=true').expect(200);
    const plan = dry.body.plan as DbtPlan;
    expect(plan.changed).toHaveLength(1);
    expect(plan.changed[0]).toMatchObject({ uniqueId: 'model.jaffle_shop.fct_retention', wasReady: false });
    expect(plan.changed[0].changes).toEqual([
      {
        field: 'description',
        before: 'Weekly retention by signup cohort',
        after: 'Weekly retention by cohort, test users excluded',
      },
      { field: 'dbt.kind', before: 'table', after: 'incremental' },
    ]);
    expect(plan.removed.map((e) => [e.uniqueId, e.changes])).toEqual([
      ['seed.jaffle_shop.country_codes', [{ field: 'status', before: 'draft', after: 'deprecated' }]],
    ]);
    // another change lands between review and apply: the reviewed plan is refused
    const other = structuredClone(changed);
    other.nodes['model.jaffle_shop.dim_customers'].description = 'Changed again';
    await sync(lead.auth, other, `?planHash=${plan.planHash}`).expect(409);
    await sync(lead.auth, changed, `?planHash=${plan.planHash}`).expect(200);
    const seed = await ctx.dataSource
      .getRepository(Artifact)
      .findOneByOrFail({ dbtUniqueId: 'seed.jaffle_shop.country_codes' });
    expect(seed.status).toBe('deprecated');
    const fct = await ctx.dataSource
      .getRepository(Artifact)
      .findOneByOrFail({ dbtUniqueId: 'model.jaffle_shop.fct_retention' });
    expect(fct).toMatchObject({ description: 'Weekly retention by cohort, test users excluded', version: 2 });
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'artifact.dbt_update' })).toBe(1);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'artifact.dbt_deprecate' })).toBe(1);
    // back in dbt: a draft again
    const back = await sync(lead.auth, fixtureText('v12/manifest.json')).expect(200);
    expect(
      back.body.plan.changed.find((e: { uniqueId: string }) => e.uniqueId === 'seed.jaffle_shop.country_codes').changes,
    ).toEqual([{ field: 'status', before: 'deprecated', after: 'draft' }]);
  });

  it('a changed definition of a ready artifact makes the sign-offs that held it stale', async () => {
    const { domain, lead } = await domainWithLead();
    await satisfyCriteria(ctx, domain);
    const priya = await makeDomainUser(ctx, domain, ['product_lead'], { name: 'Priya' });
    await sync(lead.auth, fixtureText('v12/manifest.json')).expect(200);
    const metric = await ctx.dataSource
      .getRepository(Artifact)
      .findOneByOrFail({ dbtUniqueId: 'metric.jaffle_shop.active_customers' });
    // Cairn keeps the status; dbt owns the definition
    await api()
      .patch(`/api/v1/artifacts/${metric.id}`)
      .set(lead.auth)
      .set('If-Match', '1')
      .send({ status: 'ready' })
      .expect(200);
    const refused = await api()
      .patch(`/api/v1/artifacts/${metric.id}`)
      .set(lead.auth)
      .set('If-Match', '2')
      .send({ name: 'Active users', details: { formula: 'count(*)' } })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'name',
      'details.definition',
      'details.formula',
      'details.grain',
    ]);
    await api()
      .post('/api/v1/domains/RET/signoffs')
      .set(lead.auth)
      .send({ decision: 'approve', comment: 'ok' })
      .expect(201);
    await api()
      .post('/api/v1/domains/RET/signoffs')
      .set(priya.auth)
      .send({ decision: 'approve', comment: 'ok' })
      .expect(201);
    const changed = fixture('v12/manifest.json');
    changed.metrics['metric.jaffle_shop.active_customers'].type_params.measure.name = 'revenue';
    const dry = await sync(lead.auth, changed, '?dryRun=true').expect(200);
    expect(dry.body.plan.changed[0]).toMatchObject({ uniqueId: 'metric.jaffle_shop.active_customers', wasReady: true });
    const res = await sync(lead.auth, changed).expect(200);
    expect(res.body.staleSignOffs).toBe(2);
    const gate = (await api().get('/api/v1/domains/RET/gate').set(lead.auth).expect(200)).body;
    expect(gate.open).toBe(false);
    expect(gate.roles[0].signOff.staleReason).toBe('The ready metric "active_customers" changed');
  });

  it('reads v10 and v11 manifests (no conversion metrics in v10, empty semantic_models in v11)', async () => {
    const { lead } = await domainWithLead();
    const v10 = (await sync(lead.auth, fixtureText('v10/manifest.json'), '?dryRun=true').expect(200)).body
      .plan as DbtPlan;
    expect(v10.dbtSchemaVersion).toBe('v10');
    expect(ids(v10.created)).toEqual(V12_SELECTED.filter((id) => id !== 'metric.jaffle_shop.signup_to_order'));
    const cumulative = v10.created.find((e) => e.uniqueId === 'metric.jaffle_shop.revenue_28d')!;
    expect(cumulative.changes).toContainEqual({
      field: 'details.formula',
      before: '',
      after: 'cumulative revenue = sum(amount) from customers over 28 day',
    });
    await sync(lead.auth, fixtureText('v11/manifest.json')).expect(200);
    const metric = await ctx.dataSource
      .getRepository(Artifact)
      .findOneByOrFail({ dbtUniqueId: 'metric.jaffle_shop.active_customers' });
    // without semantic models the measure is named as it is
    expect(metric.details.formula).toBe('customers_active');
    expect(metric.dbtSource!.kind).toBe('simple');
  });

  it('400 naming the problem for bad files, and nothing changes', async () => {
    const { lead } = await domainWithLead();
    const good = fixtureText('v12/manifest.json');
    const problem = async (body: unknown, text: string | RegExp) => {
      const res = await sync(lead.auth, body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0].field).toBe('manifest');
      expect(res.body.errors[0].message).toMatch(text);
    };
    await problem('name,owner\nfct,dana', /is not JSON/);
    await problem(good.slice(0, Math.floor(good.length / 2)), /is truncated/);
    await problem(fixtureText('v12/run_results-failing.json'), /is a dbt run-results artifact .*not a manifest/);
    const v9 = fixture('v12/manifest.json');
    v9.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v9.json';
    await problem(v9, /is dbt manifest schema v9 \(dbt 1\.5\); Cairn reads manifest schema v10 to v12/);
    const v13 = fixture('v12/manifest.json');
    v13.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v13.json';
    await problem(v13, /schema v13/);
    const noId = fixture('v12/manifest.json');
    delete noId.nodes['model.jaffle_shop.dim_customers'].unique_id;
    await problem(noId, 'nodes["model.jaffle_shop.dim_customers"] has no unique_id');
    await problem({ nodes: {} }, /metadata.dbt_schema_version is missing/);
    ctx.deps.config.dbtMaxBytes = 10_000;
    try {
      await problem(good, /a dbt upload may be at most 10000 bytes/);
    } finally {
      ctx.deps.config.dbtMaxBytes = 64 * 1024 * 1024;
    }
    expect(await ctx.dataSource.getRepository(Artifact).count()).toBe(0);
  });
});

describe('POST /domains/:key/dbt/results', () => {
  async function handedOff() {
    const setup = await domainWithLead({ stage: 'weirdness' });
    await sync(setup.lead.auth, fixtureText('v12/manifest.json')).expect(200);
    return setup;
  }
  const manifest = () => fixture('v12/manifest.json');

  it('failing and erroring tests open one reported investigation each on their artifact, deduplicated by test', async () => {
    const { domain, lead } = await handedOff();
    const member = await signedIn(ctx);
    const viewer = await signedIn(ctx, 'viewer');
    await results(viewer.auth, manifest(), fixture('v12/run_results-failing.json')).expect(403);
    const first = (await results(member.auth, manifest(), fixture('v12/run_results-failing.json')).expect(200))
      .body as DbtResultsResult;
    const actions = Object.fromEntries(first.outcomes.map((o) => [o.testUniqueId.split('.')[2], o.action]));
    expect(actions).toEqual({
      not_null_fct_retention_customer_id: 'opened',
      unique_dim_customers_customer_id: 'passing',
      accepted_values_country_codes_code: 'passing',
      relationships_fct_retention_customer_id: 'opened',
      source_not_null_raw_customers_id: 'passing',
      // not_null_stg_orders_order_id tests a model outside the domain: not counted
    });
    expect(first.failing).toBe(2);
    const investigations = await ctx.dataSource
      .getRepository(Investigation)
      .find({ where: { domainId: domain.id }, order: { id: 'ASC' } });
    expect(investigations.map((i) => [i.title, i.status])).toEqual([
      ['dbt test fails: not_null_fct_retention_customer_id', 'reported'],
      ['dbt test errors: relationships_fct_retention_customer_id', 'reported'],
    ]);
    const fct = await ctx.dataSource
      .getRepository(Artifact)
      .findOneByOrFail({ dbtUniqueId: 'model.jaffle_shop.fct_retention' });
    const dim = await ctx.dataSource
      .getRepository(Artifact)
      .findOneByOrFail({ dbtUniqueId: 'model.jaffle_shop.dim_customers' });
    // the attached node, else the first tested node of the domain (a relationships test without attached_node)
    expect(investigations.map((i) => i.artifactId)).toEqual([fct.id, dim.id]);
    expect(investigations[0].observed).toContain('with 3 failing rows');
    // the same run again records nothing new
    const replay = (await results(member.auth, manifest(), fixture('v12/run_results-failing.json')).expect(200))
      .body as DbtResultsResult;
    expect(replay.outcomes.every((o) => o.action === 'already_recorded')).toBe(true);
    // a later failing run adds an occurrence to the open investigation, not a new one
    const again = (await results(member.auth, manifest(), fixture('v12/run_results-failing-again.json')).expect(200))
      .body as DbtResultsResult;
    expect(
      again.outcomes
        .filter((o) => o.action === 'occurrence')
        .map((o) => o.investigationId)
        .sort(),
    ).toEqual(investigations.map((i) => i.id));
    expect(await ctx.dataSource.getRepository(Investigation).countBy({ domainId: domain.id })).toBe(2);
    expect(
      await ctx.dataSource.getRepository(DbtTestOccurrence).countBy({ investigationId: investigations[0].id }),
    ).toBe(2);
    // passing again: recorded, offered for resolution, not closed
    const passing = (await results(member.auth, manifest(), fixture('v12/run_results-passing.json')).expect(200))
      .body as DbtResultsResult;
    expect(passing.outcomes.filter((o) => o.action === 'offered_for_resolution')).toHaveLength(2);
    const after = await ctx.dataSource.getRepository(Investigation).findOneByOrFail({ id: investigations[0].id });
    expect(after.status).toBe('reported');
    const comments = await ctx.dataSource
      .getRepository(Comment)
      .findBy({ subjectType: 'investigation', subjectId: String(after.id) });
    expect(comments.map((c) => c.body)).toEqual([expect.stringContaining('offered for resolution')]);
    const status = (await api().get('/api/v1/domains/RET/dbt').set(lead.auth).expect(200)).body as DbtStatusView;
    expect(status.failingTests).toBe(0);
    const test = status.tests.find((t) => t.testUniqueId.includes('not_null_fct_retention'))!;
    expect(test).toMatchObject({ failing: false, investigationId: after.id, occurrences: 3, lastStatus: 'pass' });
    expect(test.offeredForResolutionAt).toBe(NOW.toISOString());
  });

  it('"dbt tests: N failing" is a criterion an admin adds to the domain gate', async () => {
    await handedOff();
    const admin = await signedIn(ctx, 'admin');
    await api()
      .post('/api/v1/domains/RET/gate/additions')
      .set(admin.auth)
      .send({ kind: 'criterion', value: 'dbt_tests_passing', reason: 'dbt is the source of truth' })
      .expect(201);
    await results(admin.auth, manifest(), fixture('v12/run_results-failing.json')).expect(200);
    const criterion = (gate: { criteria: { key: string }[] }) =>
      gate.criteria.find((c) => c.key === 'dbt_tests_passing');
    const failing = (await api().get('/api/v1/domains/RET/gate').set(admin.auth).expect(200)).body;
    expect(criterion(failing)).toMatchObject({
      label: 'dbt tests passing',
      value: 2,
      passed: false,
      detail: 'dbt tests: 2 failing',
    });
    expect(failing.blocking.map((b: { code: string; criterion?: string }) => b.criterion)).toContain(
      'dbt_tests_passing',
    );
    await results(admin.auth, manifest(), fixture('v12/run_results-passing.json')).expect(200);
    const passing = (await api().get('/api/v1/domains/RET/gate').set(admin.auth).expect(200)).body;
    expect(criterion(passing)).toMatchObject({ value: 0, passed: true });
  });

  it('before hand-off failures are recorded without an investigation; bad bodies are 400s', async () => {
    const { lead } = await domainWithLead({ stage: 'scoping' });
    await sync(lead.auth, fixtureText('v12/manifest.json')).expect(200);
    const res = (await results(lead.auth, manifest(), fixture('v12/run_results-failing.json')).expect(200))
      .body as DbtResultsResult;
    expect(res.outcomes.filter((o) => o.action === 'held_before_handoff')).toHaveLength(2);
    expect(await ctx.dataSource.getRepository(Investigation).count()).toBe(0);
    const bad = await results(lead.auth, manifest(), manifest()).expect(400);
    expect(bad.body.errors[0]).toEqual({
      field: 'runResults',
      message: expect.stringContaining('not a run_results.json'),
    });
    const old = fixture('v12/run_results-failing.json');
    old.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/run-results/v4.json';
    expect((await results(lead.auth, manifest(), old).expect(400)).body.errors[0].message).toContain('schema v4');
    await api()
      .post('/api/v1/domains/RET/dbt/results')
      .set(lead.auth)
      .set('content-type', 'application/json')
      .send(fixtureText('v12/run_results-failing.json'))
      .expect(400);
  });
});
