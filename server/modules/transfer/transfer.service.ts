import crypto from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ImportResultView } from '../../../shared/api/domains';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { Artifact } from '../artifacts/artifact.entity';
import { Caveat } from '../artifacts/caveat.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { recordAudit } from '../audit/audit.service';
import { DomainMember } from '../domains/domain-member.entity';
import { Domain } from '../domains/domain.entity';
import { findDomain } from '../domains/domain-access';
import { SignOff } from '../gates/sign-off.entity';
import { Waiver } from '../gates/waiver.entity';
import { Comment } from '../tickets/comment.entity';
import { Ticket } from '../tickets/ticket.entity';
import { hashPassword, randomSecret } from '../users/password';
import { User } from '../users/user.entity';
import { Investigation } from '../weirdness/investigation.entity';
import {
  DOMAIN_FIELDS,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  SECTIONS,
  validateExport,
  type DomainExport,
  type Row,
} from './transfer.format';

/** Keeps only the fields of the format, with dates as ISO strings. */
function pick(entity: object, fields: Record<string, unknown>): Row {
  const row: Row = {};
  for (const field of Object.keys(fields)) {
    const value = (entity as Row)[field];
    row[field] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return row;
}

/** Everything of one domain, history included, as one JSON document. */
export async function exportDomain(deps: AppDeps, key: string): Promise<DomainExport> {
  return deps.dataSource.transaction('REPEATABLE READ', async (tx) => {
    const domain = await findDomain(tx, key);
    const where = { domainId: domain.id };
    const [members, tickets, comments, artifacts, investigations, signOffs, waivers, events] = await Promise.all([
      tx.find(DomainMember, { where, order: { createdAt: 'ASC' } }),
      tx.find(Ticket, { where, order: { number: 'ASC' } }),
      tx.find(Comment, { where, order: { createdAt: 'ASC' } }),
      tx.find(Artifact, { where, order: { createdAt: 'ASC' } }),
      tx.find(Investigation, { where, order: { id: 'ASC' } }),
      tx.find(SignOff, { where, order: { createdAt: 'ASC' } }),
      tx.find(Waiver, { where, order: { createdAt: 'ASC' } }),
      tx.find(AuditEvent, { where, order: { id: 'ASC' } }),
    ]);
    const caveats = artifacts.length
      ? await tx.find(Caveat, { where: { artifactId: In(artifacts.map((a) => a.id)) }, order: { createdAt: 'ASC' } })
      : [];
    const userIds = new Set<string>();
    const addUser = (id: string | null | undefined) => id && userIds.add(id);
    members.forEach((m) => addUser(m.userId));
    tickets.forEach((t) => (addUser(t.assigneeId), addUser(t.reporterId)));
    comments.forEach((c) => addUser(c.authorId));
    artifacts.forEach((a) => addUser(a.ownerId));
    caveats.forEach((c) => addUser(c.authorId));
    investigations.forEach((i) => (addUser(i.reporterId), addUser(i.investigatorId)));
    signOffs.forEach((s) => addUser(s.userId));
    waivers.forEach((w) => addUser(w.userId));
    events.forEach((e) => addUser(e.actorId));
    const users = userIds.size ? await tx.find(User, { where: { id: In([...userIds]) }, order: { email: 'ASC' } }) : [];
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: deps.now().toISOString(),
      domain: pick(domain, DOMAIN_FIELDS),
      users: users.map((u) => pick(u, SECTIONS.users)),
      members: members.map((m) => pick(m, SECTIONS.members)),
      tickets: tickets.map((t) => pick(t, SECTIONS.tickets)),
      comments: comments.map((c) => pick(c, SECTIONS.comments)),
      artifacts: artifacts.map((a) => pick(a, SECTIONS.artifacts)),
      caveats: caveats.map((c) => pick(c, SECTIONS.caveats)),
      investigations: investigations.map((i) => pick(i, SECTIONS.investigations)),
      signOffs: signOffs.map((s) => pick(s, SECTIONS.signOffs)),
      waivers: waivers.map((w) => pick(w, SECTIONS.waivers)),
      events: events.map((e) => pick(e, SECTIONS.events)),
    };
  });
}

/** References inside the file must point inside the file. */
function referenceErrors(file: DomainExport): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const users = new Set(file.users.map((u) => u.id));
  const artifacts = new Set(file.artifacts.map((a) => a.id));
  const investigations = new Set(file.investigations.map((i) => i.id));
  const tickets = new Set(file.tickets.map((t) => t.id));
  const userRefs: [string, string[]][] = [
    ['members', ['userId']],
    ['tickets', ['assigneeId', 'reporterId']],
    ['comments', ['authorId']],
    ['artifacts', ['ownerId']],
    ['caveats', ['authorId']],
    ['investigations', ['reporterId', 'investigatorId']],
    ['signOffs', ['userId']],
    ['waivers', ['userId']],
    ['events', ['actorId']],
  ];
  for (const [section, fields] of userRefs) {
    (file as unknown as Record<string, Row[]>)[section].forEach((row, index) => {
      for (const field of fields) {
        if (row[field] && !users.has(row[field]))
          errors.push({ field: `${section}[${index}].${field}`, message: 'names a user missing from users' });
      }
    });
  }
  file.tickets.forEach((t, index) => {
    for (const id of t.artifactIds as string[])
      if (!artifacts.has(id))
        errors.push({ field: `tickets[${index}].artifactIds`, message: `names unknown artifact ${id}` });
    if (t.investigationId !== null && !investigations.has(t.investigationId))
      errors.push({ field: `tickets[${index}].investigationId`, message: 'names an unknown investigation' });
    if ((t.number as number) > (file.domain.ticketSeq as number))
      errors.push({ field: `tickets[${index}].number`, message: 'is above domain.ticketSeq' });
  });
  file.caveats.forEach((c, index) => {
    if (!artifacts.has(c.artifactId))
      errors.push({ field: `caveats[${index}].artifactId`, message: 'names an unknown artifact' });
  });
  file.comments.forEach((c, index) => {
    const known = c.subjectType === 'ticket' ? tickets.has(c.subjectId) : investigations.has(Number(c.subjectId));
    if (!known)
      errors.push({ field: `comments[${index}].subjectId`, message: `names an unknown ${String(c.subjectType)}` });
  });
  return errors.slice(0, 100);
}

/**
 * Imports a domain exported by another Cairn: everything is validated before anything is written,
 * the writes are one transaction (all or nothing), a re-import of the same domain is a no-op, and a
 * different domain holding the key is a 409. People are matched by email; unknown people are
 * created as deactivated viewers so the history keeps their names.
 */
export async function importDomain(deps: AppDeps, actor: Actor, input: unknown): Promise<ImportResultView> {
  const shapeErrors = validateExport(input);
  if (shapeErrors.length)
    throw new AppError(400, 'validation_failed', 'The file is not a valid Cairn domain export.', {
      errors: shapeErrors,
    });
  const file = input as DomainExport;
  const refErrors = referenceErrors(file);
  if (refErrors.length)
    throw new AppError(400, 'validation_failed', 'The export refers to things it does not contain.', {
      errors: refErrors,
    });
  const key = String(file.domain.key);
  const counts = Object.fromEntries(
    Object.keys(SECTIONS).map((section) => [section, (file as unknown as Record<string, Row[]>)[section].length]),
  );
  const placeholderHash = await hashPassword(randomSecret());

  return deps.dataSource.transaction(async (tx) => {
    // The key is the unit of conflict: lock it for this transaction so two imports cannot race.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`domain-import:${key}`]);
    const existing = await tx.findOne(Domain, { where: [{ key }, { id: String(file.domain.id) }] });
    if (existing) {
      if (existing.id === file.domain.id && existing.key === key) return { imported: false, domainKey: key, counts };
      throw new AppError(
        409,
        'conflict',
        `Domain key ${key} is already used by a different domain here; rename one of them first.`,
        { domainKey: key },
      );
    }
    const userMap = await mapUsers(tx, file.users, placeholderHash);
    const u = (id: unknown) => (id ? (userMap.get(String(id)) ?? null) : null);
    const domainId = String(file.domain.id);
    const date = (value: unknown) => (value ? new Date(String(value)) : null);

    await tx.insert(Domain, {
      ...file.domain,
      phaseEnteredAt: date(file.domain.phaseEnteredAt)!,
      lastActivityAt: date(file.domain.lastActivityAt)!,
      createdAt: date(file.domain.createdAt)!,
      version: 1,
    } as Partial<Domain>);
    if (file.members.length)
      await tx.insert(
        DomainMember,
        file.members.map((m) => ({
          ...m,
          domainId,
          userId: u(m.userId)!,
          createdAt: date(m.createdAt)!,
        })) as Partial<DomainMember>[],
      );
    if (file.artifacts.length) {
      await tx.insert(
        Artifact,
        file.artifacts.map((a) => ({
          ...a,
          domainId,
          ownerId: u(a.ownerId),
          createdAt: date(a.createdAt)!,
          updatedAt: date(a.updatedAt)!,
        })) as Partial<Artifact>[],
      );
    }
    // Investigation ids are serial per Cairn: new ids here, and every reference follows the map.
    const investigationMap = new Map<number, number>();
    for (const i of file.investigations) {
      const { id: oldId, ...rest } = i;
      const result = await tx.insert(Investigation, {
        ...rest,
        domainId,
        reporterId: u(i.reporterId),
        investigatorId: u(i.investigatorId),
        reportedAt: date(i.reportedAt)!,
        triagedAt: date(i.triagedAt),
        closedAt: date(i.closedAt),
        updatedAt: date(i.updatedAt)!,
      } as Partial<Investigation>);
      investigationMap.set(Number(oldId), Number(result.identifiers[0].id));
    }
    const inv = (id: unknown) => (id === null || id === undefined ? null : (investigationMap.get(Number(id)) ?? null));
    if (file.tickets.length) {
      await tx.insert(
        Ticket,
        file.tickets.map((t) => ({
          ...t,
          domainId,
          key: `${key}-${String(t.number)}`,
          assigneeId: u(t.assigneeId),
          reporterId: u(t.reporterId),
          investigationId: inv(t.investigationId),
          createdAt: date(t.createdAt)!,
          updatedAt: date(t.updatedAt)!,
        })) as Partial<Ticket>[],
      );
    }
    if (file.caveats.length)
      await tx.insert(
        Caveat,
        file.caveats.map((c) => ({
          ...c,
          authorId: u(c.authorId),
          investigationId: inv(c.investigationId),
          createdAt: date(c.createdAt)!,
        })) as Partial<Caveat>[],
      );
    if (file.comments.length) {
      await tx.insert(
        Comment,
        file.comments.map((c) => ({
          ...c,
          domainId,
          subjectId: c.subjectType === 'investigation' ? String(inv(c.subjectId)) : String(c.subjectId),
          authorId: u(c.authorId),
          createdAt: date(c.createdAt)!,
        })) as Partial<Comment>[],
      );
    }
    if (file.signOffs.length) {
      await tx.insert(
        SignOff,
        file.signOffs.map((s) => ({
          ...s,
          domainId,
          userId: u(s.userId)!,
          staleAt: date(s.staleAt),
          supersededAt: date(s.supersededAt),
          createdAt: date(s.createdAt)!,
        })) as Partial<SignOff>[],
      );
    }
    if (file.waivers.length)
      await tx.insert(
        Waiver,
        file.waivers.map((w) => ({
          ...w,
          domainId,
          userId: u(w.userId)!,
          revokedAt: date(w.revokedAt),
          createdAt: date(w.createdAt)!,
        })) as Partial<Waiver>[],
      );
    // The history comes along, as it happened; request ids are not carried over.
    for (let start = 0; start < file.events.length; start += 1000) {
      await tx.insert(
        AuditEvent,
        file.events
          .slice(start, start + 1000)
          .map((e) => ({
            ...e,
            domainId,
            actorId: u(e.actorId),
            at: date(e.at)!,
            requestId: null,
          })) as QueryDeepPartialEntity<AuditEvent>[],
      );
    }
    await recordAudit(tx, actor, {
      action: 'domain.import',
      entityType: 'domain',
      entityId: domainId,
      domainId,
      after: { key, counts },
    });
    return { imported: true, domainKey: key, counts };
  });
}

async function mapUsers(tx: EntityManager, users: Row[], placeholderHash: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const emails = users.map((user) => String(user.email).toLowerCase());
  const found = emails.length ? await tx.find(User, { where: { email: In(emails) } }) : [];
  const byEmail = new Map(found.map((user) => [user.email, user.id]));
  for (const user of users) {
    const email = String(user.email).toLowerCase();
    let id = byEmail.get(email);
    if (!id) {
      id = crypto.randomUUID();
      await tx.insert(User, {
        id,
        email,
        name: String(user.name),
        role: 'viewer',
        active: false,
        passwordHash: placeholderHash,
      });
      byEmail.set(email, id);
    }
    map.set(String(user.id), id);
  }
  return map;
}
