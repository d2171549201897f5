import type { EntityManager } from 'typeorm';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { Domain } from '../domains/domain.entity';
import { touchDomain } from '../domains/domain-access';
import { recheckSignOffs } from '../gates/staleness';
import { onDomainAtRisk } from '../gates/trust-news';

/** The domain's leads (ds_lead, product_lead): who hears about weirdness and risk. */
export async function leadIdsOf(tx: EntityManager, domainId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await tx.query(
    `SELECT DISTINCT user_id FROM domain_member WHERE domain_id = $1 AND role IN ('ds_lead', 'product_lead')`,
    [domainId],
  );
  return rows.map((row) => row.user_id);
}

/**
 * Marks a certified domain at risk with the reason and tells everyone holding a role in it. A domain
 * already at risk keeps its first reason (the one that started the alarm) and nobody is told twice.
 * The caller holds the domain row lock.
 */
export async function markAtRisk(
  tx: EntityManager,
  actor: Actor | null,
  domain: Domain,
  reason: string,
  now: Date,
): Promise<boolean> {
  if (domain.stage !== 'certified' || domain.atRisk) return false;
  const before = { atRisk: domain.atRisk, atRiskReason: domain.atRiskReason };
  await tx.update(Domain, { id: domain.id }, { atRisk: true, atRiskReason: reason });
  domain.atRisk = true;
  domain.atRiskReason = reason;
  await recordAudit(tx, actor, {
    action: 'domain.at_risk',
    entityType: 'domain',
    entityId: domain.id,
    domainId: domain.id,
    before,
    after: { atRisk: true, atRiskReason: reason },
  });
  await onDomainAtRisk(tx, domain, reason, now);
  await touchDomain(tx, domain.id, now);
  return true;
}

/**
 * A high or critical investigation appeared (reported, or raised to that severity): the evidence
 * signers saw has changed, and a certified domain is no longer safe to trust blindly.
 */
export async function onSeriousInvestigation(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  investigation: { id: number; title: string; severity: string },
  now: Date,
): Promise<void> {
  const reason = `${investigation.severity} investigation #${investigation.id} "${investigation.title}"`;
  await recheckSignOffs(tx, actor, domain, now, `New ${reason}`);
  await markAtRisk(tx, actor, domain, `New ${reason}`, now);
}
