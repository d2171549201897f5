import type { EntityManager } from 'typeorm';
import type { Phase } from '../../../shared/api/enums';
import { DOMAIN_ROLE_LABELS, PHASE_INFO, isPhase, requiredRoles } from '../../../shared/workflow/definition';
import type { Actor } from '../../http/context';
import type { Domain } from '../domains/domain.entity';
import { notify } from '../inbox/notify';

/**
 * The round a gate starts when the domain (re-)enters `phase`: one past the highest round ever
 * signed there, so rounds of a phase keep increasing across recycles and past rounds stay
 * readable next to the new one.
 */
export async function nextRound(tx: EntityManager, domainId: string, phase: Phase): Promise<number> {
  const [row] = await tx.query(
    `SELECT COALESCE(max(round), 0)::int AS round FROM sign_off WHERE domain_id = $1 AND phase = $2`,
    [domainId, phase],
  );
  return Number(row?.round ?? 0) + 1;
}

/** A gate round started: ask every holder of a required role for their sign-off. */
export async function requestSignOffs(tx: EntityManager, actor: Actor | null, domain: Domain): Promise<void> {
  if (!isPhase(domain.stage)) return;
  const members: { user_id: string; role: string }[] = await tx.query(
    `SELECT user_id, role FROM domain_member WHERE domain_id = $1`,
    [domain.id],
  );
  const hasSponsor = members.some((m) => m.role === 'sponsor');
  for (const role of requiredRoles(domain.stage, hasSponsor)) {
    await notify(
      tx,
      members.filter((m) => m.role === role).map((m) => m.user_id),
      {
        kind: 'signoff_requested',
        domainId: domain.id,
        entityType: 'domain',
        entityId: domain.key,
        message: `${domain.key} · ${PHASE_INFO[domain.stage].label}: your sign-off as ${DOMAIN_ROLE_LABELS[role]} is needed (round ${domain.gateRound}).`,
      },
      actor?.user.id,
    );
  }
}

/** A member was given roles: ask them for the current gate's sign-off in the ones it needs. */
export async function requestSignOffFromNewHolder(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  userId: string,
  addedRoles: readonly string[],
): Promise<void> {
  if (!isPhase(domain.stage) || !addedRoles.length) return;
  const [{ sponsors }] = await tx.query(
    `SELECT count(*)::int AS sponsors FROM domain_member WHERE domain_id = $1 AND role = 'sponsor'`,
    [domain.id],
  );
  const needed = requiredRoles(domain.stage, Number(sponsors) > 0).filter((role) => addedRoles.includes(role));
  if (!needed.length) return;
  await notify(
    tx,
    [userId],
    {
      kind: 'signoff_requested',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      message: `${domain.key} · ${PHASE_INFO[domain.stage].label}: your sign-off as ${needed.map((r) => DOMAIN_ROLE_LABELS[r]).join(' or ')} is needed (round ${domain.gateRound}).`,
    },
    actor.user.id,
  );
}
