import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { UserRef } from '../../../shared/api/common';
import type { ArtifactStatus, ArtifactType } from '../../../shared/api/enums';
import type { CaveatView } from '../../../shared/api/tickets';
import type { DbtSource } from '../../../shared/api/dbt';
import { Artifact } from './artifact.entity';

/** An artifact with what its view needs: domain key, owner and caveats. */
export interface ArtifactRecord {
  id: string;
  domainId: string;
  domainKey: string;
  type: ArtifactType;
  name: string;
  status: ArtifactStatus;
  description: string;
  details: Record<string, string>;
  owner: UserRef | null;
  caveats: CaveatView[];
  dbtUniqueId: string | null;
  dbtSource: Omit<DbtSource, 'ownedFields'> | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

type Raw = Record<string, unknown>;

/** Artifacts with their domain key and owner in one query; callers add WHERE, ORDER BY, LIMIT. */
export function artifactRecordQuery(em: EntityManager): SelectQueryBuilder<Artifact> {
  return em
    .createQueryBuilder(Artifact, 'a')
    .innerJoin('domain', 'd', 'd.id = a.domain_id')
    .leftJoin('user', 'o', 'o.id = a.owner_id')
    .select([
      'a.id AS id',
      'a.domain_id AS domain_id',
      'd.key AS domain_key',
      'a.type AS type',
      'a.name AS name',
      'a.status AS status',
      'a.description AS description',
      'a.details AS details',
      'a.owner_id AS owner_id',
      'a.dbt_unique_id AS dbt_unique_id',
      'a.dbt_source AS dbt_source',
      'o.name AS owner_name',
      'o.email AS owner_email',
      'a.version AS version',
      'a.created_at AS created_at',
      'a.updated_at AS updated_at',
    ]);
}

/** The caveats of many artifacts in one query, oldest first, grouped by artifact id. */
export async function caveatsOf(em: EntityManager, artifactIds: string[]): Promise<Map<string, CaveatView[]>> {
  const byArtifact = new Map<string, CaveatView[]>();
  if (!artifactIds.length) return byArtifact;
  const rows: Raw[] = await em.query(
    `SELECT c.id, c.artifact_id, c.text, c.recurrence, c.investigation_id, c.created_at, c.author_id, u.name, u.email
       FROM caveat c LEFT JOIN "user" u ON u.id = c.author_id
      WHERE c.artifact_id = ANY($1::uuid[])
      ORDER BY c.created_at, c.id`,
    [artifactIds],
  );
  for (const row of rows) {
    const list = byArtifact.get(String(row.artifact_id)) ?? [];
    list.push({
      id: String(row.id),
      text: String(row.text),
      recurrence: (row.recurrence as CaveatView['recurrence']) ?? null,
      investigationId: row.investigation_id === null ? null : Number(row.investigation_id),
      author:
        row.author_id && row.name
          ? { id: String(row.author_id), name: String(row.name), email: String(row.email) }
          : null,
      createdAt: new Date(row.created_at as string).toISOString(),
    });
    byArtifact.set(String(row.artifact_id), list);
  }
  return byArtifact;
}

/** Maps raw rows and attaches their caveats (one extra query for the whole list). */
export async function toArtifactRecords(em: EntityManager, rows: Raw[]): Promise<ArtifactRecord[]> {
  const caveats = await caveatsOf(
    em,
    rows.map((row) => String(row.id)),
  );
  return rows.map((row) => ({
    id: String(row.id),
    domainId: String(row.domain_id),
    domainKey: String(row.domain_key),
    type: row.type as ArtifactType,
    name: String(row.name),
    status: row.status as ArtifactStatus,
    description: String(row.description),
    details: (row.details as Record<string, string> | null) ?? {},
    owner:
      row.owner_id && row.owner_name
        ? { id: String(row.owner_id), name: String(row.owner_name), email: String(row.owner_email) }
        : null,
    caveats: caveats.get(String(row.id)) ?? [],
    dbtUniqueId: (row.dbt_unique_id as string | null) ?? null,
    dbtSource: (row.dbt_source as ArtifactRecord['dbtSource']) ?? null,
    version: Number(row.version),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }));
}

export async function loadArtifactRecord(em: EntityManager, id: string): Promise<ArtifactRecord | null> {
  const row = await artifactRecordQuery(em).where('a.id = :id', { id }).getRawOne<Raw>();
  return row ? (await toArtifactRecords(em, [row]))[0] : null;
}
