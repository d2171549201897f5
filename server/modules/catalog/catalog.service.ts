import type { DataSource, EntityManager } from 'typeorm';
import type {
  CatalogEntryView,
  CatalogInvestigationRef,
  CatalogLeadView,
  CatalogSignOffView,
  TrustView,
} from '../../../shared/api/catalog';
import type { Page } from '../../../shared/api/common';
import type { DomainRole, DomainStage, InvestigationStatus, Severity } from '../../../shared/api/enums';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import { notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { decodeCursor, encodeCursor, pageLimit } from '../../http/pagination';
import { domainPermissions } from '../domains/domain-access';
import { artifactRecordQuery, toArtifactRecords, type ArtifactRecord } from '../artifacts/artifacts.query';
import { artifactBadgeUrls, domainBadgeUrls } from './badge-token';
import type { CatalogQueryDto } from './catalog.dto';

type Raw = Record<string, unknown>;

/**
 * The trust status of artifact `a` in domain `d`, in SQL (the same rules as trustOf below):
 * deprecated wins; then a certified domain at risk; then a ready artifact of a certified domain;
 * everything else is still in progress.
 */
export const TRUST_SQL = `CASE WHEN a.status = 'deprecated' THEN 'deprecated'
  WHEN d.stage = 'certified' AND d.at_risk THEN 'at_risk'
  WHEN d.stage = 'certified' AND a.status = 'ready' THEN 'certified'
  ELSE 'in_progress' END`;

/**
 * The catalog's first sort key, higher first: certified, at risk, then in progress from the last
 * phase to the first (a draft of a certified domain sits with the confidence phase), deprecated last.
 */
export const TRUST_RANK_SQL = `CASE WHEN a.status = 'deprecated' THEN 0
  WHEN d.stage = 'certified' AND d.at_risk THEN 9
  WHEN d.stage = 'certified' AND a.status = 'ready' THEN 10
  WHEN d.stage = 'certified' THEN 8
  ELSE CASE d.stage WHEN 'confidence' THEN 8 WHEN 'weirdness' THEN 7 WHEN 'handoff' THEN 6 WHEN 'scoping' THEN 5 ELSE 4 END
  END`;

/** The same rules as TRUST_SQL, for one artifact already loaded. */
export function trustOf(
  artifactStatus: string,
  domain: { stage: DomainStage; atRisk: boolean; atRiskReason: string | null },
): TrustView {
  if (artifactStatus === 'deprecated') return { status: 'deprecated', phase: null, reason: null };
  if (domain.stage === 'certified' && domain.atRisk)
    return { status: 'at_risk', phase: null, reason: domain.atRiskReason ?? 'The domain is at risk.' };
  if (domain.stage === 'certified' && artifactStatus === 'ready')
    return { status: 'certified', phase: null, reason: null };
  if (domain.stage === 'certified')
    return {
      status: 'in_progress',
      phase: 'certified',
      reason: 'A draft: not yet marked ready in its certified domain.',
    };
  return { status: 'in_progress', phase: domain.stage, reason: null };
}

/** Relevance as an integer (ts_rank × 10⁶), so a keyset cursor carries it exactly. */
const RELEVANCE_SQL = (query: string) => `floor(ts_rank(a.search, ${query}) * 1000000)::int`;

/**
 * The words of a search box as a prefix query (`weekly ret` finds "weekly retention"): letters
 * and digits only, so no input is a tsquery syntax error. Null when nothing searchable is left.
 */
export function prefixQuery(text: string | undefined): string | null {
  const words = (text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12)
    .map((word) => `${word.slice(0, 100)}:*`);
  return words.length ? words.join(' & ') : null;
}

/**
 * GET /catalog: every artifact of every domain, filtered, searched and keyset-paginated, sorted by
 * trust, then relevance (with a search), then name. Two statements for the ids of the page (and
 * the total), then one per part of the entries (records, caveats, leads, investigations, sign-offs).
 */
export async function listCatalog(
  dataSource: DataSource,
  actor: Actor,
  query: CatalogQueryDto,
): Promise<Page<CatalogEntryView>> {
  const em = dataSource.manager;
  const limit = pageLimit(query.limit);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters: string[] = [];
  if (query.type) filters.push(`a.type = ${param(query.type)}`);
  if (query.domain) filters.push(`d.key = ${param(query.domain.toUpperCase())}`);
  if (query.owner)
    filters.push(`a.owner_id = ${param(query.owner === 'me' ? actor.user.id : query.owner.toLowerCase())}`);
  const words = prefixQuery(query.q);
  let relevance = '0';
  if (words) {
    const tsquery = `to_tsquery('english', ${param(words)})`;
    filters.push(`a.search @@ ${tsquery}`);
    relevance = RELEVANCE_SQL(tsquery);
  } else if (query.q?.trim()) {
    // only punctuation: nothing can match
    filters.push('false');
  }
  const trustFilter = query.trust ? `WHERE f.trust = ${param(query.trust)}` : '';
  const filterParams = params.length;
  const after = decodeCursor(query.cursor, 4);
  const keyset = after
    ? `WHERE (-f.trust_rank, -f.relevance, f.name, f.id) > (${param(-Number(after[0]))}::int, ${param(-Number(after[1]))}::int, ${param(String(after[2]))}::text, CAST(${param(String(after[3]))} AS uuid))`
    : '';
  const base = `SELECT a.id, a.name, ${TRUST_SQL} AS trust, ${TRUST_RANK_SQL} AS trust_rank, ${relevance} AS relevance
      FROM artifact a JOIN "domain" d ON d.id = a.domain_id
      ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}`;
  const rows: Raw[] = await em.query(
    `WITH ranked AS (${base}),
          filtered AS (SELECT f.*, count(*) OVER () AS total FROM ranked f ${trustFilter})
     SELECT f.id, f.name, f.trust_rank, f.relevance, f.total FROM filtered f ${keyset}
      ORDER BY -f.trust_rank, -f.relevance, f.name, f.id LIMIT ${limit + 1}`,
    params,
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && after) {
    // a cursor past the last row: the page is empty but the total is not
    const [row]: { n: number }[] = await em.query(
      `WITH ranked AS (${base}) SELECT count(*)::int AS n FROM ranked f ${trustFilter}`,
      params.slice(0, filterParams),
    );
    total = row?.n ?? 0;
  }
  const page = rows.slice(0, limit);
  const items = await catalogEntries(
    em,
    actor,
    page.map((row) => String(row.id)),
  );
  const last = page[page.length - 1];
  return {
    items,
    total,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor([Number(last.trust_rank), Number(last.relevance), String(last.name), String(last.id)])
        : null,
  };
}

/** GET /catalog/:id: one artifact's entry (its page). */
export async function getCatalogEntry(dataSource: DataSource, actor: Actor, id: string): Promise<CatalogEntryView> {
  const [entry] = await catalogEntries(dataSource.manager, actor, [id]);
  if (!entry) throw notFound('Artifact');
  return entry;
}

interface DomainFacts {
  name: string;
  stage: DomainStage;
  atRisk: boolean;
  atRiskReason: string | null;
}

/** The entries of the given artifacts, in the order given. */
async function catalogEntries(em: EntityManager, actor: Actor, ids: string[]): Promise<CatalogEntryView[]> {
  if (!ids.length) return [];
  const rows: Raw[] = await artifactRecordQuery(em)
    .addSelect([
      'a.badge_token AS badge_token',
      'd.badge_token AS domain_badge_token',
      'd.name AS domain_name',
      'd.stage AS domain_stage',
      'd.at_risk AS at_risk',
      'd.at_risk_reason AS at_risk_reason',
    ])
    .where('a.id IN (:...ids)', { ids })
    .getRawMany<Raw>();
  const records = await toArtifactRecords(em, rows);
  const domains = new Map<string, DomainFacts>(
    rows.map((row) => [
      String(row.domain_id),
      {
        name: String(row.domain_name),
        stage: row.domain_stage as DomainStage,
        atRisk: Boolean(row.at_risk),
        atRiskReason: row.at_risk_reason === null ? null : String(row.at_risk_reason),
      },
    ]),
  );
  const domainIds = [...domains.keys()];
  const [leads, investigations, signOffs, roles] = await Promise.all([
    leadsOf(em, domainIds),
    openInvestigationsOf(em, ids),
    lastSignOffsOf(em, ids),
    rolesIn(em, actor, domainIds),
  ]);
  const tokens = new Map(
    rows.map((row) => [String(row.id), { artifact: String(row.badge_token), domain: String(row.domain_badge_token) }]),
  );
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids
    .map((id) => byId.get(id))
    .filter((record): record is ArtifactRecord => !!record)
    .map((record) => {
      const domain = domains.get(record.domainId)!;
      const signOff = signOffs.get(record.id) ?? null;
      const permissions = domainPermissions(actor, roles.get(record.domainId) ?? []);
      const token = tokens.get(record.id)!;
      return {
        id: record.id,
        type: record.type,
        name: record.name,
        status: record.status,
        description: record.description,
        details: record.details,
        domain: { key: record.domainKey, name: domain.name, stage: domain.stage },
        trust: trustOf(record.status, domain),
        caveats: record.caveats,
        openInvestigations: investigations.get(record.id) ?? { total: 0, items: [] },
        owner: record.owner,
        leads: leads.get(record.domainId) ?? [],
        lastSignOff: signOff ? { ...signOff, changedSince: signOff.artifactVersion !== record.version } : null,
        updatedAt: record.updatedAt.toISOString(),
        badges: {
          artifact: artifactBadgeUrls(record.id, token.artifact),
          domain: domainBadgeUrls(record.domainKey, token.domain),
        },
        can: { report: permissions.contribute, rotateBadge: permissions.lead },
      };
    });
}

/** The caller's roles in each domain. */
async function rolesIn(em: EntityManager, actor: Actor, domainIds: string[]): Promise<Map<string, DomainRole[]>> {
  const rows: { domain_id: string; roles: DomainRole[] }[] = await em.query(
    `SELECT domain_id, array_agg(role::text) AS roles FROM domain_member
      WHERE user_id = $1 AND domain_id = ANY($2::uuid[]) GROUP BY domain_id`,
    [actor.user.id, domainIds],
  );
  return new Map(rows.map((row) => [row.domain_id, row.roles]));
}

/** The ds_leads and product_leads of each domain, by name. */
async function leadsOf(em: EntityManager, domainIds: string[]): Promise<Map<string, CatalogLeadView[]>> {
  const rows: Raw[] = await em.query(
    `SELECT m.domain_id, u.id, u.name, u.email, array_agg(m.role::text ORDER BY m.role) AS roles
       FROM domain_member m JOIN "user" u ON u.id = m.user_id
      WHERE m.domain_id = ANY($1::uuid[]) AND m.role IN ('ds_lead', 'product_lead') AND u.active
      GROUP BY m.domain_id, u.id, u.name, u.email
      ORDER BY u.name, u.id`,
    [domainIds],
  );
  const byDomain = new Map<string, CatalogLeadView[]>();
  for (const row of rows) {
    const list = byDomain.get(String(row.domain_id)) ?? [];
    list.push({
      id: String(row.id),
      name: String(row.name),
      email: String(row.email),
      roles: row.roles as DomainRole[],
    });
    byDomain.set(String(row.domain_id), list);
  }
  return byDomain;
}

/** How many investigations about each artifact are open, and the ten most serious of them. */
async function openInvestigationsOf(
  em: EntityManager,
  artifactIds: string[],
): Promise<Map<string, { total: number; items: CatalogInvestigationRef[] }>> {
  const rows: Raw[] = await em.query(
    `SELECT * FROM (
       SELECT i.artifact_id, i.id, i.title, i.severity, i.status,
              count(*) OVER (PARTITION BY i.artifact_id) AS total,
              row_number() OVER (PARTITION BY i.artifact_id ORDER BY
                CASE i.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, i.id) AS n
         FROM investigation i
        WHERE i.artifact_id = ANY($1::uuid[]) AND i.status = ANY($2::text[])) x
      WHERE x.n <= 10 ORDER BY x.n`,
    [artifactIds, OPEN_INVESTIGATION_STATUSES],
  );
  const byArtifact = new Map<string, { total: number; items: CatalogInvestigationRef[] }>();
  for (const row of rows) {
    const entry = byArtifact.get(String(row.artifact_id)) ?? { total: Number(row.total), items: [] };
    entry.items.push({
      id: Number(row.id),
      title: String(row.title),
      severity: row.severity as Severity,
      status: row.status as InvestigationStatus,
    });
    byArtifact.set(String(row.artifact_id), entry);
  }
  return byArtifact;
}

/** Per artifact, the newest approval whose frozen evidence listed it (any version). */
async function lastSignOffsOf(
  em: EntityManager,
  artifactIds: string[],
): Promise<Map<string, Omit<CatalogSignOffView, 'changedSince'>>> {
  const rows: Raw[] = await em.query(
    `SELECT a.id AS artifact_id, s.id, s.phase, s.round, s.role, s.comment, s.created_at, s.stale_at,
            s.user_id, u.name, u.email, seen.version AS seen_version,
            s.evidence->>'capturedAt' AS captured_at,
            jsonb_array_length(coalesce(s.evidence->'criteria', '[]')) AS criteria_total,
            (SELECT count(*) FROM jsonb_array_elements(coalesce(s.evidence->'criteria', '[]')) c
              WHERE (c->>'passed')::boolean OR (c->>'waived')::boolean) AS criteria_passed,
            jsonb_array_length(coalesce(s.evidence->'openItems', '[]')) AS open_items
       FROM artifact a
       CROSS JOIN LATERAL (
         SELECT s.* FROM sign_off s
          WHERE s.domain_id = a.domain_id AND s.decision = 'approve'
            AND s.evidence->'artifacts' @> jsonb_build_array(jsonb_build_object('id', a.id::text))
          ORDER BY s.created_at DESC, s.id DESC LIMIT 1) s
       CROSS JOIN LATERAL (
         SELECT (e->>'version')::int AS version FROM jsonb_array_elements(s.evidence->'artifacts') e
          WHERE e->>'id' = a.id::text LIMIT 1) seen
       JOIN "user" u ON u.id = s.user_id
      WHERE a.id = ANY($1::uuid[])`,
    [artifactIds],
  );
  return new Map(
    rows.map((row) => [
      String(row.artifact_id),
      {
        id: String(row.id),
        phase: row.phase as DomainStage,
        round: Number(row.round),
        role: row.role as DomainRole,
        signer: { id: String(row.user_id), name: String(row.name), email: String(row.email) },
        signedAt: new Date(row.created_at as string).toISOString(),
        comment: String(row.comment),
        stale: row.stale_at !== null,
        artifactVersion: Number(row.seen_version),
        evidence: {
          criteriaPassed: Number(row.criteria_passed),
          criteriaTotal: Number(row.criteria_total),
          openItems: Number(row.open_items),
          capturedAt: new Date(String(row.captured_at)).toISOString(),
        },
      },
    ]),
  );
}
