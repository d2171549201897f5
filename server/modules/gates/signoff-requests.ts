import type { EntityManager } from 'typeorm';
import type { NotificationResolution } from '../../../shared/api/inbox';
import { DOMAIN_ROLE_LABELS, PHASE_INFO, isPhase } from '../../../shared/workflow/definition';
import type { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';
import { loadGateState, type GateState } from './gate-state';
import { waitingRoles, type WaitingRole } from './waiting';

interface OpenRequest {
  id: string;
  userId: string;
  createdAt: Date;
}

function requestMessage(domain: Domain, waiting: WaitingRole[]): string {
  const phase = isPhase(domain.stage) ? PHASE_INFO[domain.stage].label : domain.stage;
  const roles = waiting.map((w) => DOMAIN_ROLE_LABELS[w.role]).join(' or ');
  return waiting.every((w) => w.stale)
    ? `${domain.key} · ${phase}: your sign-off as ${roles} is stale; please review again (round ${domain.gateRound}).`
    : `${domain.key} · ${phase}: your sign-off as ${roles} is needed (round ${domain.gateRound}).`;
}

/**
 * Makes the domain's `signoff_requested` inbox entries match its gate, in the caller's transaction
 * (the domain row locked). Everyone the gate waits for (as the Reviews page shows it) has an open
 * entry: one is added where none is open. An open entry whose request was met resolves itself:
 * `signed` when its person signed this round; `round_ended` when the domain left the gates, or it
 * was asked before the current round opened (advance, recycle) and is no longer asked or was
 * asked again since; `superseded` when someone else filled the role or it is no longer theirs.
 */
export async function syncSignOffRequests(
  tx: EntityManager,
  domain: Domain,
  now: Date,
  loaded?: GateState,
): Promise<void> {
  const state = loaded ?? (isPhase(domain.stage) ? await loadGateState(tx, domain, now) : null);
  const waitingBy = new Map<string, WaitingRole[]>();
  if (state) {
    for (const userId of new Set(state.members.map((m) => m.userId))) {
      const waiting = waitingRoles(state, userId);
      if (waiting.length) waitingBy.set(userId, waiting);
    }
  }
  const open: OpenRequest[] = await tx.query(
    `SELECT id, user_id AS "userId", created_at AS "createdAt" FROM notification
      WHERE domain_id = $1 AND kind = 'signoff_requested' AND resolved_at IS NULL`,
    [domain.id],
  );
  const resolutions = new Map<NotificationResolution, string[]>();
  const stillAsked = new Set<string>();
  const roundOpened = new Date(domain.phaseEnteredAt).getTime();
  const askedThisRound = new Set(
    open.filter((r) => new Date(r.createdAt).getTime() >= roundOpened).map((r) => r.userId),
  );
  for (const request of open) {
    const before = new Date(request.createdAt).getTime() < roundOpened;
    let resolution: NotificationResolution | null = null;
    if (!isPhase(domain.stage)) resolution = 'round_ended';
    else if (!waitingBy.has(request.userId)) {
      if (state?.roundSignOffs.some((s) => s.userId === request.userId)) resolution = 'signed';
      else resolution = before ? 'round_ended' : 'superseded';
    } else if (before && askedThisRound.has(request.userId)) resolution = 'round_ended';
    if (resolution) resolutions.set(resolution, [...(resolutions.get(resolution) ?? []), request.id]);
    else stillAsked.add(request.userId);
  }
  for (const [resolution, ids] of resolutions) {
    await tx.query(`UPDATE notification SET resolved_at = $2, resolution = $3 WHERE id = ANY($1::uuid[])`, [
      ids,
      now,
      resolution,
    ]);
  }
  for (const [userId, waiting] of waitingBy) {
    if (stillAsked.has(userId)) continue;
    await notify(tx, [userId], {
      kind: 'signoff_requested',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      at: now,
      message: requestMessage(domain, waiting),
    });
  }
}

/**
 * Resolves the open entries of the given kinds about a domain (for everyone), e.g. its at-risk
 * alarm once it is trusted again.
 */
export async function resolveDomainEntries(
  tx: EntityManager,
  domainId: string,
  kinds: readonly string[],
  resolution: NotificationResolution,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE notification SET resolved_at = $3, resolution = $4
      WHERE domain_id = $1 AND kind = ANY($2::text[]) AND resolved_at IS NULL`,
    [domainId, kinds, now, resolution],
  );
}
