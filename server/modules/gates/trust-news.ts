import type { EntityManager } from 'typeorm';
import type { Actor } from '../../http/context';
import type { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';
import { followersOf } from '../follows/follows.service';
import { resolveDomainEntries } from './signoff-requests';

/**
 * Everyone who hears about a domain's risk: each holder of a role in it, whatever the role
 * (leadership as sponsor, contributors), viewers included, and whoever follows it or one of its
 * artifacts.
 */
export async function domainAudience(tx: EntityManager, domainId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await tx.query(
    `SELECT DISTINCT user_id FROM domain_member WHERE domain_id = $1`,
    [domainId],
  );
  return [...rows.map((row) => row.user_id), ...(await followersOf(tx, { domainId }))];
}

/** The domain fell at risk: its people are told, with the reason. */
export async function onDomainAtRisk(tx: EntityManager, domain: Domain, reason: string, now: Date): Promise<void> {
  await notify(tx, await domainAudience(tx, domain.id), {
    kind: 'domain_at_risk',
    domainId: domain.id,
    entityType: 'domain',
    entityId: domain.key,
    at: now,
    message: `${domain.key} is at risk: ${reason}`,
  });
}

/**
 * A lead re-confirmed a domain that was at risk: the alarm entries resolve themselves and its
 * people hear that it is trusted again.
 */
export async function onDomainRecovered(tx: EntityManager, actor: Actor, domain: Domain, now: Date): Promise<void> {
  await resolveDomainEntries(tx, domain.id, ['domain_at_risk'], 'recovered', now);
  await notify(
    tx,
    await domainAudience(tx, domain.id),
    {
      kind: 'domain_recovered',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      at: now,
      message: `${domain.key} is trusted again: ${actor.user.name} re-confirmed its certification.`,
    },
    actor.user.id,
  );
}

/**
 * The domain passed its last gate: its followers (and those of its artifacts) hear that it is
 * certified. Open at-risk entries from an earlier certification are over.
 */
export async function onDomainCertified(tx: EntityManager, actor: Actor, domain: Domain, now: Date): Promise<void> {
  await resolveDomainEntries(tx, domain.id, ['domain_at_risk', 'certification_review_due'], 'moved_on', now);
  await notify(
    tx,
    await followersOf(tx, { domainId: domain.id }),
    {
      kind: 'domain_certified',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      at: now,
      message: `${domain.key} · ${domain.name} is certified: its metrics, datasets and analyses are safe to use.`,
    },
    actor.user.id,
  );
}

/** An artifact's own trust news (deprecated, a new caveat), told to its and its domain's followers. */
export async function onArtifactNews(
  tx: EntityManager,
  actor: Actor | null,
  artifact: { id: string; domainId: string; name: string },
  news: { kind: 'artifact_deprecated' } | { kind: 'caveat_added'; caveat: string },
  now: Date,
): Promise<void> {
  const [domain]: { key: string }[] = await tx.query(`SELECT key FROM "domain" WHERE id = $1`, [artifact.domainId]);
  const message =
    news.kind === 'artifact_deprecated'
      ? `${domain.key} · "${artifact.name}" is deprecated: do not use it for new work.`
      : `${domain.key} · "${artifact.name}" has a new caveat: ${news.caveat.slice(0, 200)}`;
  await notify(
    tx,
    await followersOf(tx, { domainId: artifact.domainId, artifactId: artifact.id }),
    { kind: news.kind, domainId: artifact.domainId, entityType: 'artifact', entityId: artifact.id, at: now, message },
    actor?.user.id,
  );
}
