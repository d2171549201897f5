import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '../../../shared/api/common';
import type { ArtifactType } from '../../../shared/api/enums';
import type { CaveatView } from '../../../shared/api/tickets';
import type { CaveatRecurrence } from '../../../shared/monitors/recurrence';
import { badRequest, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { auditable, recordAudit } from '../audit/audit.service';
import {
  assertContribute,
  findDomain,
  lockDomain,
  lockDomainById,
  touchDomain,
  type DomainPermissions,
} from '../domains/domain-access';
import { assertVersion, type ExpectedVersion } from '../../http/preconditions';
import { permissionsIn } from '../tickets/tickets.service';
import { User } from '../users/user.entity';
import { recheckSignOffs } from '../gates/staleness';
import { onArtifactNews } from '../gates/trust-news';
import { Artifact } from './artifact.entity';
import type { ArtifactListQuery, CreateArtifactDto, UpdateArtifactDto } from './artifacts.dto';
import {
  artifactRecordQuery,
  caveatsOf,
  loadArtifactRecord,
  toArtifactRecords,
  type ArtifactRecord,
} from './artifacts.query';
import { Caveat } from './caveat.entity';
import { assertNotDbtOwned } from '../dbt/dbt-ownership';

export interface ArtifactResult {
  artifact: ArtifactRecord;
  permissions: DomainPermissions;
}

/** The details each artifact type records (PRODUCT.md 3); the web form offers the same fields. */
export const ARTIFACT_DETAIL_FIELDS: Record<ArtifactType, readonly string[]> = {
  metric: ['definition', 'formula', 'grain'],
  dataset: ['location', 'grain', 'refresh'],
  analysis: ['link', 'question'],
};
const MAX_DETAIL_LENGTH = 10_000;

/** Keeps the type's own fields, trimmed, empty ones dropped; anything else is a 400 on that field. */
function normalizeDetails(type: ArtifactType, details: Record<string, unknown>): Record<string, string> {
  const allowed = ARTIFACT_DETAIL_FIELDS[type];
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(details)) {
    const field = `details.${key}`;
    if (!allowed.includes(key)) throw badRequest(field, `is not a field of a ${type}; use ${allowed.join(', ')}`);
    if (typeof value !== 'string') throw badRequest(field, 'must be a string');
    if (value.length > MAX_DETAIL_LENGTH) throw badRequest(field, `must be at most ${MAX_DETAIL_LENGTH} characters`);
    const text = value.trim();
    if (!text) continue;
    // the link is rendered as an anchor: only web addresses, never javascript: or data:
    if (key === 'link' && !/^https?:\/\/\S+$/i.test(text)) throw badRequest(field, 'must be an http(s) URL');
    clean[key] = text;
  }
  return clean;
}

async function assertOwner(tx: EntityManager, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await tx.existsBy(User, { id: ownerId, active: true })))
    throw badRequest('ownerId', 'must be an active user');
}

/** Creates an artifact; without an ownerId its creator owns it (null: nobody). */
export async function createArtifact(
  dataSource: DataSource,
  actor: Actor,
  domainKey: string,
  input: CreateArtifactDto,
  now: Date,
): Promise<ArtifactResult> {
  return dataSource.transaction(async (tx) => {
    // the domain lock orders this against sign-offs, which snapshot the artifacts
    const domain = await lockDomain(tx, domainKey);
    const permissions = await permissionsIn(tx, actor, domain.id);
    assertContribute(permissions);
    const details = normalizeDetails(input.type, input.details ?? {});
    const ownerId = input.ownerId === undefined ? actor.user.id : input.ownerId;
    await assertOwner(tx, ownerId);
    const artifact = await tx.save(
      tx.create(Artifact, {
        domainId: domain.id,
        type: input.type,
        name: input.name.trim(),
        status: input.status ?? 'draft',
        description: input.description ?? '',
        details,
        ownerId,
        createdAt: now,
      }),
    );
    await recordAudit(tx, actor, {
      action: 'artifact.create',
      entityType: 'artifact',
      entityId: artifact.id,
      domainId: domain.id,
      after: auditable(artifact),
    });
    await recheckSignOffs(tx, actor, domain, now);
    await touchDomain(tx, domain.id, now);
    return { artifact: (await loadArtifactRecord(tx, artifact.id))!, permissions };
  });
}

export async function getArtifact(dataSource: DataSource, actor: Actor, id: string): Promise<ArtifactResult> {
  const artifact = await loadArtifactRecord(dataSource.manager, id);
  if (!artifact) throw notFound('Artifact');
  return { artifact, permissions: await permissionsIn(dataSource.manager, actor, artifact.domainId) };
}

/** Applies a partial update at the version the caller edited (domain row locked, then the artifact). */
export async function updateArtifact(
  dataSource: DataSource,
  actor: Actor,
  id: string,
  input: UpdateArtifactDto,
  expected: ExpectedVersion,
  now: Date,
): Promise<ArtifactResult> {
  return dataSource.transaction(async (tx) => {
    const found = await tx.findOneBy(Artifact, { id });
    if (!found) throw notFound('Artifact');
    const domain = await lockDomainById(tx, found.domainId);
    const artifact = await tx.findOne(Artifact, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!artifact) throw notFound('Artifact');
    const permissions = await permissionsIn(tx, actor, domain.id);
    assertContribute(permissions);
    assertVersion(`Artifact ${artifact.name}`, artifact.version, expected);
    assertNotDbtOwned(artifact, input);
    const details = input.details === undefined ? undefined : normalizeDetails(artifact.type, input.details);
    await assertOwner(tx, input.ownerId);
    const before = auditable(artifact);
    const deprecated = input.status === 'deprecated' && artifact.status !== 'deprecated';
    if (input.name !== undefined) artifact.name = input.name.trim();
    if (input.status !== undefined) artifact.status = input.status;
    if (input.description !== undefined) artifact.description = input.description;
    if (details !== undefined) artifact.details = details;
    if (input.ownerId !== undefined) artifact.ownerId = input.ownerId;
    await tx.save(artifact);
    await recordAudit(tx, actor, {
      action: 'artifact.update',
      entityType: 'artifact',
      entityId: artifact.id,
      domainId: domain.id,
      before,
      after: auditable(artifact),
    });
    if (deprecated) await onArtifactNews(tx, actor, artifact, { kind: 'artifact_deprecated' }, now);
    await recheckSignOffs(tx, actor, domain, now);
    await touchDomain(tx, domain.id, now);
    return { artifact: (await loadArtifactRecord(tx, artifact.id))!, permissions };
  });
}

/** A domain's artifacts by name (keyset), with owners and caveats: three queries per page in all. */
export async function listArtifacts(
  dataSource: DataSource,
  actor: Actor,
  domainKey: string,
  query: ArtifactListQuery,
): Promise<Page<ArtifactRecord> & { permissions: DomainPermissions }> {
  const em = dataSource.manager;
  const domain = await findDomain(em, domainKey);
  const permissions = await permissionsIn(em, actor, domain.id);
  const limit = pageLimit(query.limit);
  const qb = artifactRecordQuery(em).where('a.domain_id = :domainId', { domainId: domain.id });
  if (query.type) qb.andWhere('a.type = :type', { type: query.type });
  if (query.status) qb.andWhere('a.status = :status', { status: query.status });
  if (query.q)
    qb.andWhere('(a.name ILIKE :q OR a.description ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
  const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
  const after = decodeCursor(query.cursor, 2);
  if (after)
    qb.andWhere('(a.name, a.id) > (:name, CAST(:id AS uuid))', { name: String(after[0]), id: String(after[1]) });
  const rows = await qb
    .orderBy('a.name', 'ASC')
    .addOrderBy('a.id', 'ASC')
    .limit(fetchSize(limit))
    .getRawMany<Record<string, unknown>>();
  const page = keysetPage(rows, limit, (last) => [String(last.name), String(last.id)]);
  return {
    items: await toArtifactRecords(em, page.rows),
    total: total?.n ?? 0,
    nextCursor: page.nextCursor,
    permissions,
  };
}

/**
 * Adds a caveat to an artifact in the caller's transaction (also used when an investigation is
 * resolved as expected behaviour or a definition mismatch), audited on the artifact's domain.
 */
export async function addCaveat(
  tx: EntityManager,
  actor: Actor | null,
  artifactId: string,
  text: string,
  investigationId: number | null,
  now: Date,
  recurrence: CaveatRecurrence | null = null,
): Promise<CaveatView> {
  const artifact = await tx.findOneBy(Artifact, { id: artifactId });
  if (!artifact) throw notFound('Artifact');
  const caveat = await tx.save(
    tx.create(Caveat, {
      artifactId,
      text: text.trim(),
      recurrence,
      investigationId,
      authorId: actor?.user.id ?? null,
      createdAt: now,
    }),
  );
  await recordAudit(tx, actor, {
    action: 'caveat.create',
    entityType: 'caveat',
    entityId: caveat.id,
    domainId: artifact.domainId,
    after: auditable(caveat),
  });
  await onArtifactNews(tx, actor, artifact, { kind: 'caveat_added', caveat: caveat.text }, now);
  await touchDomain(tx, artifact.domainId, now);
  return {
    id: caveat.id,
    text: caveat.text,
    recurrence: caveat.recurrence,
    investigationId: caveat.investigationId,
    author: actor ? { id: actor.user.id, name: actor.user.name, email: actor.user.email } : null,
    createdAt: caveat.createdAt.toISOString(),
  };
}

/** POST /artifacts/:id/caveats: anyone who may contribute to the artifact's domain. */
export async function addArtifactCaveat(
  dataSource: DataSource,
  actor: Actor,
  artifactId: string,
  text: string,
  now: Date,
  recurrence: CaveatRecurrence | null = null,
): Promise<CaveatView> {
  return dataSource.transaction(async (tx) => {
    const artifact = await tx.findOneBy(Artifact, { id: artifactId });
    if (!artifact) throw notFound('Artifact');
    assertContribute(await permissionsIn(tx, actor, artifact.domainId));
    return addCaveat(tx, actor, artifactId, text, null, now, recurrence);
  });
}

export async function listArtifactCaveats(dataSource: DataSource, artifactId: string): Promise<CaveatView[]> {
  if (!(await dataSource.manager.existsBy(Artifact, { id: artifactId }))) throw notFound('Artifact');
  return (await caveatsOf(dataSource.manager, [artifactId])).get(artifactId) ?? [];
}
