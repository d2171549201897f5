import type { EntityManager } from 'typeorm';
import type { DomainRole, Phase } from '../../../shared/api/enums';
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
    `SELECT GREATEST(
        (SELECT COALESCE(max(round), 0) FROM sign_off WHERE domain_id = $1 AND phase = $2),
        (SELECT COALESCE(max(round), 0) FROM gate_round WHERE domain_id = $1 AND phase = $2))::int AS round`,
    [domainId, phase],
  );
  return Number(row?.round ?? 0) + 1;
}

/** Roles an admin added to the domain's gate of `phase` (active ones). */
export async function addedRoles(tx: EntityManager, domainId: string, phase: Phase): Promise<DomainRole[]> {
  const rows: { value: DomainRole }[] = await tx.query(
    `SELECT value FROM gate_addition WHERE domain_id = $1 AND phase = $2 AND kind = 'role' AND removed_at IS NULL ORDER BY created_at`,
    [domainId, phase],
  );
  return rows.map((row) => row.value);
}

/**
 * Records the round the domain's current gate just opened, fixing the roles it requires from the
 * members of this moment: the sponsor is required if the domain has one now, and stays required
 * when the sponsor leaves. Idempotent for a round already recorded.
 */
export async function openRound(tx: EntityManager, domain: Domain, now: Date): Promise<DomainRole[]> {
  if (!isPhase(domain.stage)) return [];
  const [{ sponsors }] = await tx.query(
    `SELECT count(*)::int AS sponsors FROM domain_member WHERE domain_id = $1 AND role = 'sponsor'`,
    [domain.id],
  );
  const roles = requiredRoles(domain.stage, Number(sponsors) > 0);
  await tx.query(
    `INSERT INTO gate_round (domain_id, phase, round, required_roles, opened_at) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (domain_id, phase, round) DO NOTHING`,
    [domain.id, domain.stage, domain.gateRound, JSON.stringify(roles), now],
  );
  const [row] = await tx.query(
    `SELECT required_roles AS roles FROM gate_round WHERE domain_id = $1 AND phase = $2 AND round = $3`,
    [domain.id, domain.stage, domain.gateRound],
  );
  const fixed = (row?.roles as DomainRole[] | undefined) ?? roles;
  return [...new Set([...fixed, ...(await addedRoles(tx, domain.id, domain.stage))])];
}

/** A gate round started: ask every holder of a required role for their sign-off. */
export async function requestSignOffs(
  tx: EntityManager,
  actor: Actor | null,
  domain: Domain,
  now: Date,
): Promise<void> {
  if (!isPhase(domain.stage)) return;
  const members: { user_id: string; role: string }[] = await tx.query(
    `SELECT user_id, role FROM domain_member WHERE domain_id = $1`,
    [domain.id],
  );
  for (const role of await openRound(tx, domain, now)) {
    await notify(
      tx,
      members.filter((m) => m.role === role).map((m) => m.user_id),
      {
        kind: 'signoff_requested',
        domainId: domain.id,
        entityType: 'domain',
        entityId: domain.key,
        at: now,
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
  newRoles: readonly string[],
  now: Date,
): Promise<void> {
  if (!isPhase(domain.stage) || !newRoles.length) return;
  const [round] = await tx.query(
    `SELECT required_roles AS roles FROM gate_round WHERE domain_id = $1 AND phase = $2 AND round = $3`,
    [domain.id, domain.stage, domain.gateRound],
  );
  const [{ sponsors }] = await tx.query(
    `SELECT count(*)::int AS sponsors FROM domain_member WHERE domain_id = $1 AND role = 'sponsor'`,
    [domain.id],
  );
  const required = [
    ...((round?.roles as DomainRole[] | undefined) ?? requiredRoles(domain.stage, Number(sponsors) > 0)),
    ...(await addedRoles(tx, domain.id, domain.stage)),
  ];
  const needed = required.filter((role) => newRoles.includes(role));
  if (!needed.length) return;
  await notify(
    tx,
    [userId],
    {
      kind: 'signoff_requested',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      at: now,
      message: `${domain.key} · ${PHASE_INFO[domain.stage].label}: your sign-off as ${needed.map((r) => DOMAIN_ROLE_LABELS[r]).join(' or ')} is needed (round ${domain.gateRound}).`,
    },
    actor.user.id,
  );
}
