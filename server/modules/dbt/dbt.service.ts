import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../../shared/api/audit';
import type { DbtSelector, DbtStatusView, DbtSyncResult } from '../../../shared/api/dbt';
import { conflict } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import {
  assertContribute,
  assertLead,
  findDomain,
  lockDomain,
  touchDomain,
  type DomainPermissions,
} from '../domains/domain-access';
import type { Domain } from '../domains/domain.entity';
import { recheckSignOffs } from '../gates/staleness';
import { permissionsIn } from '../tickets/tickets.service';
import { readManifest } from './dbt-artifacts';
import { isEmptySelector, selectorOf } from './dbt-mapping';
import { computePlan, type ComputedPlan } from './dbt-plan';
import { listDbtTests } from './dbt-results.service';

/** Rows per INSERT: large manifests are written in a few statements, not one per node. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One audit event per artifact, a chunk per INSERT (the events travel as one JSON array). */
async function auditMany(
  tx: EntityManager,
  actor: Actor,
  domainId: string,
  events: { action: AuditAction; entityId: string; before?: unknown; after?: unknown }[],
): Promise<void> {
  for (const part of chunks(events)) {
    await tx.query(
      `INSERT INTO audit_event (actor_id, action, entity_type, entity_id, domain_id, before, after, request_id)
       SELECT $1, r.action, 'artifact', r.entity_id, $2, r.before, r.after, $3
         FROM jsonb_to_recordset($4::jsonb) AS r(action varchar, entity_id varchar, before jsonb, after jsonb)`,
      [
        actor.user.id,
        domainId,
        actor.requestId ?? null,
        JSON.stringify(
          part.map((event) => ({
            action: event.action,
            entity_id: event.entityId,
            before: event.before ?? null,
            after: event.after ?? null,
          })),
        ),
      ],
    );
  }
}

function assertSelector(domain: Domain): DbtSelector {
  const selector = selectorOf(domain.dbtSelector);
  if (isEmptySelector(selector))
    throw conflict(
      'conflict',
      `${domain.key} has no dbt selector yet: a lead sets its groups, tags, folders or unique_ids first (PUT /domains/${domain.key}/dbt/selector).`,
    );
  return selector;
}

/** Writes a computed plan: inserts, updates, deprecations, one audit event per artifact. */
async function applyPlan(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  computed: ComputedPlan,
  now: Date,
): Promise<void> {
  const created: { id: string; desired: ComputedPlan['create'][number] }[] = [];
  for (const part of chunks(computed.create)) {
    const rows: { id: string; dbt_unique_id: string }[] = await tx.query(
      `INSERT INTO artifact (domain_id, type, name, status, description, details, owner_id, dbt_unique_id, dbt_source,
                             version, created_at, updated_at)
       SELECT $1, r.type, r.name, 'draft', r.description, r.details, r.owner_id, r.dbt_unique_id, r.dbt_source, 1, $2, $2
         FROM jsonb_to_recordset($3::jsonb) AS r(type varchar, name varchar, description text, details jsonb,
                                                 owner_id uuid, dbt_unique_id varchar, dbt_source jsonb)
       RETURNING id, dbt_unique_id`,
      [
        domain.id,
        now,
        JSON.stringify(
          part.map((desired) => ({
            type: desired.spec.type,
            name: desired.spec.name,
            description: desired.spec.description,
            details: desired.details,
            owner_id: desired.ownerId,
            dbt_unique_id: desired.spec.uniqueId,
            dbt_source: desired.source,
          })),
        ),
      ],
    );
    const byUniqueId = new Map(part.map((desired) => [desired.spec.uniqueId, desired]));
    for (const row of rows) created.push({ id: String(row.id), desired: byUniqueId.get(row.dbt_unique_id)! });
  }
  await auditMany(
    tx,
    actor,
    domain.id,
    created.map(({ id, desired }) => ({
      action: 'artifact.dbt_create',
      entityId: id,
      after: {
        type: desired.spec.type,
        name: desired.spec.name,
        description: desired.spec.description,
        details: desired.details,
        ownerId: desired.ownerId,
        dbtUniqueId: desired.spec.uniqueId,
        dbtSource: desired.source,
      },
    })),
  );
  // one UPDATE per chunk: the changed rows arrive as one JSON array of their new values
  for (const part of chunks(computed.change)) {
    const rows = part.map(({ stored, desired }) => ({
      id: stored.id,
      name: desired.spec.name,
      description: desired.spec.description,
      details: desired.details,
      owner_id: desired.ownerId,
      dbt_source: desired.source,
      status: desired.status,
    }));
    await tx.query(
      `UPDATE artifact a
          SET name = r.name, description = r.description, details = r.details, owner_id = r.owner_id,
              dbt_source = r.dbt_source, status = COALESCE(r.status, a.status), version = a.version + 1, updated_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name varchar, description text, details jsonb, owner_id uuid,
                                                 dbt_source jsonb, status varchar)
        WHERE a.id = r.id`,
      [JSON.stringify(rows), now],
    );
  }
  await auditMany(
    tx,
    actor,
    domain.id,
    computed.change.map(({ stored, changes }) => ({
      action: 'artifact.dbt_update',
      entityId: stored.id,
      before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
    })),
  );
  const removedIds = computed.remove.map((artifact) => artifact.id);
  for (const part of chunks(removedIds)) {
    await tx.query(
      `UPDATE artifact SET status = 'deprecated', version = version + 1, updated_at = $2 WHERE id = ANY($1::uuid[])`,
      [part, now],
    );
  }
  await auditMany(
    tx,
    actor,
    domain.id,
    computed.remove.map((artifact) => ({
      action: 'artifact.dbt_deprecate',
      entityId: artifact.id,
      before: { status: artifact.status },
      after: { status: 'deprecated', reason: `${artifact.dbtUniqueId} is no longer in the dbt project's selection` },
    })),
  );
}

/**
 * POST /domains/:key/dbt/sync. A dry run answers the plan and writes nothing; a sync computes the
 * same plan under the domain lock and applies it in one transaction (optionally only if its
 * fingerprint is still `expectedHash`). Sign-offs that held a changed ready artifact go stale.
 */
export async function syncManifest(
  deps: AppDeps,
  actor: Actor,
  domainKey: string,
  document: unknown,
  options: { dryRun: boolean; expectedHash?: string },
): Promise<DbtSyncResult> {
  const manifest = readManifest(document);
  const now = deps.now();
  if (options.dryRun) {
    const em = deps.dataSource.manager;
    const domain = await findDomain(em, domainKey);
    assertContribute(await permissionsIn(em, actor, domain.id));
    const computed = await computePlan(em, domain.id, manifest, assertSelector(domain));
    return { dryRun: true, plan: computed.plan, staleSignOffs: 0 };
  }
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, domainKey);
    assertLead(await permissionsIn(tx, actor, domain.id));
    const computed = await computePlan(tx, domain.id, manifest, assertSelector(domain));
    if (options.expectedHash && options.expectedHash !== computed.plan.planHash)
      throw conflict(
        'conflict',
        'The plan changed since it was reviewed: run the dry run again and review the new plan.',
        {
          planHash: computed.plan.planHash,
        },
      );
    const writes = computed.create.length + computed.change.length + computed.remove.length;
    if (!writes) return { dryRun: false, plan: computed.plan, staleSignOffs: 0 };
    await applyPlan(tx, actor, domain, computed, now);
    const asked = await recheckSignOffs(tx, actor, domain, now);
    await touchDomain(tx, domain.id, now);
    return { dryRun: false, plan: computed.plan, staleSignOffs: asked.length };
  });
}

/** PUT /domains/:key/dbt/selector: leads and admins; audited with before and after. */
export async function putSelector(
  deps: AppDeps,
  actor: Actor,
  domainKey: string,
  input: Partial<DbtSelector>,
): Promise<DbtSelector> {
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, domainKey);
    assertLead(await permissionsIn(tx, actor, domain.id));
    const before = selectorOf(domain.dbtSelector);
    const clean = (list: string[] | undefined, fallback: string[]) =>
      list === undefined ? fallback : [...new Set(list.map((item) => item.trim()).filter(Boolean))];
    const after: DbtSelector = {
      groups: clean(input.groups, before.groups),
      tags: clean(input.tags, before.tags),
      pathPrefixes: clean(input.pathPrefixes, before.pathPrefixes),
      uniqueIds: clean(input.uniqueIds, before.uniqueIds),
      repoUrl: input.repoUrl === undefined ? before.repoUrl : input.repoUrl?.trim() || null,
    };
    await tx.query(`UPDATE "domain" SET dbt_selector = $2, version = version + 1 WHERE id = $1`, [
      domain.id,
      JSON.stringify(after),
    ]);
    await recordAudit(tx, actor, {
      action: 'domain.dbt_selector',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      before,
      after,
    });
    return after;
  });
}

function canOf(permissions: DomainPermissions): DbtStatusView['can'] {
  return { sync: permissions.lead, editSelector: permissions.lead, postResults: permissions.contribute };
}

/** GET /domains/:key/dbt: the selector, how many artifacts dbt owns, and the domain's dbt tests. */
export async function dbtStatus(deps: AppDeps, actor: Actor, domainKey: string): Promise<DbtStatusView> {
  const em = deps.dataSource.manager;
  const domain = await findDomain(em, domainKey);
  const permissions = await permissionsIn(em, actor, domain.id);
  const [count] = await em.query(
    `SELECT count(*)::int AS n FROM artifact WHERE domain_id = $1 AND dbt_unique_id IS NOT NULL AND status <> 'deprecated'`,
    [domain.id],
  );
  const tests = await listDbtTests(em, domain.id);
  return {
    selector: selectorOf(domain.dbtSelector),
    artifacts: Number(count?.n ?? 0),
    failingTests: tests.filter((test) => test.failing).length,
    tests,
    can: canOf(permissions),
  };
}
