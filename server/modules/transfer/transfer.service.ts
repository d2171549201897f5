import crypto from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ImportResultView } from '../../../shared/api/domains';
import type { Page } from '../../../shared/api/common';
import { conflict, invalid } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { decodeCursor, fetchSize, keysetPage, pageLimit } from '../../http/pagination';
import { Artifact } from '../artifacts/artifact.entity';
import { Caveat } from '../artifacts/caveat.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { recordAudit } from '../audit/audit.service';
import { DomainMember } from '../domains/domain-member.entity';
import { recomputeConfidence } from '../confidence/confidence.service';
import { Domain } from '../domains/domain.entity';
import { findDomain } from '../domains/domain-access';
import { SignOff } from '../gates/sign-off.entity';
import { Waiver } from '../gates/waiver.entity';
import { Setting } from '../settings/setting.entity';
import { Comment } from '../tickets/comment.entity';
import { Ticket } from '../tickets/ticket.entity';
import { hashPassword, randomSecret } from '../users/password';
import { User } from '../users/user.entity';
import { Investigation } from '../weirdness/investigation.entity';
import { RootCause } from '../weirdness/root-cause.entity';
import { ImportedRecord } from './imported-record.entity';
import { readImportBody } from './transfer.read';
import { EXPORT_FORMAT, EXPORT_VERSION, SECTIONS, sectionFields, type Section } from './transfer.schema';
import type { DomainExport, ImportedKind, ImportedRecordRow, Row } from './transfer.types';
import { referenceErrors, schemaErrors } from './transfer.validate';

/** Rows per INSERT: well below PostgreSQL's 65,535 bind parameters for the widest row. */
const INSERT_CHUNK = 500;

/** Keeps only the fields of the format, with dates as ISO strings. */
function pick(entity: object, fields: string[]): Row {
  const row: Row = {};
  for (const field of fields) {
    const value = (entity as Row)[field];
    row[field] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return row;
}

/**
 * This Cairn's instance id, which exports name as their source. Created on first use; it is not
 * an action of anyone, so no audit event is written for it.
 */
export async function instanceId(deps: AppDeps): Promise<string> {
  const key = 'instance';
  await deps.dataSource
    .createQueryBuilder()
    .insert()
    .into(Setting)
    .values({ key, value: { id: crypto.randomUUID() } })
    .orIgnore()
    .execute();
  const setting = await deps.dataSource.getRepository(Setting).findOneByOrFail({ key });
  return String((setting.value as { id: string }).id);
}

/** An imported record as the export and the imported-history list show it; diffs for admins only. */
function presentImported(record: ImportedRecord, diffs: boolean): ImportedRecordRow {
  let row = record.record;
  if (record.kind === 'event' && !diffs) {
    const { before: _before, after: _after, ...rest } = row;
    row = rest;
  }
  return {
    kind: record.kind,
    sourceInstance: record.sourceInstance,
    importedAt: record.importedAt.toISOString(),
    occurredAt: record.occurredAt.toISOString(),
    person: record.person,
    record: row,
  };
}

/**
 * Everything of one domain, history included, as one JSON document. The audit events' before
 * and after values are for admins only, as in GET /audit: other readers get the events without them.
 */
export async function exportDomain(deps: AppDeps, key: string, reader: Actor): Promise<DomainExport> {
  const diffs = reader.user.role === 'admin';
  const instance = await instanceId(deps);
  return deps.dataSource.transaction('REPEATABLE READ', async (tx) => {
    const domain = await findDomain(tx, key);
    const where = { domainId: domain.id };
    const [members, tickets, comments, artifacts, investigations, signOffs, waivers, events, imported] =
      await Promise.all([
        tx.find(DomainMember, { where, order: { createdAt: 'ASC' } }),
        tx.find(Ticket, { where, order: { number: 'ASC' } }),
        tx.find(Comment, { where, order: { createdAt: 'ASC' } }),
        tx.find(Artifact, { where, order: { createdAt: 'ASC' } }),
        tx.find(Investigation, { where, order: { id: 'ASC' } }),
        tx.find(SignOff, { where, order: { createdAt: 'ASC' } }),
        tx.find(Waiver, { where, order: { createdAt: 'ASC' } }),
        tx.find(AuditEvent, { where, order: { id: 'ASC' } }),
        tx.find(ImportedRecord, { where, order: { id: 'ASC' } }),
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
    const eventFields = sectionFields('events').filter((f) => diffs || (f !== 'before' && f !== 'after'));
    const rows = (section: Section, list: object[]) => list.map((entity) => pick(entity, sectionFields(section)));
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: deps.now().toISOString(),
      source: { instance },
      auditDiffs: diffs,
      domain: pick(domain, sectionFields('domain')),
      users: rows('users', users),
      members: rows('members', members),
      tickets: rows('tickets', tickets),
      comments: rows('comments', comments),
      artifacts: rows('artifacts', artifacts),
      caveats: rows('caveats', caveats),
      investigations: rows('investigations', investigations),
      signOffs: rows('signOffs', signOffs),
      waivers: rows('waivers', waivers),
      events: events.map((e) => pick(e, eventFields)),
      importedHistory: imported.map((record) => presentImported(record, diffs)),
    };
  });
}

/** The history another Cairn recorded for the domain, oldest first; diffs for admins only. */
export async function importedHistory(
  deps: AppDeps,
  key: string,
  reader: Actor,
  query: { limit?: number; cursor?: string },
): Promise<Page<ImportedRecordRow>> {
  const domain = await findDomain(deps.dataSource.manager, key);
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 1);
  const qb = deps.dataSource
    .getRepository(ImportedRecord)
    .createQueryBuilder('r')
    .where('r.domain_id = :domainId', { domainId: domain.id })
    .orderBy('r.id', 'ASC')
    .take(fetchSize(limit));
  if (after) qb.andWhere('r.id > :after', { after: String(after[0]) });
  const [rows, total] = await Promise.all([qb.getMany(), qb.clone().take(undefined).getCount()]);
  const page = keysetPage(rows, limit, (last) => [last.id]);
  return {
    items: page.rows.map((r) => presentImported(r, reader.user.role === 'admin')),
    total,
    nextCursor: page.nextCursor,
  };
}

/** Checks a parsed body: the schema first, then every reference. Throws a 400 naming each problem. */
async function checkedFile(deps: AppDeps, input: unknown): Promise<DomainExport> {
  const shapeErrors = await schemaErrors(input);
  if (shapeErrors.length) throw invalid('The file is not a valid Cairn domain export.', shapeErrors);
  const file = input as DomainExport;
  const rootCauses = new Set((await deps.dataSource.getRepository(RootCause).find()).map((r) => r.key));
  const refErrors = referenceErrors(file, rootCauses);
  if (refErrors.length) throw invalid('The export refers to things it does not contain.', refErrors);
  return file;
}

async function insertChunked<T extends object>(
  tx: EntityManager,
  entity: new () => T,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK)
    await tx.insert(entity, rows.slice(start, start + INSERT_CHUNK));
}

/**
 * Imports a domain exported by another Cairn. The body is read and checked in slices (depth,
 * schema, references) before anything is written; the writes are one transaction in chunks (all
 * or nothing); a re-import of the same domain is a no-op; a different domain holding the key is
 * a 409. People are matched by email; unknown people are created as deactivated viewers so the
 * live rows keep their names. Sign-offs, waivers and audit events become imported history
 * (imported_record) with their source instance: they never count in a gate round here and are
 * never recorded as actions of local users.
 */
export async function importDomain(deps: AppDeps, actor: Actor, body: Buffer): Promise<ImportResultView> {
  const file = await checkedFile(deps, await readImportBody(body));
  const key = String(file.domain.key);
  const counts = Object.fromEntries(
    SECTIONS.map((section) => [section, ((file[section] as Row[] | undefined) ?? []).length]),
  );
  const sourceInstance = file.source?.instance ?? 'unknown';
  const placeholderHash = await hashPassword(randomSecret());

  return deps.dataSource.transaction(async (tx) => {
    // The key is the unit of conflict: lock it for this transaction so two imports cannot race.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`domain-import:${key}`]);
    const existing = await tx.findOne(Domain, { where: [{ key }, { id: String(file.domain.id) }] });
    if (existing) {
      if (existing.id === file.domain.id && existing.key === key) return { imported: false, domainKey: key, counts };
      throw conflict(
        'conflict',
        `Domain key ${key} is already used by a different domain here; rename one of them first.`,
        { domainKey: key },
      );
    }
    const userMap = await mapUsers(tx, liveUsers(file), placeholderHash);
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
    await insertChunked(
      tx,
      DomainMember,
      file.members.map((m) => ({
        ...m,
        domainId,
        userId: u(m.userId)!,
        createdAt: date(m.createdAt)!,
      })) as QueryDeepPartialEntity<DomainMember>[],
    );
    await insertChunked(
      tx,
      Artifact,
      file.artifacts.map((a) => ({
        ...a,
        domainId,
        ownerId: u(a.ownerId),
        createdAt: date(a.createdAt)!,
        updatedAt: date(a.updatedAt)!,
      })) as QueryDeepPartialEntity<Artifact>[],
    );
    // Investigation ids are serial per Cairn: new ids here (taken from the sequence up front, so
    // the rows can go in chunks), and every reference follows the map.
    const investigationMap = new Map<number, number>();
    if (file.investigations.length) {
      const ids: { id: string }[] = await tx.query(
        `SELECT nextval(pg_get_serial_sequence('investigation', 'id'))::text AS id FROM generate_series(1, $1)`,
        [file.investigations.length],
      );
      file.investigations.forEach((i, n) => investigationMap.set(Number(i.id), Number(ids[n].id)));
    }
    const inv = (id: unknown) => (id === null || id === undefined ? null : (investigationMap.get(Number(id)) ?? null));
    await insertChunked(
      tx,
      Investigation,
      file.investigations.map((i) => ({
        ...i,
        id: inv(i.id)!,
        duplicateOf: inv(i.duplicateOf),
        domainId,
        reporterId: u(i.reporterId),
        investigatorId: u(i.investigatorId),
        reportedAt: date(i.reportedAt)!,
        triagedAt: date(i.triagedAt),
        closedAt: date(i.closedAt),
        updatedAt: date(i.updatedAt)!,
      })) as QueryDeepPartialEntity<Investigation>[],
    );
    await insertChunked(
      tx,
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
      })) as QueryDeepPartialEntity<Ticket>[],
    );
    await insertChunked(
      tx,
      Caveat,
      file.caveats.map((c) => ({
        ...c,
        authorId: u(c.authorId),
        investigationId: inv(c.investigationId),
        createdAt: date(c.createdAt)!,
      })) as QueryDeepPartialEntity<Caveat>[],
    );
    await insertChunked(
      tx,
      Comment,
      file.comments.map((c) => ({
        ...c,
        domainId,
        subjectId: c.subjectType === 'investigation' ? String(inv(c.subjectId)) : String(c.subjectId),
        authorId: u(c.authorId),
        createdAt: date(c.createdAt)!,
      })) as QueryDeepPartialEntity<Comment>[],
    );
    await insertChunked(tx, ImportedRecord, importedRecords(file, domainId, sourceInstance, deps.now()));
    // Its investigations arrived: measure the domain now, not at the next nightly refit.
    await recomputeConfidence(tx, await tx.findOneByOrFail(Domain, { id: domainId }), deps.now());
    await recordAudit(tx, actor, {
      action: 'domain.import',
      entityType: 'domain',
      entityId: domainId,
      domainId,
      after: { key, counts, sourceInstance },
    });
    return { imported: true, domainKey: key, counts };
  });
}

/** The people the live rows name; people named only by history stay in the history's JSON. */
function liveUsers(file: DomainExport): Row[] {
  const ids = new Set<unknown>();
  file.members.forEach((m) => ids.add(m.userId));
  file.tickets.forEach((t) => (ids.add(t.assigneeId), ids.add(t.reporterId)));
  file.comments.forEach((c) => ids.add(c.authorId));
  file.artifacts.forEach((a) => ids.add(a.ownerId));
  file.caveats.forEach((c) => ids.add(c.authorId));
  file.investigations.forEach((i) => (ids.add(i.reporterId), ids.add(i.investigatorId)));
  return file.users.filter((user) => ids.has(user.id));
}

/** The file's sign-offs, waivers and events, and the history it carried, as imported records. */
function importedRecords(
  file: DomainExport,
  domainId: string,
  sourceInstance: string,
  now: Date,
): QueryDeepPartialEntity<ImportedRecord>[] {
  const people = new Map(file.users.map((user) => [user.id, { email: String(user.email), name: String(user.name) }]));
  const record = (kind: ImportedKind, row: Row, personId: unknown, occurredAt: unknown) => ({
    domainId,
    kind,
    sourceInstance,
    occurredAt: new Date(String(occurredAt)),
    person: (personId && people.get(personId)) || null,
    record: row,
    importedAt: now,
  });
  return [
    ...(file.importedHistory ?? []).map((h) => ({
      domainId,
      kind: h.kind,
      sourceInstance: h.sourceInstance,
      occurredAt: new Date(h.occurredAt),
      person: h.person,
      record: h.record,
      importedAt: now,
    })),
    ...file.signOffs.map((s) => record('signOff', s, s.userId, s.createdAt)),
    ...file.waivers.map((w) => record('waiver', w, w.userId, w.createdAt)),
    ...file.events.map((e) => record('event', e, e.actorId, e.at)),
  ] as QueryDeepPartialEntity<ImportedRecord>[];
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
