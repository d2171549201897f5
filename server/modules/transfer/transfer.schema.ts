import {
  ARTIFACT_STATUSES,
  ARTIFACT_TYPES,
  DOMAIN_ROLES,
  DOMAIN_STAGES,
  INVESTIGATION_STATUSES,
  PHASES,
  PRIORITIES,
  SEVERITIES,
  SIGNOFF_DECISIONS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '../../../shared/api/enums';
import { CRITERION_KEYS } from '../../../shared/workflow/types';
import { ARTIFACT_DETAIL_FIELDS } from '../artifacts/artifacts.service';

/**
 * The JSON Schema (2020-12) of a Cairn domain export: the import checks its body against it and
 * the OpenAPI document publishes the same definitions for the import body and the export answer.
 * References are written as `#/components/schemas/…` so that they resolve inside the OpenAPI
 * document; the validator compiles them inside a wrapper of the same shape.
 */

export const EXPORT_FORMAT = 'cairn-domain-export';
/** 2 adds `source`, `auditDiffs` and `importedHistory`; files of version 1 still import. */
export const EXPORT_VERSION = 2;

/** Documented limits of one import (docs/import-export.md). */
export const IMPORT_LIMITS = {
  /** bytes of the request body */
  bodyBytes: 64 * 1024 * 1024,
  /** levels of nested objects and arrays, the file's own object being level 1 */
  depth: 32,
  rows: {
    users: 5_000,
    members: 5_000,
    tickets: 20_000,
    comments: 100_000,
    artifacts: 5_000,
    caveats: 20_000,
    investigations: 20_000,
    signOffs: 10_000,
    waivers: 5_000,
    events: 200_000,
    importedHistory: 200_000,
  },
} as const;

export type Section = keyof typeof IMPORT_LIMITS.rows;
export const SECTIONS = Object.keys(IMPORT_LIMITS.rows) as Section[];

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
/** A non-blank string of at most `max` characters (a varchar column). */
const name = (max: number): Schema => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });
/** Free text, possibly empty. */
const text = (max: number): Schema => ({ type: 'string', maxLength: max });
const uuid: Schema = { type: 'string', format: 'uuid' };
const date: Schema = { type: 'string', format: 'date-time', maxLength: 40 };
const int = (minimum = 0, maximum = 2 ** 31 - 1): Schema => ({ type: 'integer', minimum, maximum });
const oneOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });
/** Any JSON value (audit before/after); its depth is bounded while the body is read. */
const anyJson: Schema = {};

/** A row of a section: every field named here is required, and no other field is allowed. */
function row(description: string, properties: Record<string, Schema>, extra: Schema = {}): Schema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
    ...extra,
  };
}

const LONG_TEXT = 100_000;
const TEXT = 20_000;
const DETAIL_TEXT = 10_000;

const threshold = (minimum: number, maximum: number) => int(minimum, maximum);

/** Per-domain overrides of the gate thresholds; the same ranges as PUT /settings/thresholds. */
const thresholds: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    minProblemStatements: threshold(0, 1000),
    minStakeholders: threshold(0, 1000),
    minReadyMetrics: threshold(0, 1000),
    minReadyDatasets: threshold(0, 1000),
    minExampleAnalyses: threshold(0, 1000),
    minHandoffSessions: threshold(0, 1000),
    maxNewInvestigations: threshold(0, 1000),
    newInvestigationWindowDays: threshold(1, 365),
    // files exported before measured confidence carry it: accepted, no longer read
    oddityWindowDays: threshold(1, 365),
    minObservedWeeks: threshold(0, 104),
    targetOddityRate: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
    stallDays: threshold(1, 365),
    certificationReviewDays: threshold(1, 3650),
  },
};

const investigationFields: Record<string, Schema> = {
  id: int(1),
  title: name(300),
  observed: text(TEXT),
  expected: text(TEXT),
  artifactId: nullable(uuid),
  severity: oneOf(SEVERITIES),
  status: oneOf(INVESTIGATION_STATUSES),
  reporterId: nullable(uuid),
  investigatorId: nullable(uuid),
  rootCause: nullable({ type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' }),
  resolution: nullable(text(TEXT)),
  dismissReason: nullable(text(TEXT)),
  reportedAt: date,
  triagedAt: nullable(date),
  closedAt: nullable(date),
  version: int(1),
  updatedAt: date,
};

/** duplicateOf is optional: files exported before it existed have none. */
const investigationRow: Schema = row(
  'An investigation of the weirdness log; ids are renumbered on import',
  investigationFields,
  { properties: { ...investigationFields, duplicateOf: nullable(int(1)) } },
);

/** Details of an artifact: flat strings, only the fields of its type; a link is an http(s) URL. */
const detailsOf = (type: keyof typeof ARTIFACT_DETAIL_FIELDS): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    ARTIFACT_DETAIL_FIELDS[type].map((field) => [
      field,
      field === 'link' ? { type: 'string', maxLength: DETAIL_TEXT, pattern: '^(https?://\\S+)?$' } : text(DETAIL_TEXT),
    ]),
  ),
});

const evidence: Schema = {
  type: 'object',
  description: 'What the signer saw, frozen at the moment of signing',
  additionalProperties: false,
  required: ['phase', 'criteria', 'openItems', 'capturedAt'],
  properties: {
    phase: oneOf(PHASES),
    criteria: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'label', 'value', 'threshold', 'passed', 'waived'],
        properties: {
          key: oneOf(CRITERION_KEYS),
          label: text(200),
          value: { type: 'number' },
          threshold: text(200),
          limits: { type: 'array', maxItems: 5, items: { type: 'number' } },
          detail: text(500),
          passed: { type: 'boolean' },
          waived: { type: 'boolean' },
          waiver: nullable({
            type: 'object',
            additionalProperties: false,
            required: ['reason', 'by', 'at'],
            properties: { reason: text(5000), by: text(200), at: date, id: uuid },
          }),
        },
      },
    },
    openItems: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'ref', 'title'],
        properties: {
          kind: oneOf(['ticket', 'investigation']),
          ref: text(40),
          title: text(300),
          severity: oneOf(SEVERITIES),
          priority: oneOf(PRIORITIES),
        },
      },
    },
    capturedAt: date,
  },
};

const signOff = row('A sign-off of a gate round', {
  id: uuid,
  phase: oneOf(PHASES),
  round: int(1),
  role: oneOf(DOMAIN_ROLES),
  userId: uuid,
  decision: oneOf(SIGNOFF_DECISIONS),
  comment: text(TEXT),
  evidence: ref('DomainExportEvidence'),
  staleAt: nullable(date),
  staleReason: nullable(text(TEXT)),
  supersededAt: nullable(date),
  createdAt: date,
});

const waiver = row('A waived criterion', {
  id: uuid,
  phase: oneOf(PHASES),
  criterion: name(60),
  reason: text(TEXT),
  userId: uuid,
  revokedAt: nullable(date),
  createdAt: date,
});

/** `before` and `after` are left out of the export for readers who are not admins. */
const auditEvent = {
  ...row('An audit event of the domain', {
    at: date,
    actorId: nullable(uuid),
    action: name(80),
    entityType: name(40),
    entityId: name(80),
    before: anyJson,
    after: anyJson,
  }),
  required: ['at', 'actorId', 'action', 'entityType', 'entityId'],
};

const person: Schema = nullable({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'name'],
  properties: { email: text(320), name: text(200) },
});

const IMPORTED_KINDS = { signOff: 'DomainExportSignOff', waiver: 'DomainExportWaiver', event: 'DomainExportEvent' };

const importedRecord: Schema = {
  ...row('A sign-off, waiver or audit event another Cairn recorded: history only, never an approval here', {
    kind: oneOf(Object.keys(IMPORTED_KINDS)),
    sourceInstance: name(200),
    importedAt: date,
    occurredAt: date,
    person,
    record: { type: 'object' },
  }),
  allOf: Object.entries(IMPORTED_KINDS).map(([kind, schema]) => ({
    if: { properties: { kind: { const: kind } } },
    then: { properties: { record: ref(schema) } },
  })),
};

const section = (item: string, maxItems: number): Schema => ({ type: 'array', maxItems, items: ref(item) });

const ITEM_SCHEMAS: Record<Section, string> = {
  users: 'DomainExportUser',
  members: 'DomainExportMember',
  tickets: 'DomainExportTicket',
  comments: 'DomainExportComment',
  artifacts: 'DomainExportArtifact',
  caveats: 'DomainExportCaveat',
  investigations: 'DomainExportInvestigation',
  signOffs: 'DomainExportSignOff',
  waivers: 'DomainExportWaiver',
  events: 'DomainExportEvent',
  importedHistory: 'DomainExportImportedRecord',
};

/** The name of the schema each row of a section must match. */
export const sectionItemSchema = (s: Section): string => ITEM_SCHEMAS[s];

const OPTIONAL_TOP = ['source', 'auditDiffs', 'importedHistory'];

/** The component schemas of the format, by name; `DomainExportFile` is the whole file. */
export const TRANSFER_SCHEMAS: Record<string, Schema> = {
  DomainExportFile: {
    type: 'object',
    description: `A whole domain as exported by GET /domains/{key}/export and taken by POST /domains/import. Limits: ${IMPORT_LIMITS.bodyBytes / 2 ** 20} MiB, ${IMPORT_LIMITS.depth} levels of nesting, rows per section as in maxItems.`,
    additionalProperties: false,
    required: ['format', 'version', 'exportedAt', 'domain', ...SECTIONS.filter((s) => !OPTIONAL_TOP.includes(s))],
    properties: {
      format: { const: EXPORT_FORMAT },
      version: { enum: [1, EXPORT_VERSION] },
      exportedAt: date,
      source: {
        type: 'object',
        description: 'The Cairn that wrote the file',
        additionalProperties: false,
        required: ['instance'],
        properties: { instance: name(200) },
      },
      auditDiffs: {
        type: 'boolean',
        description: "false: the events' before and after values were left out (the reader is not an admin)",
      },
      domain: ref('DomainExportDomain'),
      ...Object.fromEntries(SECTIONS.map((s) => [s, section(ITEM_SCHEMAS[s], IMPORT_LIMITS.rows[s])])),
    },
  },
  DomainExportDomain: row('The domain itself', {
    id: uuid,
    key: { type: 'string', pattern: '^[A-Z][A-Z0-9]{1,9}$' },
    name: name(200),
    description: text(TEXT),
    stage: oneOf(DOMAIN_STAGES),
    phaseEnteredAt: date,
    lastActivityAt: date,
    held: { type: 'boolean' },
    holdReason: nullable(text(TEXT)),
    atRisk: { type: 'boolean' },
    atRiskReason: nullable(text(TEXT)),
    autoAdvance: { type: 'boolean' },
    thresholds,
    ticketSeq: int(),
    gateRound: int(1),
    createdAt: date,
  }),
  DomainExportUser: row('A person the file names; matched by email', {
    id: uuid,
    email: { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' },
    name: name(200),
  }),
  DomainExportMember: row('A domain role of a person', {
    userId: uuid,
    role: oneOf(DOMAIN_ROLES),
    createdAt: date,
  }),
  DomainExportTicket: row('A ticket', {
    id: uuid,
    number: int(1),
    kind: oneOf(TICKET_KINDS),
    title: name(300),
    body: text(LONG_TEXT),
    phase: oneOf(PHASES),
    status: oneOf(TICKET_STATUSES),
    priority: oneOf(PRIORITIES),
    assigneeId: nullable(uuid),
    reporterId: nullable(uuid),
    dueDate: nullable({ type: 'string', format: 'date' }),
    labels: { type: 'array', maxItems: 20, items: name(40) },
    artifactIds: { type: 'array', maxItems: 50, items: uuid },
    investigationId: nullable(int(1)),
    version: int(1),
    createdAt: date,
    updatedAt: date,
  }),
  DomainExportComment: row('A comment on a ticket or an investigation', {
    id: uuid,
    subjectType: oneOf(['ticket', 'investigation']),
    subjectId: name(40),
    authorId: nullable(uuid),
    body: text(TEXT),
    createdAt: date,
  }),
  DomainExportArtifact: row(
    'A metric, dataset or analysis',
    {
      id: uuid,
      type: oneOf(ARTIFACT_TYPES),
      name: name(200),
      status: oneOf(ARTIFACT_STATUSES),
      description: text(TEXT),
      details: { type: 'object' },
      ownerId: nullable(uuid),
      version: int(1),
      createdAt: date,
      updatedAt: date,
    },
    {
      allOf: ARTIFACT_TYPES.map((type) => ({
        if: { properties: { type: { const: type } } },
        then: { properties: { details: detailsOf(type) } },
      })),
    },
  ),
  DomainExportCaveat: row('A caveat of an artifact', {
    id: uuid,
    artifactId: uuid,
    text: text(TEXT),
    investigationId: nullable(int(1)),
    authorId: nullable(uuid),
    createdAt: date,
  }),
  DomainExportInvestigation: investigationRow,
  DomainExportSignOff: signOff,
  DomainExportEvidence: evidence,
  DomainExportWaiver: waiver,
  DomainExportEvent: auditEvent,
  DomainExportImportedRecord: importedRecord,
};

/** The fields of a section's rows, in the format's order (what the export writes). */
export function sectionFields(s: Section | 'domain'): string[] {
  const schemaName = s === 'domain' ? 'DomainExportDomain' : ITEM_SCHEMAS[s];
  return Object.keys((TRANSFER_SCHEMAS[schemaName] as { properties: Schema }).properties);
}
