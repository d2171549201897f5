import { setImmediate as nextTick } from 'node:timers/promises';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SECTIONS, TRANSFER_SCHEMAS, IMPORT_LIMITS, sectionItemSchema, type Section } from './transfer.schema';
import type { DomainExport, Row } from './transfer.types';

export interface FieldError {
  field: string;
  message: string;
}

/** At most this many problems are reported; the file is refused at the first one anyway. */
const MAX_ERRORS = 100;
/** Rows validated between two yields to the event loop. */
const ROWS_PER_TICK = 500;

const SCHEMA_ID = 'https://cairn.dev/schemas/domain-export';
let compiled: { file: ValidateFunction; rows: Map<Section, ValidateFunction> } | null = null;

/**
 * Compiles the schema once, inside a wrapper shaped like the OpenAPI document so `#/components/schemas/…` resolves.
 * Compiling holds the event loop for about half a second, so the server calls this before it listens
 * (server/index.ts) rather than in the first import's request.
 */
export function validators() {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: SCHEMA_ID, components: { schemas: TRANSFER_SCHEMAS } });
  const get = (name: string) => ajv.getSchema(`${SCHEMA_ID}#/components/schemas/${name}`)!;
  compiled = {
    file: get('DomainExportFile'),
    rows: new Map(SECTIONS.map((section) => [section, get(sectionItemSchema(section))])),
  };
  return compiled;
}

/** `/tickets/0/title` → `tickets[0].title`. */
function fieldOf(prefix: string, error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) segments.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && params.additionalProperty) segments.push(params.additionalProperty);
  let field = prefix;
  for (const segment of segments) field += /^\d+$/.test(segment) ? `[${segment}]` : `${field ? '.' : ''}${segment}`;
  return field || 'body';
}

function collect(errors: FieldError[], prefix: string, found: ErrorObject[] | null | undefined): void {
  const seen = new Set(errors.map((e) => e.field));
  for (const error of found ?? []) {
    // `if`/`anyOf` restate a nested error at the parent; the nested one names the field.
    if (error.keyword === 'if' || error.keyword === 'anyOf') continue;
    const field = fieldOf(prefix, error);
    if (seen.has(field)) continue;
    seen.add(field);
    const message =
      error.keyword === 'additionalProperties'
        ? 'is not a field of the format'
        : error.keyword === 'enum'
          ? `must be one of ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`
          : (error.message ?? 'is invalid');
    errors.push({ field, message });
  }
}

/**
 * Checks a parsed body against the DomainExportFile schema: the file without its lists first,
 * then each list's rows in batches with a yield between them. One entry per invalid field.
 */
export async function schemaErrors(input: unknown): Promise<FieldError[]> {
  const { file, rows } = validators();
  const errors: FieldError[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return [{ field: 'body', message: 'must be a Cairn domain export object' }];
  const body = input as Record<string, unknown>;
  const shell: Record<string, unknown> = { ...body };
  for (const section of SECTIONS) if (Array.isArray(shell[section])) shell[section] = [];
  if (!file(shell)) collect(errors, '', file.errors);
  for (const section of SECTIONS) {
    const list = body[section];
    if (!Array.isArray(list)) continue;
    const limit = IMPORT_LIMITS.rows[section];
    if (list.length > limit) {
      errors.push({ field: section, message: `has ${list.length} rows; at most ${limit} are imported` });
      continue;
    }
    const validate = rows.get(section)!;
    for (let index = 0; index < list.length && errors.length < MAX_ERRORS; index++) {
      if (index && index % ROWS_PER_TICK === 0) await nextTick();
      if (!validate(list[index])) collect(errors, `${section}[${index}]`, validate.errors);
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  return errors.slice(0, MAX_ERRORS);
}

/** Each id (or other key) of a section appears once. */
function duplicates(errors: FieldError[], section: string, rows: Row[], keyOf: (row: Row) => unknown, what: string) {
  const seen = new Set<unknown>();
  rows.forEach((row, index) => {
    const key = keyOf(row);
    if (seen.has(key)) errors.push({ field: `${section}[${index}].${what}`, message: 'appears twice in the file' });
    seen.add(key);
  });
}

/**
 * References must point inside the file (so an artifact is always one of the same domain), root
 * causes must exist here, and what must be unique is. Runs after the schema check.
 */
export function referenceErrors(file: DomainExport, rootCauses: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const users = new Set(file.users.map((u) => u.id));
  const artifacts = new Set(file.artifacts.map((a) => a.id));
  const investigations = new Set(file.investigations.map((i) => i.id));
  const tickets = new Set(file.tickets.map((t) => t.id));
  const userRefs: [Section, string[]][] = [
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
    (file[section] as Row[]).forEach((row, index) => {
      for (const field of fields)
        if (row[field] && !users.has(row[field]))
          errors.push({ field: `${section}[${index}].${field}`, message: 'names a user missing from users' });
    });
  }
  duplicates(errors, 'users', file.users, (u) => String(u.email).toLowerCase(), 'email');
  duplicates(errors, 'users', file.users, (u) => u.id, 'id');
  duplicates(errors, 'members', file.members, (m) => `${String(m.userId)} ${String(m.role)}`, 'role');
  duplicates(errors, 'tickets', file.tickets, (t) => t.id, 'id');
  duplicates(errors, 'tickets', file.tickets, (t) => t.number, 'number');
  duplicates(errors, 'artifacts', file.artifacts, (a) => a.id, 'id');
  duplicates(errors, 'investigations', file.investigations, (i) => i.id, 'id');
  duplicates(errors, 'caveats', file.caveats, (c) => c.id, 'id');
  duplicates(errors, 'comments', file.comments, (c) => c.id, 'id');
  const artifact = (section: string, index: number, field: string, id: unknown) => {
    if (id !== null && !artifacts.has(id))
      errors.push({ field: `${section}[${index}].${field}`, message: 'names an artifact missing from artifacts' });
  };
  const investigation = (section: string, index: number, field: string, id: unknown) => {
    if (id !== null && !investigations.has(id))
      errors.push({
        field: `${section}[${index}].${field}`,
        message: 'names an investigation missing from investigations',
      });
  };
  file.tickets.forEach((t, index) => {
    (t.artifactIds as string[]).forEach((id, n) => artifact('tickets', index, `artifactIds[${n}]`, id));
    investigation('tickets', index, 'investigationId', t.investigationId);
    if ((t.number as number) > (file.domain.ticketSeq as number))
      errors.push({ field: `tickets[${index}].number`, message: 'is above domain.ticketSeq' });
  });
  file.caveats.forEach((c, index) => {
    artifact('caveats', index, 'artifactId', c.artifactId);
    investigation('caveats', index, 'investigationId', c.investigationId);
  });
  file.investigations.forEach((i, index) => {
    artifact('investigations', index, 'artifactId', i.artifactId);
    if (i.rootCause !== null && !rootCauses.has(String(i.rootCause)))
      errors.push({ field: `investigations[${index}].rootCause`, message: 'is not a root cause of this Cairn' });
  });
  file.comments.forEach((c, index) => {
    const known = c.subjectType === 'ticket' ? tickets.has(c.subjectId) : investigations.has(Number(c.subjectId));
    if (!known)
      errors.push({
        field: `comments[${index}].subjectId`,
        message: `names a ${String(c.subjectType)} missing from the file`,
      });
  });
  return errors.slice(0, MAX_ERRORS);
}
