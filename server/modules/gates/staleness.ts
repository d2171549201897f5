import type { EntityManager } from 'typeorm';
import type { Domain } from '../domains/domain.entity';

/**
 * Marks the fresh sign-offs of the domain's current gate round stale: the evidence they saw has
 * changed (a ticket or investigation of the phase reopened, a new high/critical investigation, a
 * criterion outcome changed). Returns the users whose sign-off went stale, to ask them again.
 */
export async function markSignOffsStale(tx: EntityManager, domain: Domain, reason: string, now: Date): Promise<string[]> {
  if (domain.stage === 'certified') return [];
  const rows: { user_id: string }[] = await tx.query(
    `UPDATE sign_off SET stale_at = $4, stale_reason = $5
      WHERE domain_id = $1 AND phase = $2 AND round = $3 AND stale_at IS NULL AND superseded_at IS NULL
      RETURNING user_id`,
    [domain.id, domain.stage, domain.gateRound, now, reason],
  );
  // pg returns [rows, count] for UPDATE … RETURNING through TypeORM's query()
  const list = Array.isArray(rows[0]) ? (rows[0] as unknown as { user_id: string }[]) : rows;
  return [...new Set(list.map((row) => row.user_id))];
}
