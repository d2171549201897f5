import type { EntityManager } from 'typeorm';
import type { EvidenceSnapshot } from '../../../shared/api/domains';
import { OPEN_TICKET_STATUSES } from '../../../shared/api/enums';
import { isPhase } from '../../../shared/workflow/definition';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import type { GateState } from './gate-state';

/** Open items beyond this many per kind are left out of a snapshot; the criteria still count them all. */
export const EVIDENCE_ITEMS_CAP = 50;

const rank = (column: string) =>
  `CASE ${column} WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`;

/**
 * Freezes what a signer sees: the criteria with their values, the open tickets of the phase (by
 * priority) and the open investigations of the domain (by severity), most serious first.
 */
export async function captureEvidence(tx: EntityManager, state: GateState, now: Date): Promise<EvidenceSnapshot> {
  const { domain } = state;
  if (!isPhase(domain.stage)) throw new Error('a certified domain has no gate to sign');
  const tickets: { key: string; title: string; priority: string }[] = await tx.query(
    `SELECT key, title, priority FROM ticket
      WHERE domain_id = $1 AND phase = $2 AND status = ANY($4::text[])
      ORDER BY ${rank('priority')}, number LIMIT $3`,
    [domain.id, domain.stage, EVIDENCE_ITEMS_CAP, OPEN_TICKET_STATUSES],
  );
  const investigations: { id: number; title: string; severity: string }[] = await tx.query(
    `SELECT id, title, severity FROM investigation
      WHERE domain_id = $1 AND status = ANY($2::text[])
      ORDER BY ${rank('severity')}, id LIMIT $3`,
    [domain.id, OPEN_INVESTIGATION_STATUSES, EVIDENCE_ITEMS_CAP],
  );
  return {
    phase: domain.stage,
    criteria: state.evaluation.criteria,
    openItems: [
      ...tickets.map((t) => ({ kind: 'ticket' as const, ref: t.key, title: t.title, priority: t.priority })),
      ...investigations.map((i) => ({
        kind: 'investigation' as const,
        ref: `#${i.id}`,
        title: i.title,
        severity: i.severity,
      })),
    ],
    capturedAt: now.toISOString(),
  };
}
