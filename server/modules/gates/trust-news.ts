import type { EntityManager } from 'typeorm';
import type { Actor } from '../../http/context';
import type { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';
import { resolveDomainEntries } from './signoff-requests';

/**
 * Everyone who hears about a domain's risk: each holder of a role in it, whatever the role
 * (leadership as sponsor, contributors), viewers included.
 */
export async function domainAudience(tx: EntityManager, domainId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await tx.query(
    `SELECT DISTINCT user_id FROM domain_member WHERE domain_id = $1`,
    [domainId],
  );
  return rows.map((row) => row.user_id);
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

/** The domain passed its last gate. Its open at-risk entries (from an earlier certification) are over. */
export async function onDomainCertified(tx: EntityManager, domain: Domain, now: Date): Promise<void> {
  await resolveDomainEntries(tx, domain.id, ['domain_at_risk', 'certification_review_due'], 'moved_on', now);
}
