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

export const EXPORT_FORMAT = 'cairn-domain-export';
export const EXPORT_VERSION = 1;

/** A field rule of the export format: checked on import before anything is written. */
type Rule =
  | 'uuid'
  | 'string'
  | 'text'
  | 'date'
  | 'date?'
  | 'int'
  | 'int?'
  | 'bool'
  | 'json'
  | 'uuid?'
  | 'string?'
  | 'strings'
  | 'uuids'
  | readonly string[];

/** Each section of the file and the fields every row must have. */
export const SECTIONS = {
  users: { id: 'uuid', email: 'string', name: 'string' },
  members: { userId: 'uuid', role: DOMAIN_ROLES, createdAt: 'date' },
  tickets: {
    id: 'uuid',
    number: 'int',
    kind: TICKET_KINDS,
    title: 'string',
    body: 'text',
    phase: PHASES,
    status: TICKET_STATUSES,
    priority: PRIORITIES,
    assigneeId: 'uuid?',
    reporterId: 'uuid?',
    dueDate: 'string?',
    labels: 'strings',
    artifactIds: 'uuids',
    investigationId: 'int?',
    version: 'int',
    createdAt: 'date',
    updatedAt: 'date',
  },
  comments: {
    id: 'uuid',
    subjectType: ['ticket', 'investigation'],
    subjectId: 'string',
    authorId: 'uuid?',
    body: 'text',
    createdAt: 'date',
  },
  artifacts: {
    id: 'uuid',
    type: ARTIFACT_TYPES,
    name: 'string',
    status: ARTIFACT_STATUSES,
    description: 'text',
    details: 'json',
    ownerId: 'uuid?',
    version: 'int',
    createdAt: 'date',
    updatedAt: 'date',
  },
  caveats: {
    id: 'uuid',
    artifactId: 'uuid',
    text: 'text',
    investigationId: 'int?',
    authorId: 'uuid?',
    createdAt: 'date',
  },
  investigations: {
    id: 'int',
    title: 'string',
    observed: 'text',
    expected: 'text',
    artifactId: 'uuid?',
    severity: SEVERITIES,
    status: INVESTIGATION_STATUSES,
    reporterId: 'uuid?',
    investigatorId: 'uuid?',
    rootCause: 'string?',
    resolution: 'string?',
    dismissReason: 'string?',
    reportedAt: 'date',
    triagedAt: 'date?',
    closedAt: 'date?',
    version: 'int',
    updatedAt: 'date',
  },
  signOffs: {
    id: 'uuid',
    phase: PHASES,
    round: 'int',
    role: DOMAIN_ROLES,
    userId: 'uuid',
    decision: SIGNOFF_DECISIONS,
    comment: 'text',
    evidence: 'json',
    staleAt: 'date?',
    staleReason: 'string?',
    supersededAt: 'date?',
    createdAt: 'date',
  },
  waivers: {
    id: 'uuid',
    phase: PHASES,
    criterion: 'string',
    reason: 'text',
    userId: 'uuid',
    revokedAt: 'date?',
    createdAt: 'date',
  },
  events: {
    at: 'date',
    actorId: 'uuid?',
    action: 'string',
    entityType: 'string',
    entityId: 'string',
    before: 'json',
    after: 'json',
  },
} as const satisfies Record<string, Record<string, Rule>>;

export const DOMAIN_FIELDS = {
  id: 'uuid',
  key: 'string',
  name: 'string',
  description: 'text',
  stage: DOMAIN_STAGES,
  phaseEnteredAt: 'date',
  lastActivityAt: 'date',
  held: 'bool',
  holdReason: 'string?',
  atRisk: 'bool',
  atRiskReason: 'string?',
  autoAdvance: 'bool',
  thresholds: 'json',
  ticketSeq: 'int',
  gateRound: 'int',
  createdAt: 'date',
} as const satisfies Record<string, Rule>;

export type Section = keyof typeof SECTIONS;
export type Row = Record<string, unknown>;

export interface DomainExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  domain: Row;
  users: Row[];
  members: Row[];
  tickets: Row[];
  comments: Row[];
  artifacts: Row[];
  caveats: Row[];
  investigations: Row[];
  signOffs: Row[];
  waivers: Row[];
  events: Row[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkValue(rule: Rule, value: unknown): string | null {
  if (Array.isArray(rule))
    return typeof value === 'string' && rule.includes(value) ? null : `must be one of ${rule.join(', ')}`;
  const optional = typeof rule === 'string' && rule.endsWith('?');
  if (optional && (value === null || value === undefined)) return null;
  switch ((rule as string).replace('?', '')) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? null : 'must be a uuid';
    case 'string':
      return typeof value === 'string' && value.length > 0 && value.length <= 1000
        ? null
        : 'must be a non-empty string of at most 1000 characters';
    case 'text':
      return typeof value === 'string' && value.length <= 100_000
        ? null
        : 'must be a string of at most 100000 characters';
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'must be an ISO date';
    case 'int':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 31
        ? null
        : 'must be a non-negative integer';
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be a boolean';
    case 'json':
      return value === undefined ? 'is required' : null;
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length <= 100)
        ? null
        : 'must be a list of strings';
    case 'uuids':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && UUID.test(v))
        ? null
        : 'must be a list of uuids';
    default:
      return 'has an unknown rule';
  }
}

/** Checks the whole file's shape; returns one entry per invalid field (capped), before anything is written. */
export function validateExport(input: unknown): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const file = input as Partial<DomainExport> | null;
  if (!file || typeof file !== 'object' || Array.isArray(file))
    return [{ field: 'body', message: 'must be a Cairn domain export object' }];
  if (file.format !== EXPORT_FORMAT) errors.push({ field: 'format', message: `must be "${EXPORT_FORMAT}"` });
  if (file.version !== EXPORT_VERSION) errors.push({ field: 'version', message: `must be ${EXPORT_VERSION}` });
  const checkRow = (row: unknown, rules: Record<string, Rule>, where: string) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      errors.push({ field: where, message: 'must be an object' });
      return;
    }
    for (const [field, rule] of Object.entries(rules)) {
      const message = checkValue(rule, (row as Row)[field]);
      if (message) errors.push({ field: `${where}.${field}`, message });
    }
  };
  checkRow(file.domain, DOMAIN_FIELDS, 'domain');
  if (file.domain && typeof file.domain.key === 'string' && !/^[A-Z][A-Z0-9]{1,9}$/.test(file.domain.key)) {
    errors.push({ field: 'domain.key', message: 'must be 2-10 capital letters or digits, starting with a letter' });
  }
  for (const [section, rules] of Object.entries(SECTIONS)) {
    const rows = (file as Record<string, unknown>)[section];
    if (!Array.isArray(rows)) {
      errors.push({ field: section, message: 'must be a list' });
      continue;
    }
    if (rows.length > 200_000) errors.push({ field: section, message: 'has too many rows' });
    rows.forEach((row, index) => checkRow(row, rules, `${section}[${index}]`));
  }
  return errors.slice(0, 100);
}
