import type { GateAdditionView, SignOffView } from '../../../shared/api/domains';
import { DOMAIN_ROLES, type DomainRole, type Phase } from '../../../shared/api/enums';
import {
  CRITERIA,
  DOMAIN_ROLE_LABELS,
  gateCriteria,
  isPhase,
  requiredRoles,
} from '../../../shared/workflow/definition';
import { CRITERION_KEYS, type CriterionKey } from '../../../shared/workflow/types';
import { badRequest, conflict, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import { assertAdmin, domainPermissions, domainRolesOf, lockDomain, touchDomain } from '../domains/domain-access';
import { notify } from '../inbox/notify';
import { GateAddition } from './gate-addition.entity';
import { findSignOff, isCurrentDecision, loadGateState } from './gate-state';
import { presentGateAddition, presentSignOff } from './gates.presenter';
import type { GateAdditionDto } from './gates.dto';
import { openRound } from './rounds';
import { recheckSignOffs } from './staleness';

async function lockAsAdmin(tx: Parameters<typeof lockDomain>[0], actor: Actor, key: string) {
  const domain = await lockDomain(tx, key);
  assertAdmin(domainPermissions(actor, await domainRolesOf(tx, domain.id, actor.user.id)));
  return domain;
}

/**
 * An admin lifts a standing rejection of the current round, with a written reason: the rejection
 * stays readable (and audited) but no longer blocks the gate.
 */
export async function overrideRejection(
  deps: AppDeps,
  actor: Actor,
  key: string,
  signOffId: string,
  reason: string,
): Promise<SignOffView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockAsAdmin(tx, actor, key);
    const record = await findSignOff(tx, domain.id, signOffId);
    if (!isCurrentDecision(record, domain))
      throw conflict('invalid_transition', 'Only a decision of the current gate round can be overridden.');
    if (record.decision !== 'reject') throw conflict('invalid_transition', 'Only a rejection can be overridden.');
    if (record.overriddenAt) throw conflict('conflict', 'This rejection was already overridden.');
    await tx.query(`UPDATE sign_off SET overridden_at = $2, overridden_by = $3, override_reason = $4 WHERE id = $1`, [
      record.id,
      now,
      actor.user.id,
      reason,
    ]);
    await recordAudit(tx, actor, {
      action: 'signoff.override',
      entityType: 'sign_off',
      entityId: record.id,
      domainId: domain.id,
      before: { decision: 'reject', userId: record.userId, role: record.role, round: record.round },
      after: { overridden: true, reason },
    });
    await notify(
      tx,
      [record.userId],
      {
        kind: 'signoff_requested',
        domainId: domain.id,
        entityType: 'domain',
        entityId: domain.key,
        at: now,
        message: `${actor.user.name} overrode your rejection of ${domain.key}'s gate as ${DOMAIN_ROLE_LABELS[record.role]}: ${reason}`,
      },
      actor.user.id,
    );
    await touchDomain(tx, domain.id, now);
    return presentSignOff(
      {
        ...record,
        overriddenAt: now,
        overriddenBy: actor.user.id,
        overriddenByName: actor.user.name,
        overrideReason: reason,
      },
      !!record.staleAt,
    );
  });
}

function assertAdditionValue(kind: GateAddition['kind'], value: string): void {
  if (kind === 'criterion' && !(CRITERION_KEYS as readonly string[]).includes(value))
    throw badRequest('value', `is not a criterion of the catalog (${CRITERION_KEYS.join(', ')})`);
  if (kind === 'role' && !(DOMAIN_ROLES as readonly string[]).includes(value))
    throw badRequest('value', `is not a domain role (${DOMAIN_ROLES.join(', ')})`);
}

function describeAddition(kind: GateAddition['kind'], value: string): string {
  return kind === 'criterion'
    ? `the criterion "${CRITERIA[value as CriterionKey].label}"`
    : `the ${DOMAIN_ROLE_LABELS[value as DomainRole]} role`;
}

/**
 * An admin adds a criterion from the catalog or an extra required role to one gate of a domain,
 * with the reason. A criterion added to the current gate changes what signers saw (their fresh
 * sign-offs go stale); an added role is asked for its sign-off at once.
 */
export async function addGateRequirement(
  deps: AppDeps,
  actor: Actor,
  key: string,
  input: GateAdditionDto,
): Promise<GateAdditionView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockAsAdmin(tx, actor, key);
    const phase: Phase | undefined = input.phase ?? (isPhase(domain.stage) ? domain.stage : undefined);
    if (!phase) throw badRequest('phase', `${domain.key} is certified: name the gate to add to`);
    assertAdditionValue(input.kind, input.value);
    const active = await tx.findBy(GateAddition, { domainId: domain.id, phase, kind: input.kind });
    const current = active.filter((a) => !a.removedAt).map((a) => a.value);
    const builtIn: readonly string[] = input.kind === 'criterion' ? gateCriteria(phase) : requiredRoles(phase, true);
    if (builtIn.includes(input.value) || current.includes(input.value))
      throw conflict('conflict', `The ${phase} gate already requires ${describeAddition(input.kind, input.value)}.`);
    if (phase === domain.stage) await openRound(tx, domain, now);
    const addition = await tx.save(
      tx.create(GateAddition, {
        domainId: domain.id,
        phase,
        kind: input.kind,
        value: input.value,
        reason: input.reason,
        userId: actor.user.id,
        createdAt: now,
      }),
    );
    await recordAudit(tx, actor, {
      action: 'gate.addition.create',
      entityType: 'gate_addition',
      entityId: addition.id,
      domainId: domain.id,
      after: { phase, kind: input.kind, value: input.value, reason: input.reason },
    });
    if (phase === domain.stage) await afterRequirementChange(tx, actor, domain, addition, 'added', now);
    await touchDomain(tx, domain.id, now);
    return presentGateAddition({ ...addition, userName: actor.user.name, userEmail: actor.user.email });
  });
}

/** An admin removes an addition, with the reason; it stays in the history (removed_at). */
export async function removeGateRequirement(
  deps: AppDeps,
  actor: Actor,
  key: string,
  id: string,
  reason: string,
): Promise<void> {
  const now = deps.now();
  await deps.dataSource.transaction(async (tx) => {
    const domain = await lockAsAdmin(tx, actor, key);
    const addition = await tx.findOneBy(GateAddition, { id, domainId: domain.id });
    if (!addition || addition.removedAt) throw notFound('Gate addition');
    addition.removedAt = now;
    addition.removedBy = actor.user.id;
    addition.removeReason = reason;
    await tx.save(addition);
    await recordAudit(tx, actor, {
      action: 'gate.addition.remove',
      entityType: 'gate_addition',
      entityId: addition.id,
      domainId: domain.id,
      before: { phase: addition.phase, kind: addition.kind, value: addition.value, reason: addition.reason },
      after: { removed: true, reason },
    });
    if (addition.phase === domain.stage) await afterRequirementChange(tx, actor, domain, addition, 'removed', now);
    await touchDomain(tx, domain.id, now);
  });
}

async function afterRequirementChange(
  tx: Parameters<typeof lockDomain>[0],
  actor: Actor,
  domain: Awaited<ReturnType<typeof lockDomain>>,
  addition: GateAddition,
  change: 'added' | 'removed',
  now: Date,
): Promise<void> {
  if (addition.kind === 'criterion') {
    const what = describeAddition(addition.kind, addition.value);
    await recheckSignOffs(
      tx,
      actor,
      domain,
      now,
      `An admin ${change} ${what} (${change === 'added' ? addition.reason : addition.removeReason})`,
    );
    return;
  }
  if (change === 'removed') return;
  const state = await loadGateState(tx, domain, now);
  const holders = state.members.filter((m) => m.role === addition.value).map((m) => m.userId);
  await notify(
    tx,
    holders,
    {
      kind: 'signoff_requested',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.key,
      at: now,
      message: `${domain.key}: an admin now requires your sign-off as ${DOMAIN_ROLE_LABELS[addition.value as DomainRole]} (${addition.reason}).`,
    },
    actor.user.id,
  );
}
