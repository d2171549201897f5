import type { DataSource } from 'typeorm';
import type { BadgeTokenView, BadgeView, TrustStatus } from '../../../shared/api/catalog';
import { notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { assertLead, lockDomain, lockDomainById } from '../domains/domain-access';
import { permissionsIn } from '../tickets/tickets.service';
import { artifactBadgeUrls, domainBadgeUrls, newBadgeToken, sameToken } from './badge-token';
import { TRUST_SQL } from './catalog.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}$/;

/** One answer for an unknown id, a wrong token and no token alike: nothing says which it was. */
const noBadge = () => notFound('Badge');

/** The trust of a domain as its badge says it: certified, at risk or in progress. */
const DOMAIN_TRUST_SQL = `CASE WHEN d.stage = 'certified' AND d.at_risk THEN 'at_risk'
  WHEN d.stage = 'certified' THEN 'certified' ELSE 'in_progress' END`;

/**
 * Badges read in the last second, per process: a dashboard wall or a wiki page seen by many sends
 * the same badge request again and again, and a second of staleness is nothing beside the minute
 * the answer may be cached anyway. A rotation drops its entry here at once (other processes keep
 * accepting the old token for at most that second). Unknown ids and wrong tokens are never cached.
 */
export const BADGE_CACHE_MS = 1000;
const BADGE_CACHE_MAX = 10_000;
const badgeCache = new Map<string, { token: string; badge: BadgeView; at: number }>();

async function cachedBadge(
  key: string,
  token: unknown,
  now: Date,
  load: () => Promise<{ token: string; badge: BadgeView } | null>,
): Promise<BadgeView> {
  const hit = badgeCache.get(key);
  if (hit && now.getTime() - hit.at < BADGE_CACHE_MS && now.getTime() >= hit.at) {
    if (!sameToken(hit.token, token)) throw noBadge();
    return hit.badge;
  }
  const found = await load();
  if (!found) throw noBadge();
  if (badgeCache.size >= BADGE_CACHE_MAX) badgeCache.clear();
  badgeCache.set(key, { ...found, at: now.getTime() });
  if (!sameToken(found.token, token)) throw noBadge();
  return found.badge;
}

/** The public badge of an artifact: its name, trust status and caveat count; one statement. */
export async function artifactBadge(dataSource: DataSource, id: string, token: unknown, now: Date): Promise<BadgeView> {
  if (!UUID.test(id)) throw noBadge();
  return cachedBadge(`artifact:${id.toLowerCase()}`, token, now, () => loadArtifactBadge(dataSource, id));
}

async function loadArtifactBadge(dataSource: DataSource, id: string) {
  const [row]: { name: string; trust: TrustStatus; caveats: number; badge_token: string }[] = await dataSource.query(
    `SELECT a.name, ${TRUST_SQL} AS trust, a.badge_token,
            (SELECT count(*)::int FROM caveat c WHERE c.artifact_id = a.id) AS caveats
       FROM artifact a JOIN "domain" d ON d.id = a.domain_id WHERE a.id = $1`,
    [id.toLowerCase()],
  );
  return row
    ? { token: row.badge_token, badge: { name: row.name, status: row.trust, caveats: Number(row.caveats) } }
    : null;
}

/** The public badge of a domain: the caveats of its artifacts in use (not deprecated). */
export async function domainBadge(dataSource: DataSource, key: string, token: unknown, now: Date): Promise<BadgeView> {
  if (!DOMAIN_KEY.test(key)) throw noBadge();
  return cachedBadge(`domain:${key.toUpperCase()}`, token, now, () => loadDomainBadge(dataSource, key));
}

async function loadDomainBadge(dataSource: DataSource, key: string) {
  const [row]: { name: string; trust: TrustStatus; caveats: number; badge_token: string }[] = await dataSource.query(
    `SELECT d.name, ${DOMAIN_TRUST_SQL} AS trust, d.badge_token,
            (SELECT count(*)::int FROM caveat c JOIN artifact a ON a.id = c.artifact_id
              WHERE a.domain_id = d.id AND a.status <> 'deprecated') AS caveats
       FROM "domain" d WHERE d.key = $1`,
    [key.toUpperCase()],
  );
  return row
    ? { token: row.badge_token, badge: { name: row.name, status: row.trust, caveats: Number(row.caveats) } }
    : null;
}

const BADGE_STATUS_TEXT: Record<TrustStatus, string> = {
  certified: 'certified',
  at_risk: 'at risk',
  in_progress: 'in progress',
  deprecated: 'deprecated',
};
const BADGE_COLOURS: Record<TrustStatus, string> = {
  certified: '#1e6b34',
  at_risk: '#a61b1b',
  in_progress: '#8a5300',
  deprecated: '#6b7280',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rough width of Verdana 11px text, enough to size the badge's two halves. */
function textWidth(text: string): number {
  return Math.round([...text].length * 6.6 + 10);
}

/** "Cairn · certified · 2 caveats" in the colour of the status, the name as its tooltip. */
export function badgeSvg(badge: BadgeView): string {
  const left = 'Cairn';
  const right = `${BADGE_STATUS_TEXT[badge.status]} · ${badge.caveats} ${badge.caveats === 1 ? 'caveat' : 'caveats'}`;
  const lw = textWidth(left);
  const rw = textWidth(right);
  const width = lw + rw;
  const label = escapeXml(`${badge.name}: ${left} · ${right}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label}">` +
    `<title>${label}</title>` +
    `<rect width="${lw}" height="20" fill="#374151"/>` +
    `<rect x="${lw}" width="${rw}" height="20" fill="${BADGE_COLOURS[badge.status]}"/>` +
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">` +
    `<text x="${lw / 2}" y="14">${left}</text>` +
    `<text x="${lw + rw / 2}" y="14">${escapeXml(right)}</text>` +
    `</g></svg>`
  );
}

/** POST /artifacts/:id/badge-token: a lead of its domain (or an admin) retires every old badge URL. */
export async function rotateArtifactBadgeToken(
  dataSource: DataSource,
  actor: Actor,
  id: string,
): Promise<BadgeTokenView> {
  return dataSource.transaction(async (tx) => {
    const [found]: { domain_id: string; name: string }[] = await tx.query(
      `SELECT domain_id, name FROM artifact WHERE id = $1`,
      [id],
    );
    if (!found) throw notFound('Artifact');
    const domain = await lockDomainById(tx, found.domain_id);
    assertLead(await permissionsIn(tx, actor, domain.id));
    const token = newBadgeToken();
    await tx.query(`UPDATE artifact SET badge_token = $2 WHERE id = $1`, [id, token]);
    badgeCache.delete(`artifact:${id}`);
    // the token itself never enters the audit log
    await recordAudit(tx, actor, {
      action: 'artifact.badge_token_rotate',
      entityType: 'artifact',
      entityId: id,
      domainId: domain.id,
      after: { name: found.name },
    });
    return artifactBadgeUrls(id, token);
  });
}

/** POST /domains/:key/badge-token: the same for the domain's own badge. */
export async function rotateDomainBadgeToken(
  dataSource: DataSource,
  actor: Actor,
  key: string,
): Promise<BadgeTokenView> {
  return dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    assertLead(await permissionsIn(tx, actor, domain.id));
    const token = newBadgeToken();
    await tx.query(`UPDATE "domain" SET badge_token = $2 WHERE id = $1`, [domain.id, token]);
    badgeCache.delete(`domain:${domain.key}`);
    await recordAudit(tx, actor, {
      action: 'domain.badge_token_rotate',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
    });
    return domainBadgeUrls(domain.key, token);
  });
}
