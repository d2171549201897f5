import type { EntityManager } from 'typeorm';
import { layeredNumberSql } from '../../db/layers';
import type { DomainMemberView, DomainSummary, DomainView } from '../../../shared/api/domains';
import type { Page } from '../../../shared/api/common';
import type { DomainRole } from '../../../shared/api/enums';
import { DEFAULT_THRESHOLDS, isPhase } from '../../../shared/workflow/definition';
import { conflict, forbidden, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { assertVersion, type ExpectedVersion } from '../../http/preconditions';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { auditable, recordAudit } from '../audit/audit.service';
import { loadGateStateByKey, loadMembers } from '../gates/gate-state';
import { openRound, requestSignOffFromNewHolder } from '../gates/rounds';
import { syncSignOffRequests } from '../gates/signoff-requests';
import { recheckSignOffs } from '../gates/staleness';
import { THRESHOLDS_SETTING } from '../settings/settings.service';
import { thresholdsOf } from '../settings/settings.dto';
import { recomputeConfidence } from '../confidence/confidence.service';
import { User } from '../users/user.entity';
import { loadDomainCards, loadDomainCardsByIds, toCard } from './domain-cards';
import { assertLead, domainPermissions, domainRolesOf, findDomain, lockDomain, touchDomain } from './domain-access';
import { DomainMember } from './domain-member.entity';
import { Domain } from './domain.entity';
import type { CreateDomainDto, DomainListQuery, DomainSort, PutMemberDto, UpdateDomainDto } from './domains.dto';
import { presentDomainSummary, presentDomainView, presentMember } from './domains.presenter';

/** The DomainView of one domain as the caller sees it, read with the caller's transaction. */
export async function domainViewIn(tx: EntityManager, domain: Domain, actor: Actor, now: Date): Promise<DomainView> {
  const [card] = await loadDomainCards(tx, [domain], now);
  return presentDomainView(card, actor, now);
}

export async function createDomain(deps: AppDeps, actor: Actor, input: CreateDomainDto): Promise<DomainView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    if (await tx.existsBy(Domain, { key: input.key }))
      throw conflict('unique_violation', `A domain with key ${input.key} already exists.`);
    const domain = await tx.save(
      tx.create(Domain, {
        key: input.key,
        name: input.name.trim(),
        description: input.description ?? '',
        autoAdvance: input.autoAdvance ?? false,
        stage: 'specs',
        phaseEnteredAt: now,
        lastActivityAt: now,
        gateRound: 1,
        thresholds: {},
      }),
    );
    // The creator leads the data science side until the leads hand the role on.
    await tx.insert(DomainMember, { domainId: domain.id, userId: actor.user.id, role: 'ds_lead' });
    await openRound(tx, domain, now);
    await recordAudit(tx, actor, {
      action: 'domain.create',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      after: { ...auditable(domain), members: [{ userId: actor.user.id, role: 'ds_lead' }] },
    });
    await syncSignOffRequests(tx, domain, now);
    return domainViewIn(tx, domain, actor, now);
  });
}

/** A read of one statement, outside any transaction: a request's snapshot is consistent as it is. */
export async function getDomain(deps: AppDeps, actor: Actor, key: string): Promise<DomainView> {
  const now = deps.now();
  const gate = await loadGateStateByKey(deps.dataSource.manager, key, now);
  return presentDomainView(toCard(gate), actor, now);
}

/**
 * Same rule as isStalled(): in a phase, not held, idle longer than the stall days (the domain's
 * own, else the admin's global setting, else the default). Reads the parameter :now; the domain
 * is `d`. The board's `stalled=true` and the insights page's count both use it.
 */
export const STALLED = (() => {
  const stallDays = layeredNumberSql(
    'stallDays',
    ['d.thresholds', `(SELECT value FROM setting WHERE key = '${THRESHOLDS_SETTING}')`],
    DEFAULT_THRESHOLDS.stallDays,
  );
  return `(d.stage <> 'certified' AND NOT d.held AND d.last_activity_at < CAST(:now AS timestamptz) - ${stallDays} * interval '1 day')`;
})();

const SORT_COLUMNS: Record<DomainSort, { column: string; invert: boolean; timestamp: boolean }> = {
  key: { column: 'd.key', invert: false, timestamp: false },
  name: { column: 'd.name', invert: false, timestamp: false },
  // more days in phase = entered earlier
  daysInPhase: { column: `date_trunc('milliseconds', d.phase_entered_at)`, invert: true, timestamp: true },
  updatedAt: { column: `date_trunc('milliseconds', d.updated_at)`, invert: false, timestamp: true },
  // one text key, so it pages like the others: '0' sorts before '1', then the name
  attention: {
    column: `((CASE WHEN d.at_risk THEN '0' ELSE '1' END) || (CASE WHEN ${STALLED} THEN '0' ELSE '1' END) || d.name)`,
    invert: false,
    timestamp: false,
  },
};

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/** Filtered, sorted, keyset-paginated domains; cards load with a fixed number of queries. */
export async function listDomains(deps: AppDeps, query: DomainListQuery): Promise<Page<DomainSummary>> {
  const now = deps.now();
  const limit = pageLimit(query.limit);
  const descending = query.sort?.startsWith('-') ? query.order !== 'asc' : query.order === 'desc';
  const sortKey = (query.sort?.replace(/^-/, '') ?? 'key') as DomainSort;
  const sort = SORT_COLUMNS[sortKey];
  const direction = descending !== sort.invert ? 'DESC' : 'ASC';
  // Reads need no transaction: three statements (count, page ids, cards) whatever the page size.
  const manager = deps.dataSource.manager;
  const qb = manager.createQueryBuilder().from(Domain, 'd');
  if (query.stage) qb.andWhere('d.stage = :stage', { stage: query.stage });
  if (query.lead) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM domain_member m WHERE m.domain_id = d.id AND m.user_id = :lead AND m.role IN ('ds_lead', 'product_lead'))`,
      { lead: query.lead },
    );
  }
  if (query.q) {
    qb.andWhere('(d.name ILIKE :q OR d.key ILIKE :q OR d.description ILIKE :q)', {
      q: `%${escapeLike(query.q.trim())}%`,
    });
  }
  if (query.atRisk !== undefined) qb.andWhere('d.at_risk = :atRisk', { atRisk: query.atRisk });
  if (query.held !== undefined) qb.andWhere('d.held = :held', { held: query.held });
  if (query.stalled !== undefined) qb.andWhere(query.stalled ? STALLED : `NOT ${STALLED}`);
  // Only the stalled rule reads :now; an unused parameter is harmless.
  qb.setParameter('now', now);
  const totalRow = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const op = direction === 'DESC' ? '<' : '>';
    const value = sort.timestamp ? 'CAST(:afterValue AS timestamptz)' : 'CAST(:afterValue AS varchar)';
    qb.andWhere(`(${sort.column}, d.id) ${op} (${value}, CAST(:afterId AS uuid))`, {
      afterValue: after[0],
      afterId: after[1],
    });
  }
  const rows = await qb
    .select('d.id', 'id')
    .addSelect(sort.column, 'sort_value')
    .orderBy(sort.column, direction)
    .addOrderBy('d.id', direction)
    .limit(fetchSize(limit))
    .getRawMany<{ id: string; sort_value: string | Date }>();
  const { rows: pageRows, nextCursor } = keysetPage(rows, limit, (last) => [
    last.sort_value instanceof Date ? last.sort_value.toISOString() : String(last.sort_value),
    last.id,
  ]);
  const cards = await loadDomainCardsByIds(
    manager,
    pageRows.map((r) => r.id),
    now,
  );
  return {
    items: cards.map((card) => presentDomainSummary(card, now)),
    total: totalRow?.n ?? 0,
    nextCursor,
  };
}

/** PATCH with optimistic concurrency: the caller names the version they edited. */
export async function updateDomain(
  deps: AppDeps,
  actor: Actor,
  key: string,
  input: UpdateDomainDto,
  expected: ExpectedVersion,
): Promise<DomainView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    const permissions = domainPermissions(actor, await domainRolesOf(tx, domain.id, actor.user.id));
    assertLead(permissions);
    if (input.thresholds !== undefined && !permissions.admin) {
      throw forbidden('Only an admin may change gate thresholds.');
    }
    assertVersion(`Domain ${domain.key}`, domain.version, expected);
    const before = auditable(domain);
    if (input.name !== undefined) domain.name = input.name.trim();
    if (input.description !== undefined) domain.description = input.description;
    if (input.autoAdvance !== undefined) domain.autoAdvance = input.autoAdvance;
    if (input.thresholds !== undefined) domain.thresholds = thresholdsOf(input.thresholds);
    domain.lastActivityAt = now;
    const saved = await tx.save(domain);
    // New thresholds can flip a criterion: what signers saw no longer holds.
    if (input.thresholds !== undefined) {
      // the target moved: the forecast aims at the new one
      await recomputeConfidence(tx, saved, now);
      await recheckSignOffs(tx, actor, saved, now);
    }
    await recordAudit(tx, actor, {
      action: 'domain.update',
      entityType: 'domain',
      entityId: domain.id,
      domainId: domain.id,
      before,
      after: auditable(saved),
    });
    return domainViewIn(tx, saved, actor, now);
  });
}

/**
 * Taking a role from someone who has a recorded decision in it this round would let a lead remove
 * a requirement instead of meeting it (a sponsor's rejection, say): refused with 409
 * `role_decided`, except by an admin who says why. Returns what the admin overrode, for the audit.
 */
async function assertRolesUndecided(
  tx: EntityManager,
  actor: Actor,
  domain: Domain,
  userId: string,
  removedRoles: readonly DomainRole[],
  reason: string | undefined,
): Promise<{ roles: DomainRole[]; reason: string } | null> {
  if (!isPhase(domain.stage) || !removedRoles.length) return null;
  const rows: { role: DomainRole; decision: string }[] = await tx.query(
    `SELECT role, decision FROM sign_off
      WHERE domain_id = $1 AND phase = $2 AND round = $3 AND user_id = $4 AND superseded_at IS NULL AND role = ANY($5::text[])`,
    [domain.id, domain.stage, domain.gateRound, userId, removedRoles],
  );
  if (!rows.length) return null;
  const roles = [...new Set(rows.map((row) => row.role))];
  if (actor.user.role === 'admin' && reason) return { roles, reason };
  const what = rows.map((row) => `${row.decision === 'reject' ? 'rejected' : 'approved'} as ${row.role}`).join(', ');
  throw conflict(
    'role_decided',
    `This member already ${what} in round ${domain.gateRound} of the ${domain.stage} gate: their role cannot be taken away while the round is open. ` +
      (actor.user.role === 'admin' ? 'Give a reason to do it anyway.' : 'An admin may do it with a written reason.'),
    { roles },
  );
}

export async function listMembers(deps: AppDeps, key: string): Promise<DomainMemberView[]> {
  return deps.dataSource.transaction(async (tx) => {
    const domain = await findDomain(tx, key);
    return (await loadMembers(tx, [domain.id])).map(presentMember);
  });
}

/** Replaces one user's roles in the domain (an empty list removes them); returns all members. */
export async function setMemberRoles(
  deps: AppDeps,
  actor: Actor,
  key: string,
  userId: string,
  roles: PutMemberDto['roles'],
  reason?: string,
): Promise<DomainMemberView[]> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    assertLead(domainPermissions(actor, await domainRolesOf(tx, domain.id, actor.user.id)));
    const user = await tx.findOneBy(User, { id: userId });
    if (!user) throw notFound('User');
    const wanted = [...new Set(roles)].sort() as DomainRole[];
    if (wanted.length && !user.active)
      throw conflict('conflict', `${user.name} is deactivated and cannot hold a domain role.`);
    const before = (await domainRolesOf(tx, domain.id, userId)).sort();
    if (before.join() !== wanted.join()) {
      const override = await assertRolesUndecided(
        tx,
        actor,
        domain,
        userId,
        before.filter((r) => !wanted.includes(r)),
        reason,
      );
      await tx.delete(DomainMember, { domainId: domain.id, userId });
      if (wanted.length)
        await tx.insert(
          DomainMember,
          wanted.map((role) => ({ domainId: domain.id, userId, role })),
        );
      await touchDomain(tx, domain.id, now);
      await recordAudit(tx, actor, {
        action: wanted.length ? 'domain.member.set' : 'domain.member.remove',
        entityType: 'domain_member',
        entityId: userId,
        domainId: domain.id,
        before: { userId, name: user.name, roles: before },
        after: { userId, name: user.name, roles: wanted, ...(override ? { decidedRolesRemoved: override } : {}) },
      });
      const added = wanted.filter((role) => !before.includes(role));
      await requestSignOffFromNewHolder(tx, actor, domain, userId, added, now);
      await syncSignOffRequests(tx, domain, now);
    }
    return (await loadMembers(tx, [domain.id])).map(presentMember);
  });
}

export async function removeMember(
  deps: AppDeps,
  actor: Actor,
  key: string,
  userId: string,
  reason?: string,
): Promise<void> {
  const now = deps.now();
  await deps.dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, key);
    assertLead(domainPermissions(actor, await domainRolesOf(tx, domain.id, actor.user.id)));
    const before = (await domainRolesOf(tx, domain.id, userId)).sort();
    if (!before.length) throw notFound('Member');
    const override = await assertRolesUndecided(tx, actor, domain, userId, before, reason);
    const user = await tx.findOneBy(User, { id: userId });
    await tx.delete(DomainMember, { domainId: domain.id, userId });
    await touchDomain(tx, domain.id, now);
    await recordAudit(tx, actor, {
      action: 'domain.member.remove',
      entityType: 'domain_member',
      entityId: userId,
      domainId: domain.id,
      before: { userId, name: user?.name ?? null, roles: before },
      after: { userId, name: user?.name ?? null, roles: [], ...(override ? { decidedRolesRemoved: override } : {}) },
    });
    await syncSignOffRequests(tx, domain, now);
  });
}
