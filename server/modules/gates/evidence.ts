import type { EntityManager } from 'typeorm';
import { priorityRank, severityRank } from '../../db/ranks';
import type { EvidenceSnapshot } from '../../../shared/api/domains';
import { OPEN_TICKET_STATUSES } from '../../../shared/api/enums';
import { isPhase } from '../../../shared/workflow/definition';
import type { CriterionResult } from '../../../shared/workflow/types';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import type { GateState } from './gate-state';

/** Open items beyond this many per kind are left out of a snapshot; the criteria still count them all. */
export const EVIDENCE_ITEMS_CAP = 50;

/** Ready artifacts a snapshot holds (a change to any of them makes the sign-off stale). */
export const EVIDENCE_ARTIFACTS_CAP = 200;


/**
 * Freezes what a signer sees: the criteria with their values, the open tickets of the phase (by
 * priority) and the open investigations of the domain (by severity), most serious first.
 */
export async function captureEvidence(
  tx: EntityManager,
  state: GateState,
  now: Date,
  criteria: CriterionResult[] = state.evaluation.criteria,
): Promise<EvidenceSnapshot> {
  const { domain } = state;
  // A certified domain's re-confirmation reads its last phase's tickets.
  const phase = isPhase(domain.stage) ? domain.stage : 'confidence';
  const tickets: { key: string; title: string; priority: string }[] = await tx.query(
    `SELECT key, title, priority FROM ticket
      WHERE domain_id = $1 AND phase = $2 AND status = ANY($4::text[])
      ORDER BY ${priorityRank('priority')} DESC, number LIMIT $3`,
    [domain.id, phase, EVIDENCE_ITEMS_CAP, OPEN_TICKET_STATUSES],
  );
  const investigations: { id: number; title: string; severity: string }[] = await tx.query(
    `SELECT id, title, severity FROM investigation
      WHERE domain_id = $1 AND status = ANY($2::text[])
      ORDER BY ${severityRank('severity')} DESC, id LIMIT $3`,
    [domain.id, OPEN_INVESTIGATION_STATUSES, EVIDENCE_ITEMS_CAP],
  );
  const artifacts: { id: string; type: string; name: string; version: number }[] = await tx.query(
    `SELECT id, type, name, version FROM artifact WHERE domain_id = $1 AND status = 'ready' ORDER BY type, name, id LIMIT $2`,
    [domain.id, EVIDENCE_ARTIFACTS_CAP],
  );
  return {
    phase: domain.stage,
    criteria,
    openItems: [
      ...tickets.map((t) => ({ kind: 'ticket' as const, ref: t.key, title: t.title, priority: t.priority })),
      ...investigations.map((i) => ({
        kind: 'investigation' as const,
        ref: `#${i.id}`,
        title: i.title,
        severity: i.severity,
      })),
    ],
    artifacts: artifacts.map((a) => ({ ...a, version: Number(a.version) })),
    capturedAt: now.toISOString(),
  };
}
