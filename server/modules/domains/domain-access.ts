import type { EntityManager } from 'typeorm';
import type { DomainRole } from '../../../shared/api/enums';
import { forbidden, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { DomainMember } from './domain-member.entity';
import { Domain } from './domain.entity';

/** Loads a domain by key, or 404. */
export async function findDomain(tx: EntityManager, key: string): Promise<Domain> {
  const domain = await tx.findOneBy(Domain, { key: key.toUpperCase() });
  if (!domain) throw notFound(`Domain ${key}`);
  return domain;
}

/**
 * Loads a domain and locks its row (`SELECT … FOR UPDATE`) for the rest of the transaction:
 * every lifecycle action, sign-off and ticket number goes through this lock.
 */
export async function lockDomain(tx: EntityManager, key: string): Promise<Domain> {
  const domain = await tx.findOne(Domain, { where: { key: key.toUpperCase() }, lock: { mode: 'pessimistic_write' } });
  if (!domain) throw notFound(`Domain ${key}`);
  return domain;
}

export async function lockDomainById(tx: EntityManager, id: string): Promise<Domain> {
  const domain = await tx.findOne(Domain, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!domain) throw notFound('Domain');
  return domain;
}

/** The caller's roles in one domain. */
export async function domainRolesOf(tx: EntityManager, domainId: string, userId: string): Promise<DomainRole[]> {
  const rows = await tx.findBy(DomainMember, { domainId, userId });
  return rows.map((row) => row.role);
}

/** What one user may do in one domain; the one place these rules live. */
export interface DomainPermissions {
  read: boolean;
  /** create/edit tickets, artifacts, comments, report weirdness */
  contribute: boolean;
  /** edit the domain, manage members, advance, recycle, hold, resume */
  lead: boolean;
  /** waive criteria, tune thresholds */
  admin: boolean;
}

export function domainPermissions(actor: Actor, roles: readonly DomainRole[]): DomainPermissions {
  const admin = actor.user.role === 'admin';
  const member = admin || actor.user.role === 'member';
  const lead = admin || (member && (roles.includes('ds_lead') || roles.includes('product_lead')));
  return { read: true, contribute: member, lead, admin };
}

export function assertContribute(permissions: DomainPermissions): void {
  if (!permissions.contribute) throw forbidden('Viewers cannot change anything.');
}

export function assertLead(permissions: DomainPermissions): void {
  if (!permissions.lead)
    throw forbidden('Only a lead of this domain (ds_lead, product_lead) or an admin may do this.');
}

/** Records that something happened in the domain (drives "stalled" on the board). */
export async function touchDomain(tx: EntityManager, domainId: string, now: Date): Promise<void> {
  await tx.query(`UPDATE "domain" SET last_activity_at = $2 WHERE id = $1`, [domainId, now]);
}

/**
 * Roles of the current gate a user may sign now: a required role they hold, unless they already
 * fill another role of this round (one person fills one role per round; re-signing the same role
 * is allowed and supersedes). Held domain roles are what counts here, not the global role: a
 * sponsor from leadership may be a read-only viewer elsewhere and still owes the gate a decision.
 */
export function signableRoles(
  heldRoles: readonly DomainRole[],
  requiredRoles: readonly DomainRole[],
  rolesFilledByUser: readonly DomainRole[],
): DomainRole[] {
  return requiredRoles.filter(
    (role) => heldRoles.includes(role) && rolesFilledByUser.every((filled) => filled === role),
  );
}

/** Admins only: waive criteria, tune thresholds. */
export function assertAdmin(permissions: DomainPermissions): void {
  if (!permissions.admin) throw forbidden('Only an admin may do this.');
}

/**
 * The ds_lead (a member or admin holding that role here) re-confirms a certified domain: at any
 * time as its periodic review, and once an at-risk alarm has been acknowledged by a lead.
 */
export function canReconfirm(
  domain: Pick<Domain, 'stage' | 'atRisk' | 'riskAcknowledgedAt'>,
  permissions: DomainPermissions,
  roles: readonly DomainRole[],
): boolean {
  return (
    domain.stage === 'certified' &&
    permissions.contribute &&
    roles.includes('ds_lead') &&
    (!domain.atRisk || !!domain.riskAcknowledgedAt)
  );
}
