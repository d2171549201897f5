import type { EntityManager } from 'typeorm';
import { DOMAIN_ROLE_LABELS, PHASE_INFO, isPhase } from '../../../shared/workflow/definition';
import { describeOutcomeChanges } from '../../../shared/workflow/evaluate';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import type { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';
import { loadGateState, type SignOffRecord } from './gate-state';

/** Artifact names in a cause are cut to this length so one cause stays one line. */
const NAME_CAP = 80;

/** Why one fresh sign-off no longer matches the evidence: outcome changes, then changed artifacts. */
function causesFor(
  record: SignOffRecord,
  outcomeChanges: string[],
  artifacts: Map<string, { version: number; status: string }>,
): string[] {
  const causes = [...outcomeChanges];
  for (const seen of record.evidence?.artifacts ?? []) {
    const now = artifacts.get(seen.id);
    const name = `${seen.type} "${seen.name.slice(0, NAME_CAP)}"`;
    if (!now) causes.push(`The ready ${name} is gone`);
    else if (now.version !== seen.version)
      causes.push(
        now.status === 'ready' ? `The ready ${name} changed` : `The ${name} is no longer ready (${now.status})`,
      );
  }
  return causes;
}

/**
 * The one place a sign-off goes stale. Called in the transaction of every change that can alter a
 * gate's evidence, with the domain row locked: each fresh sign-off of the current round whose
 * evidence no longer holds (a criterion's outcome changed, a ready artifact it saw changed, or the
 * caller names an explicit `cause` such as a reopened ticket) is marked stale with its cause, for
 * good, audited, and its signer gets one `signoff_requested` item (and webhook event) naming it.
 * Returns the users asked again.
 */
export async function recheckSignOffs(
  tx: EntityManager,
  actor: Actor | null,
  domain: Domain,
  now: Date,
  cause?: string,
): Promise<string[]> {
  if (!isPhase(domain.stage)) return [];
  const [any] = await tx.query(
    `SELECT 1 FROM sign_off WHERE domain_id = $1 AND phase = $2 AND round = $3 AND stale_at IS NULL AND superseded_at IS NULL LIMIT 1`,
    [domain.id, domain.stage, domain.gateRound],
  );
  if (!any) return [];
  const state = await loadGateState(tx, domain, now);
  const fresh = state.decisions.filter((d) => !d.record.staleAt).map((d) => d.record);
  const artifactIds = [...new Set(fresh.flatMap((r) => (r.evidence?.artifacts ?? []).map((a) => a.id)))];
  const artifactRows: { id: string; version: number; status: string }[] = artifactIds.length
    ? await tx.query(`SELECT id, version, status FROM artifact WHERE id = ANY($1::uuid[])`, [artifactIds])
    : [];
  const artifacts = new Map(artifactRows.map((a) => [a.id, { version: Number(a.version), status: a.status }]));
  const asked: string[] = [];
  for (const record of fresh) {
    const seen = (record.evidence?.criteria ?? []).filter(Boolean);
    const outcomeChanges = seen.length ? describeOutcomeChanges(seen, state.evaluation.criteria) : [];
    const causes = cause ? [cause] : causesFor(record, outcomeChanges, artifacts);
    if (!causes.length) continue;
    const reason = causes.join('; ');
    await tx.query(`UPDATE sign_off SET stale_at = $2, stale_reason = $3 WHERE id = $1 AND stale_at IS NULL`, [
      record.id,
      now,
      reason,
    ]);
    await recordAudit(tx, actor, {
      action: 'signoff.stale',
      entityType: 'sign_off',
      entityId: record.id,
      domainId: domain.id,
      before: { stale: false },
      after: { stale: true, reason, userId: record.userId, role: record.role, round: record.round },
    });
    // The signer is asked even when they made the change themselves: their approval no longer counts.
    await notify(tx, [record.userId], {
      kind: 'signoff_requested',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      at: now,
      message: `${domain.key} · ${PHASE_INFO[domain.stage].label}: your sign-off as ${DOMAIN_ROLE_LABELS[record.role]} is stale (${reason}); please review again.`,
    });
    asked.push(record.userId);
  }
  return [...new Set(asked)];
}
