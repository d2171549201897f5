import type { EntityManager } from 'typeorm';
import type { DbtResultsOutcome, DbtResultsResult, DbtTestState } from '../../../shared/api/dbt';
import type { InvestigationStatus, Severity } from '../../../shared/api/enums';
import { canReportInvestigation } from '../../../shared/workflow/definition';
import { isOpenInvestigation } from '../../../shared/workflow/investigation';
import { badRequest } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { auditable, recordAudit } from '../audit/audit.service';
import { refreshConfidence } from '../confidence/confidence.service';
import { assertContribute, lockDomain, touchDomain } from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { recheckSignOffs } from '../gates/staleness';
import { notify } from '../inbox/notify';
import { addComment } from '../tickets/comments.service';
import { permissionsIn } from '../tickets/tickets.service';
import { leadIdsOf } from '../weirdness/at-risk';
import { Investigation } from '../weirdness/investigation.entity';
import { isObject, readManifest, readRunResults, text, type ManifestNode } from './dbt-artifacts';
import { DbtTest, DbtTestOccurrence } from './dbt-test.entity';

const FAILING = ['fail', 'error'];
const COUNTED = ['pass', 'fail', 'error', 'warn'];

/** The artifact of the domain a test is about: its attached node, else the first node it depends on. */
function testedArtifact(test: ManifestNode, artifactsByUniqueId: Map<string, { id: string; name: string }>) {
  const attached = text(test.raw.attached_node);
  if (attached && artifactsByUniqueId.has(attached)) return artifactsByUniqueId.get(attached)!;
  const dependsOn =
    isObject(test.raw.depends_on) && Array.isArray(test.raw.depends_on.nodes) ? test.raw.depends_on.nodes : [];
  for (const id of dependsOn)
    if (typeof id === 'string' && artifactsByUniqueId.has(id)) return artifactsByUniqueId.get(id)!;
  return null;
}

function severityOf(test: ManifestNode, status: string): Severity {
  const config = isObject(test.raw.config) ? test.raw.config : {};
  // a test configured to warn only is a weak signal; an error (the test could not run) is medium
  return status === 'fail' && text(config.severity).toLowerCase() === 'warn' ? 'low' : 'medium';
}

function describeRun(status: string, message: string, failures: number | null, invocationId: string): string {
  const count = failures === null ? '' : ` with ${failures} failing row${failures === 1 ? '' : 's'}`;
  return `dbt reported **${status}**${count} in run \`${invocationId}\`.${message ? `\n\n> ${message.slice(0, 2000)}` : ''}`;
}

/**
 * POST /domains/:key/dbt/results: the run_results.json of one dbt invocation with that run's
 * manifest. Each test of the domain's artifacts is recorded once per invocation: a failing or
 * erroring test opens a `reported` investigation on its artifact, or adds an occurrence to the
 * open one for that test; a test passing again adds an occurrence and offers the investigation
 * for resolution (a comment and the leads' inbox), never closing it. Before hand-off the failure
 * is recorded without an investigation, which opens on the first failing run from hand-off on.
 */
export async function postResults(
  deps: AppDeps,
  actor: Actor,
  domainKey: string,
  body: unknown,
): Promise<DbtResultsResult> {
  if (!isObject(body) || !('manifest' in body) || !('runResults' in body))
    throw badRequest('body', 'must be {"manifest": <manifest.json>, "runResults": <run_results.json>} of one dbt run');
  const manifest = readManifest(body.manifest, 'manifest');
  const run = readRunResults(body.runResults, 'runResults');
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, domainKey);
    assertContribute(await permissionsIn(tx, actor, domain.id));
    const rows: { id: string; name: string; dbt_unique_id: string }[] = await tx.query(
      `SELECT id, name, dbt_unique_id FROM artifact WHERE domain_id = $1 AND dbt_unique_id IS NOT NULL`,
      [domain.id],
    );
    const artifacts = new Map(rows.map((row) => [row.dbt_unique_id, { id: row.id, name: row.name }]));
    const outcomes: DbtResultsOutcome[] = [];
    let opened = 0;
    for (const result of run.results) {
      const test = manifest.byId.get(result.unique_id);
      if (!test || test.resource_type !== 'test' || !COUNTED.includes(result.status)) continue;
      const artifact = testedArtifact(test, artifacts);
      if (!artifact) continue;
      const outcome = await recordRun(tx, actor, domain, test, artifact, result, run.invocationId, now);
      if (outcome.action === 'opened') opened += 1;
      outcomes.push(outcome);
    }
    await recordAudit(tx, actor, {
      action: 'dbt.results',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      after: {
        invocationId: run.invocationId,
        tests: outcomes.length,
        failing: outcomes.filter((o) => FAILING.includes(o.status)).length,
        opened,
      },
    });
    if (opened) await refreshConfidence(tx, actor, domain, now);
    await recheckSignOffs(tx, actor, domain, now);
    await touchDomain(tx, domain.id, now);
    return {
      invocationId: run.invocationId,
      tests: outcomes.length,
      failing: outcomes.filter((o) => FAILING.includes(o.status)).length,
      outcomes,
    };
  });
}

async function recordRun(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  test: ManifestNode,
  artifact: { id: string; name: string },
  result: { status: string; message: string; failures: number | null },
  invocationId: string,
  now: Date,
): Promise<DbtResultsOutcome> {
  const base = { testUniqueId: test.unique_id, status: result.status };
  let state = await tx.findOne(DbtTest, {
    where: { domainId: domain.id, testUniqueId: test.unique_id },
    lock: { mode: 'pessimistic_write' },
  });
  if (state && (await tx.existsBy(DbtTestOccurrence, { dbtTestId: state.id, invocationId })))
    return { ...base, action: 'already_recorded', investigationId: state.investigationId };
  if (!state)
    state = tx.create(DbtTest, {
      domainId: domain.id,
      testUniqueId: test.unique_id,
      investigationId: null,
      offeredForResolutionAt: null,
    });
  state.testName = test.name.slice(0, 300);
  state.artifactId = artifact.id;
  state.lastStatus = result.status;
  state.failing = FAILING.includes(result.status);
  state.lastSeenAt = now;
  const open = state.investigationId ? await tx.findOneBy(Investigation, { id: state.investigationId }) : null;
  const investigation = open && isOpenInvestigation(open.status) ? open : null;
  let action: DbtResultsOutcome['action'];
  let investigationId = investigation?.id ?? null;
  if (state.failing) {
    if (investigation) {
      action = 'occurrence';
      state.offeredForResolutionAt = null;
    } else if (canReportInvestigation(domain.stage)) {
      const created = await openInvestigation(tx, actor, domain, test, artifact, result, invocationId, now);
      state.investigationId = created.id;
      state.offeredForResolutionAt = null;
      investigationId = created.id;
      action = 'opened';
    } else action = 'held_before_handoff';
  } else if (investigation && result.status === 'pass') {
    action = 'offered_for_resolution';
    if (!state.offeredForResolutionAt) {
      state.offeredForResolutionAt = now;
      await offerResolution(tx, actor, domain, investigation, test, invocationId, now);
    }
  } else action = investigation ? 'occurrence' : 'passing';
  await tx.save(state);
  await tx.insert(DbtTestOccurrence, {
    dbtTestId: state.id,
    investigationId,
    invocationId,
    status: result.status,
    failures: result.failures,
    message: result.message.slice(0, 10_000),
    recordedAt: now,
  });
  if (investigation && action !== 'opened')
    await recordAudit(tx, actor, {
      action: 'investigation.dbt_occurrence',
      entityType: 'investigation',
      entityId: String(investigation.id),
      domainId: domain.id,
      after: { testUniqueId: test.unique_id, invocationId, status: result.status, failures: result.failures },
    });
  return { ...base, action, investigationId };
}

async function openInvestigation(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  test: ManifestNode,
  artifact: { id: string; name: string },
  result: { status: string; message: string; failures: number | null },
  invocationId: string,
  now: Date,
): Promise<Investigation> {
  const investigation = await tx.save(
    tx.create(Investigation, {
      domainId: domain.id,
      title: `dbt test ${result.status === 'error' ? 'errors' : 'fails'}: ${test.name}`.slice(0, 300),
      observed: `${describeRun(result.status, result.message, result.failures, invocationId)}\n\nTest \`${test.unique_id}\` on ${artifact.name}.`,
      expected: 'The dbt test passes.',
      artifactId: artifact.id,
      severity: severityOf(test, result.status),
      status: 'reported',
      reporterId: actor.user.id,
      reportedAt: now,
    }),
  );
  await recordAudit(tx, actor, {
    action: 'investigation.create',
    entityType: 'investigation',
    entityId: String(investigation.id),
    domainId: domain.id,
    after: { ...auditable(investigation), dbtTestUniqueId: test.unique_id },
  });
  await notify(
    tx,
    await leadIdsOf(tx, domain.id),
    {
      kind: 'investigation_reported',
      domainId: domain.id,
      entityType: 'investigation',
      entityId: String(investigation.id),
      at: now,
      message: `dbt reported a failing test on ${domain.key}: ${investigation.title}`,
    },
    actor.user.id,
  );
  return investigation;
}

/** The test passes again: said on the investigation and to its investigator and the leads; not closed. */
async function offerResolution(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  investigation: Investigation,
  test: ManifestNode,
  invocationId: string,
  now: Date,
): Promise<void> {
  await addComment(
    tx,
    actor,
    {
      subjectType: 'investigation',
      subjectId: String(investigation.id),
      domainId: domain.id,
      body: `The dbt test \`${test.unique_id}\` passes again (run \`${invocationId}\`). This investigation is offered for resolution: resolve it with its root cause once you know why it failed.`,
    },
    now,
  );
  const people = new Set(await leadIdsOf(tx, domain.id));
  if (investigation.investigatorId) people.add(investigation.investigatorId);
  await notify(
    tx,
    [...people],
    {
      kind: 'assigned',
      domainId: domain.id,
      entityType: 'investigation',
      entityId: String(investigation.id),
      at: now,
      message: `dbt test ${test.name} passes again on ${domain.key}: investigation #${investigation.id} can be resolved.`,
    },
    actor.user.id,
  );
}

/** The domain's dbt tests, failing first, with their investigation and how often they ran. */
export async function listDbtTests(em: EntityManager, domainId: string): Promise<DbtTestState[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT t.test_unique_id, t.test_name, t.artifact_id, a.name AS artifact_name, t.last_status, t.failing,
            t.investigation_id, i.status AS investigation_status, t.offered_for_resolution_at, t.last_seen_at,
            (SELECT count(*)::int FROM dbt_test_occurrence o WHERE o.dbt_test_id = t.id) AS occurrences
       FROM dbt_test t
       LEFT JOIN artifact a ON a.id = t.artifact_id
       LEFT JOIN investigation i ON i.id = t.investigation_id
      WHERE t.domain_id = $1
      ORDER BY t.failing DESC, t.test_unique_id
      LIMIT 500`,
    [domainId],
  );
  return rows.map((row) => ({
    testUniqueId: String(row.test_unique_id),
    testName: String(row.test_name),
    artifactId: (row.artifact_id as string | null) ?? null,
    artifactName: (row.artifact_name as string | null) ?? null,
    lastStatus: String(row.last_status),
    failing: Boolean(row.failing),
    investigationId: row.investigation_id === null ? null : Number(row.investigation_id),
    investigationStatus: (row.investigation_status as InvestigationStatus | null) ?? null,
    offeredForResolutionAt: row.offered_for_resolution_at
      ? new Date(row.offered_for_resolution_at as string).toISOString()
      : null,
    occurrences: Number(row.occurrences),
    lastSeenAt: new Date(row.last_seen_at as string).toISOString(),
  }));
}
